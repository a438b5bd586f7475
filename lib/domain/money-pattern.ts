import { minorDigits } from './money';

/**
 * How one locale writes amounts of one currency, read from `Intl` once (in the background), so that a page can
 * write amounts of that currency without building an `Intl` formatter: the first one a page builds costs it
 * ~15–20 ms (ICU's start). Written amounts equal `formatMoney`'s for every non-negative amount (a property test
 * checks many locales and currencies). Pure: no browser API.
 */
export interface MoneyPattern {
  currency: string;
  prefix: string;
  suffix: string;
  decimal: string;
  group: string;
  /** Digits in the last group, and in each group before it (3 and 3; 3 and 2 in India). */
  primary: number;
  secondary: number;
  /** The fewest digits before the first separator (2 in Spanish and Polish: "1234,56 €", "12 345,67 €"). */
  minGrouping: number;
  fraction: number;
  /** The locale's own digits, 0 to 9. */
  digits: string;
}

const patterns = new Map<string, MoneyPattern>();

/**
 * The pattern of `currency` in `locale`, made once per pair: the background sends one with every overlay message (a
 * task's events, each of 20 task tabs' decisions), and each made a formatter and read five amounts' parts
 * (~175 ms of the service worker's profile over 40 page loads with 20 task tabs, issue 18). Frozen: callers share
 * them.
 */
export function moneyPattern(currency: string, locale: string): MoneyPattern {
  const key = `${locale}|${currency}`;
  let pattern = patterns.get(key);
  if (!pattern) patterns.set(key, (pattern = Object.freeze(makePattern(currency, locale))));
  return pattern;
}

function makePattern(currency: string, locale: string): MoneyPattern {
  const fraction = minorDigits(currency);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: fraction, maximumFractionDigits: fraction });
  const parts = (n: string) => format.formatToParts(`${n}${fraction ? `.${'0'.repeat(fraction)}` : ''}` as Intl.StringNumericLiteral);
  const big = parts('1234567890');
  const first = big.findIndex((p) => p.type === 'integer');
  const last = big.findLastIndex((p) => p.type === 'integer' || p.type === 'fraction');
  const groups = big.filter((p) => p.type === 'integer').map((p) => p.value);
  const native = groups.join('');
  const digits = [...'0123456789'].map((d) => native['1234567890'.indexOf(d)] ?? d).join('');
  const primary = groups.at(-1)!.length;
  const secondary = groups.length > 2 ? groups.at(-2)!.length : primary;
  const grouped = (n: string) => parts(n).filter((p) => p.type === 'group').length > 0;
  let minGrouping = 1;
  while (minGrouping < 4 && !grouped('9'.repeat(primary + minGrouping))) minGrouping++;
  return {
    currency,
    prefix: big.slice(0, first).map((p) => p.value).join(''),
    suffix: big.slice(last + 1).map((p) => p.value).join(''),
    decimal: big.find((p) => p.type === 'decimal')?.value ?? '.',
    group: big.find((p) => p.type === 'group')?.value ?? '',
    primary,
    secondary,
    minGrouping,
    fraction,
    digits,
  };
}

/** A non-negative amount (minor units of the pattern's currency) written as `formatMoney` writes it. */
export function formatWithPattern(p: MoneyPattern, minor: number): string {
  const abs = String(Math.max(0, Math.trunc(minor))).padStart(p.fraction + 1, '0');
  let int = abs.slice(0, abs.length - p.fraction);
  if (p.group && int.length >= p.primary + p.minGrouping) {
    const groups = [int.slice(-p.primary)];
    let rest = int.slice(0, -p.primary);
    while (rest.length > p.secondary) {
      groups.unshift(rest.slice(-p.secondary));
      rest = rest.slice(0, -p.secondary);
    }
    int = [rest, ...groups].join('\u0000');
  }
  const native = (s: string) => s.replace(/\d/g, (d) => p.digits[Number(d)]!).replaceAll('\u0000', p.group);
  return `${p.prefix}${native(int)}${p.fraction ? `${p.decimal}${native(abs.slice(-p.fraction))}` : ''}${p.suffix}`;
}
