import { isKnownCurrency, minorDigits, scaled, type Money } from './money';

// Marker → currency. The sign alone means USD even on a Canadian site: the page said `$`, not `CA$`.
// `¥` is read as JPY (the common case on task sites); Chinese yuan shows as `CN¥` or CNY.
const SYMBOLS: Record<string, string> = {
  'US$': 'USD', '$US': 'USD', $: 'USD', 'CA$': 'CAD', 'C$': 'CAD', '$CA': 'CAD', 'AU$': 'AUD', 'A$': 'AUD',
  '$AU': 'AUD', 'NZ$': 'NZD', '$NZ': 'NZD', 'HK$': 'HKD', '$HK': 'HKD', 'MX$': 'MXN', '$MX': 'MXN',
  'R$': 'BRL', '€': 'EUR', '£': 'GBP', '£GB': 'GBP', '¥': 'JPY', '￥': 'JPY', 'JP¥': 'JPY', 'CN¥': 'CNY',
  '₹': 'INR', '₱': 'PHP', '₩': 'KRW', '₦': 'NGN', '₺': 'TRY', '₽': 'RUB', '₴': 'UAH', '₫': 'VND', '₪': 'ILS',
};
let markers: { prefix: RegExp; suffix: RegExp } | undefined;
/** Built on first use: module-level `new RegExp` would keep these tables in every bundle importing money. */
function markerPatterns(): { prefix: RegExp; suffix: RegExp } {
  if (!markers) {
    const marker = `(?<![A-Za-z])(${Object.keys(SYMBOLS)
      .sort((a, b) => b.length - a.length)
      .map((k) => k.replace(/\$/g, '\\$'))
      .join('|')}|[A-Z]{3})`;
    markers = { prefix: new RegExp(`${marker}\\s*$`), suffix: new RegExp(`^\\s*${marker}(?![A-Za-z])`) };
  }
  return markers;
}
const CENTS = /^\s*(?:¢|cents?(?![A-Za-z]))/i;
// The minus sign (U+2212) and the typographic apostrophe (U+2019) are written as escapes: esbuild leaves a regular
// expression as written, and a page script with one character beyond Latin-1 is kept in two bytes a character
// (wxt.config.ts, nativeBrowser).
// Spaces and apostrophes group only in threes (`1 234,56 €`, `CHF 1'234.50`); `10 100` stays one number.
const NUMBER = /\d{1,3}(?:[ '\u2019]\d{3})+(?!\d)(?:[.,]\d+)*|\d+(?:[.,]\d+)*|[.,]\d+/g;
const BARE = /^[-\u2212]?(?:\d{1,3}(?:[ '\u2019]\d{3})+(?!\d)(?:[.,]\d+)*|\d+(?:[.,]\d+)*|[.,]\d+)$/;

/** A minus sign right before `at`, not one joining a range such as `1-2 €`. */
const signAt = (s: string, at: number) => /[-\u2212]/.test(s[at - 1] ?? '') && !/[\p{L}\p{N}]/u.test(s[at - 2] ?? '');

function markerCurrency(marker: string | undefined): string | null {
  if (!marker) return null;
  const code = SYMBOLS[marker] ?? marker;
  return isKnownCurrency(code) ? code : null;
}

/** `1,234` is a thousand when a ≤2-digit currency is meant: such a currency never shows 3 decimals. */
function splitDigits(raw: string, digits: number): [int: string, frac: string] | null {
  const s = raw.replace(/[ '\u2019]/g, '');
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
    const minus = /[-\u2212]/.test(s[start - 1] ?? '');
    // A marker sits right by the number: a short window keeps long texts linear.
    const from = Math.max(0, start - 12);
    const prefix = markerPatterns().prefix.exec(s.slice(from, minus ? start - 1 : start));
    // `CHF-1'234.50` (de-CH) is negative; `1-2 €` is a range, not minus two.
    const negative = minus ? prefix !== null || signAt(s, start) : prefix !== null && signAt(s, from + prefix.index);
    if (CENTS.test(after)) {
      const parts = splitDigits(match[0], 2);
      if (parts) return scaled(parts[0], parts[1], negative, minorDigits('USD') - 2, 'USD');
      continue;
    }
    const suffixMarker = markerPatterns().suffix.exec(after)?.[1];
    const suffix = markerCurrency(suffixMarker);
    const currency = suffix && suffix === suffixMarker ? suffix : (markerCurrency(prefix?.[1]) ?? suffix);
    if (currency) return amount(match[0], negative, currency);
  }
  const bare = s.trim();
  const fallback = fallbackCurrency?.toUpperCase();
  if (!fallback || !isKnownCurrency(fallback) || !BARE.test(bare)) return null;
  return amount(bare.replace(/^[-\u2212]/, ''), /^[-\u2212]/.test(bare), fallback);
}

function amount(raw: string, negative: boolean, currency: string): Money | null {
  const digits = minorDigits(currency);
  const parts = splitDigits(raw, digits);
  return parts ? scaled(parts[0], parts[1], negative, digits, currency) : null;
}
