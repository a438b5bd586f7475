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

// Intl objects are slow to build and a history page formats thousands of amounts.
const digitsCache = new Map<string, number>();
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

/** `int.frac` scaled by 10^places, rounded; null past the safe-integer range. */
function scaled(int: string, frac: string, negative: boolean, places: number, currency: string): Money | null {
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

export function formatMoney(money: Money, locale = 'en'): string {
  const digits = minorDigits(money.currency);
  const key = `${locale}|${money.currency}`;
  let format = formatCache.get(key);
  if (!format) {
    const options = { style: 'currency', currency: money.currency, minimumFractionDigits: digits } as const;
    format = new Intl.NumberFormat(locale, { ...options, maximumFractionDigits: digits });
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

// Marker → currency. The sign alone means USD even on a Canadian site: the page said `$`, not `CA$`.
// `¥` is read as JPY (the common case on task sites); Chinese yuan shows as `CN¥` or CNY.
const SYMBOLS: Record<string, string> = {
  'US$': 'USD', '$US': 'USD', $: 'USD', 'CA$': 'CAD', 'C$': 'CAD', '$CA': 'CAD', 'AU$': 'AUD', 'A$': 'AUD',
  '$AU': 'AUD', 'NZ$': 'NZD', '$NZ': 'NZD', 'HK$': 'HKD', '$HK': 'HKD', 'MX$': 'MXN', '$MX': 'MXN',
  'R$': 'BRL', '€': 'EUR', '£': 'GBP', '£GB': 'GBP', '¥': 'JPY', '￥': 'JPY', 'JP¥': 'JPY', 'CN¥': 'CNY',
  '₹': 'INR', '₱': 'PHP', '₩': 'KRW', '₦': 'NGN', '₺': 'TRY', '₽': 'RUB', '₴': 'UAH', '₫': 'VND', '₪': 'ILS',
};
const MARKER = `(?<![A-Za-z])(${Object.keys(SYMBOLS)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(/\$/g, '\\$'))
  .join('|')}|[A-Z]{3})`;
const PREFIX = new RegExp(`${MARKER}\\s*$`);
const SUFFIX = new RegExp(`^\\s*${MARKER}(?![A-Za-z])`);
const CENTS = /^\s*(?:¢|cents?(?![A-Za-z]))/i;
// Spaces and apostrophes group only in threes (`1 234,56 €`, `CHF 1'234.50`); `10 100` stays one number.
const NUMBER = /\d{1,3}(?:[ '’]\d{3})+(?!\d)(?:[.,]\d+)*|\d+(?:[.,]\d+)*|[.,]\d+/g;
const BARE = new RegExp(`^[-−]?(?:${NUMBER.source})$`);

/** A minus sign right before `at`, not one joining a range such as `1-2 €`. */
const signAt = (s: string, at: number) => /[-−]/.test(s[at - 1] ?? '') && !/[\p{L}\p{N}]/u.test(s[at - 2] ?? '');

function markerCurrency(marker: string | undefined): string | null {
  if (!marker) return null;
  const code = SYMBOLS[marker] ?? marker;
  return isKnownCurrency(code) ? code : null;
}

/** `1,234` is a thousand when a ≤2-digit currency is meant: such a currency never shows 3 decimals. */
function splitDigits(raw: string, digits: number): [int: string, frac: string] | null {
  const s = raw.replace(/[ '’]/g, '');
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot < 0 && comma < 0) return [s, ''];
  const last = Math.max(dot, comma);
  const sep = s[last] ?? '.';
  const other = sep === '.' ? ',' : '.';
  const groups = s.split(sep);
  const validGroups = (parts: string[]) =>
    parts.length > 1 &&
    /^[1-9]\d{0,2}$/.test(parts[0] ?? '') &&
    parts.slice(1, -1).every((g) => /^\d{2,3}$/.test(g)) &&
    /^\d{3}$/.test(parts.at(-1) ?? '');
  if (s.includes(other)) {
    // Both kinds: the last one is the decimal point, the other groups (`1,234.56`, `1.234,56`).
    const int = s.slice(0, last).split(other);
    return groups.length === 2 && validGroups(int) ? [int.join(''), s.slice(last + 1)] : null;
  }
  if (groups.length > 2 || (/^\d{3}$/.test(groups[1] ?? '') && digits < 3 && validGroups(groups))) {
    return validGroups(groups) ? [groups.join(''), ''] : null;
  }
  return [groups[0] ?? '', groups[1] ?? ''];
}

/**
 * Reads the first amount with a currency marker next to it, as task pages show them (`$0.50`, `1,50 €`,
 * `US$0.05`, `0,05 $US`, `KWD 1.250`, `Reward: $1,234.56`, `£9.00/hr`). Rules:
 * - a `.` or `,` followed by 1–2 or 4+ digits is the decimal point; followed by exactly 3 digits it groups
 *   thousands, unless the integer part is 0 (`$0.125`) or the currency has 3 minor digits (KWD, BHD);
 * - extra fraction digits round half up (`$0.125` → 13); a leading minus gives a negative amount;
 * - `50¢` and `5 cents` are US cents; an ISO code next to the number beats a symbol (`$5 CAD` is CAD);
 * - the fallback currency applies only to a bare number (`0.5`), never to `10 mins`.
 */
export function parseMoney(text: string, fallbackCurrency?: string): Money | null {
  const s = text.replace(/[\u00A0\u2007\u2009\u202F]/g, ' ');
  for (const match of s.matchAll(NUMBER)) {
    const start = match.index;
    const after = s.slice(start + match[0].length);
    const minus = /[-−]/.test(s[start - 1] ?? '');
    // A marker sits right by the number: a short window keeps long texts linear.
    const from = Math.max(0, start - 12);
    const prefix = PREFIX.exec(s.slice(from, minus ? start - 1 : start));
    // `CHF-1'234.50` (de-CH) is negative; `1-2 €` is a range, not minus two.
    const negative = minus ? prefix !== null || signAt(s, start) : prefix !== null && signAt(s, from + prefix.index);
    if (CENTS.test(after)) {
      const parts = splitDigits(match[0], 2);
      if (parts) return scaled(parts[0], parts[1], negative, minorDigits('USD') - 2, 'USD');
      continue;
    }
    const suffixMarker = SUFFIX.exec(after)?.[1];
    const suffix = markerCurrency(suffixMarker);
    const currency = suffix && suffix === suffixMarker ? suffix : (markerCurrency(prefix?.[1]) ?? suffix);
    if (currency) return amount(match[0], negative, currency);
  }
  const bare = s.trim();
  const fallback = fallbackCurrency?.toUpperCase();
  if (!fallback || !isKnownCurrency(fallback) || !BARE.test(bare)) return null;
  return amount(bare.replace(/^[-−]/, ''), /^[-−]/.test(bare), fallback);
}

function amount(raw: string, negative: boolean, currency: string): Money | null {
  const digits = minorDigits(currency);
  const parts = splitDigits(raw, digits);
  return parts ? scaled(parts[0], parts[1], negative, digits, currency) : null;
}
