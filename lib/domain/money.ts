/**
 * Money as integer minor units of one ISO 4217 currency. Pure: no browser APIs, no clock.
 * Amounts are built from digit strings with BigInt and never summed as floats, so 0.1 + 0.2 stays 30 cents.
 * Rounding everywhere is half up on the magnitude (half away from zero): -0.005 USD → -1 minor.
 */
export interface Money {
  minor: number;
  currency: string;
}

/** 1 unit of `from` = `rate` units of `to`, as the worker typed it. */
export interface ExchangeRate {
  from: string;
  to: string;
  rate: number;
  /** When the worker entered it (wall ms); absent for rates entered before Centime kept the date. */
  enteredAt?: number;
}

export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Cannot combine ${expected} with ${actual}`);
  }
}

// Intl objects are slow to build and a history page formats thousands of amounts. The platforms' own currencies
// start out known, with the digits Intl gives them (tests/unit/domain/money.test.ts checks): the first currency
// formatter built in a page costs ~15–20 ms (ICU's start), which every platform page would pay to read a reward.
export const PLATFORM_CURRENCY_DIGITS: readonly (readonly [string, number])[] = [['USD', 2], ['GBP', 2], ['EUR', 2]];
const digitsCache = new Map<string, number>(PLATFORM_CURRENCY_DIGITS);
const formatCache = new Map<string, Intl.NumberFormat>();
let knownCodes: Set<string> | undefined;

export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    const options = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions();
    digits = options.maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** A real ISO 4217 code: NumberFormat accepts any three letters, so prefer the list of supported values. */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  knownCodes ??= new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : []);
  return knownCodes.size === 0 || knownCodes.has(code);
}

export function isMoney(x: unknown): x is Money {
  if (typeof x !== 'object' || x === null) return false;
  const { minor, currency } = x as Record<string, unknown>;
  return Number.isSafeInteger(minor) && typeof currency === 'string' && /^[A-Z]{3}$/.test(currency);
}

export const zero = (currency: string): Money => ({ minor: 0, currency });

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

/** Throws a RangeError past 2^53 minor units rather than silently losing cents. */
function checked(minor: bigint | number, currency: string): Money {
  const value = Number(minor);
  if (!Number.isSafeInteger(value)) throw new RangeError(`${currency} amount out of range`);
  return { minor: value, currency };
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return checked(a.minor + b.minor, a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return checked(a.minor - b.minor, a.currency);
}

export function sumMoney(list: readonly Money[], currency: string): Money {
  return list.reduce(addMoney, zero(currency));
}

/** n / d rounded half away from zero, in integers. Shared with rate.ts. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d < 0n) [n, d] = [-n, -d];
  const q = n / d;
  const r = n % d;
  if (2n * (r < 0n ? -r : r) < d) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/** A finite number as the exact fraction of its shortest decimal form (what a person typed, not the binary float). */
export function exactFraction(x: number): [bigint, bigint] {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new RangeError(`not a finite number: ${x}`);
  const [, sign = '', int = '0', frac = '', exp = '0'] = m;
  const e = Number(exp) - frac.length;
  const digits = BigInt(sign + int + frac);
  return e >= 0 ? [digits * 10n ** BigInt(e), 1n] : [digits, 10n ** BigInt(-e)];
}

/**
 * The largest amount Centime takes, in minor units ($100,000,000.00; ¥10,000,000,000): no task, balance or
 * transfer comes near it, and a year's 100,000 tasks of it would still sum to an exact integer (past 2^53 a sum
 * throws). A page, file or message that says more is wrong: read as no amount, never summed.
 */
export const MAX_MINOR = 10_000_000_000;

/** An amount a platform could mean: at most `MAX_MINOR` either way; else none. For what pages and files say. */
export const plausible = (money: Money | null): Money | null => (money && Math.abs(money.minor) <= MAX_MINOR ? money : null);

/** `int.frac` scaled by 10^places, rounded; null past the safe-integer range. */
export function scaled(int: string, frac: string, negative: boolean, places: number, currency: string): Money | null {
  const minor = divRound(BigInt((int || '0') + frac) * 10n ** BigInt(places), 10n ** BigInt(frac.length));
  const value = Number(negative ? -minor : minor);
  return Number.isSafeInteger(value) ? { minor: value, currency } : null;
}

/** A plain machine decimal (`0.5`, `-12.345`): no heuristics, for JSON amounts such as MTurk's `amountInDollars`. */
export function moneyFromDecimal(decimal: string, currency: string): Money | null {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(decimal.trim());
  if (!m || !/\d/.test(decimal) || !/^[A-Z]{3}$/.test(currency)) return null;
  return scaled(m[2] ?? '', m[3] ?? '', m[1] === '-', minorDigits(currency), currency);
}

/**
 * The amount in major units as a number for a file a spreadsheet reads (5.5 for $5.50), built from the digits of
 * the integer minor units (no float division), so that it prints back exactly as those digits.
 */
export function majorAmount(money: Money): number {
  const digits = minorDigits(money.currency);
  const abs = String(Math.abs(money.minor)).padStart(digits + 1, '0');
  const text = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  return Number(money.minor < 0 ? `-${text}` : text);
}

/**
 * The formatter of the first locale Intl takes: a locale it refuses (`en_US`, as `@@ui_locale` writes it; '') must
 * not throw a whole page's figures away. A currency it refuses still throws, from the last try.
 */
function numberFormat(locales: string[], options: Intl.NumberFormatOptions): Intl.NumberFormat {
  for (const locale of locales.slice(0, -1)) {
    try {
      return new Intl.NumberFormat(locale, options);
    } catch {
      // Next.
    }
  }
  return new Intl.NumberFormat(locales.at(-1), options);
}

export function formatMoney(money: Money, locale = 'en'): string {
  const digits = minorDigits(money.currency);
  const key = `${locale}|${money.currency}`;
  let format = formatCache.get(key);
  if (!format) {
    const options = { style: 'currency', currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits } as const;
    format = numberFormat([locale, locale.replace(/_/g, '-'), 'en'], options);
    formatCache.set(key, format);
  }
  // A decimal string is formatted exactly; a float quotient could be off by a cent near 2^53.
  const abs = String(Math.abs(money.minor)).padStart(digits + 1, '0');
  const int = abs.slice(0, abs.length - digits);
  const decimal = `${money.minor < 0 ? '-' : ''}${int}${digits ? `.${abs.slice(-digits)}` : ''}`;
  return format.format(decimal as Intl.StringNumericLiteral);
}

/**
 * Converts with the worker's own rates: a direct rate, else the inverse of the reverse one; null when none is
 * known. The rate is used as the exact decimal the worker typed, so no float touches the amount.
 */
export function convertMoney(money: Money, to: string, rates: readonly ExchangeRate[]): Money | null {
  if (money.currency === to) return money;
  const usable = (r: ExchangeRate) => Number.isFinite(r.rate) && r.rate > 0;
  const direct = rates.find((r) => r.from === money.currency && r.to === to && usable(r));
  const reverse = rates.find((r) => r.from === to && r.to === money.currency && usable(r));
  const rate = direct ?? reverse;
  if (!rate) return null;
  const [n, d] = exactFraction(rate.rate);
  const [num, den] = direct ? [n, d] : [d, n];
  const shift = minorDigits(to) - minorDigits(money.currency);
  const scale = 10n ** BigInt(Math.abs(shift));
  const minor = divRound(BigInt(money.minor) * num * (shift > 0 ? scale : 1n), den * (shift < 0 ? scale : 1n));
  const value = Number(minor);
  return Number.isSafeInteger(value) ? { minor: value, currency: to } : null;
}

/**
 * `money` in `to` and the worker's rate that converted it (null when none was needed): the rule of
 * `convertMoney` (a direct rate first, else the inverse of a reverse one), asked one rate at a time to know which.
 */
export function convertWith(money: Money, to: string, rates: readonly ExchangeRate[]): { money: Money; rate: ExchangeRate | null } | null {
  if (money.currency === to) return { money, rate: null };
  const direct = rates.filter((r) => r.from === money.currency && r.to === to);
  const reverse = rates.filter((r) => r.from === to && r.to === money.currency);
  for (const rate of [...direct, ...reverse]) {
    const converted = convertMoney(money, to, [rate]);
    if (converted) return { money: converted, rate };
  }
  return null;
}

// Parsing page text lives in its own module, built lazily, so that a content script that only formats money
// does not carry the parser's tables.
export { parseMoney } from './money-parse';
