import { isKnownCurrency, minorDigits, scaled, type Money } from './money';

// Marker → currency. The sign alone means USD even on a Canadian site: the page said `$`, not `CA$`.
// `¥` is read as JPY (the common case on task sites), unless the amount has two digits of cents (`¥1.50` is
// Chinese, as zh writes it); Chinese yuan also shows as `CN¥` or CNY.
const SYMBOLS: Record<string, string> = {
  'US$': 'USD', '$US': 'USD', 'USD$': 'USD', $: 'USD', 'CA$': 'CAD', 'C$': 'CAD', '$CA': 'CAD', 'CAD$': 'CAD',
  'AU$': 'AUD', 'A$': 'AUD', '$AU': 'AUD', 'AUD$': 'AUD', 'NZ$': 'NZD', '$NZ': 'NZD', 'NZD$': 'NZD', 'HK$': 'HKD',
  '$HK': 'HKD', 'MX$': 'MXN', '$MX': 'MXN', 'S$': 'SGD', 'SGD$': 'SGD', 'R$': 'BRL', '€': 'EUR', '£': 'GBP',
  '£GB': 'GBP', 'UK£': 'GBP', '￡': 'GBP', '¥': 'JPY', '￥': 'JPY', 'JP¥': 'JPY', '円': 'JPY', 'CN¥': 'CNY', '₹': 'INR',
  '₱': 'PHP', '₩': 'KRW', '₦': 'NGN', '₺': 'TRY', '₽': 'RUB', '₴': 'UAH', '₫': 'VND', '₪': 'ILS',
};
let markers: { prefix: RegExp; suffix: RegExp } | undefined;
/**
 * Built on first use: module-level `new RegExp` would keep these tables in every bundle importing money.
 * A marker never touches a letter on its word's side (`NT$`, `USDT` are no USD), except a symbol touching a label's
 * word (one in lower case before it: `NT$` stays unknown): their texts run together when a page puts them in two
 * elements (`<span>Reward</span><span>£1.50</span>` reads "Reward£1.50"; "1,50€Bonus").
 */
function markerPatterns(): { prefix: RegExp; suffix: RegExp } {
  if (!markers) {
    const marker = `(${Object.keys(SYMBOLS)
      .sort((a, b) => b.length - a.length)
      .map((k) => k.replace(/\$/g, '\\$'))
      .join('|')}|[A-Z]{3})`;
    markers = {
      prefix: new RegExp(`(?:(?<![A-Za-z])|(?<=[a-z])(?=[^A-Za-z]))${marker}\\s*$`),
      suffix: new RegExp(`^\\s*${marker}(?:(?![A-Za-z])|(?<=[^A-Za-z$]))`),
    };
  }
  return markers;
}
// Dollar signs written before the amount (`$`, `US$`, `CA$`…, not Brazil's `R$`) and the pound sign (U+00A3): the
// markers of pages that write the decimal point as a point.
const POINT_DECIMAL = /^(?:(?!R\$)[A-Z]{0,3}\$|\u00A3)$/;
// The yen sign alone, half or full width (U+00A5, U+FFE5), which China's yuan shares.
const YEN = /^[\u00A5\uFFE5]$/;
// Symbols that English pages write before the amount (`£` U+00A3, `¥` U+00A5, `₹` U+20B9).
const LEADING = /^(?:\$|\u00A3|\u00A5|\u20B9)$/;
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

/**
 * `1,234` is a thousand when a ≤2-digit currency is meant: such a currency never shows 3 decimals. `pointDecimal`:
 * the marker is one English pages write (`$`, `US$`, `£`), and they never group with a point: `$10.999` is ten
 * dollars and a fraction (rounded), not 10,999.
 */
function splitDigits(raw: string, digits: number, pointDecimal = false): [int: string, frac: string] | null {
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
  const pointFraction = pointDecimal && sep === '.';
  if (groups.length > 2 || (/^\d{3}$/.test(groups[1] ?? '') && digits < 3 && !pointFraction && validGroups(groups))) {
    return validGroups(groups) ? [groups.join(''), ''] : null;
  }
  return [groups[0] ?? '', groups[1] ?? ''];
}

/**
 * Reads the first amount with a currency marker next to it, as task pages show them (`$0.50`, `1,50 €`,
 * `US$0.05`, `0,05 $US`, `KWD 1.250`, `Reward: $1,234.56`, `£9.00/hr`). Rules:
 * - a `.` or `,` followed by 1–2 or 4+ digits is the decimal point; followed by exactly 3 digits it groups
 *   thousands, unless the integer part is 0 (`$0.125`), the currency has 3 minor digits (KWD, BHD) or the
 *   separator is a point after a dollar or pound sign (`$1.125`: English pages never group with a point);
 * - extra fraction digits round half up (`$0.125` → 13); a leading minus gives a negative amount;
 * - `50¢` and `5 cents` are US cents; an ISO code next to the number beats a symbol (`$5 CAD` is CAD);
 * - the fallback currency applies only to a bare number (`0.5`), never to `10 mins`.
 */
export function parseMoney(text: string, fallbackCurrency?: string): Money | null {
  // Full-width forms (`＄１．５０`, Japanese pages) as their ASCII letters, digits and signs. (The digits of Arabic,
  // Persian or Hindi pages are not read: no task site known writes its amounts so, and each byte here is on every
  // custom site's pages.)
  const s = text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u00A0\u2007\u2009\u202F\u3000]/g, ' ')
    // Direction marks that right-to-left pages put around amounts (U+200F before `1.50` and `€` in he) are no text.
    .replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
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
    const prefixCurrency = markerCurrency(prefix?.[1]);
    const suffixMatch = markerPatterns().suffix.exec(after);
    // `Task 12 $0.50`: a symbol written before amounts that has an amount right after it is that amount's.
    const leads = suffixMatch && LEADING.test(suffixMatch[1] ?? '') && /^\s*[.,]?\d/.test(after.slice(suffixMatch[0].length));
    const suffixMarker = leads && !prefixCurrency ? undefined : suffixMatch?.[1];
    const suffix = markerCurrency(suffixMarker);
    const byCode = suffix !== null && suffix === suffixMarker;
    const marker = byCode || !prefixCurrency ? suffixMarker : prefix?.[1];
    let currency = byCode ? suffix : (prefixCurrency ?? suffix);
    // A yen sign with two digits of cents is China's (`¥1.50` in zh): Japan's yen has no minor unit.
    if (currency === 'JPY' && YEN.test(marker ?? '') && splitDigits(match[0], 2)?.[1].length === 2) currency = 'CNY';
    if (currency) return amount(match[0], negative, currency, POINT_DECIMAL.test(marker ?? ''));
  }
  const bare = s.trim();
  const fallback = fallbackCurrency?.toUpperCase();
  if (!fallback || !isKnownCurrency(fallback) || !BARE.test(bare)) return null;
  return amount(bare.replace(/^[-\u2212]/, ''), /^[-\u2212]/.test(bare), fallback);
}

function amount(raw: string, negative: boolean, currency: string, pointDecimal = false): Money | null {
  const digits = minorDigits(currency);
  const parts = splitDigits(raw, digits, pointDecimal);
  return parts ? scaled(parts[0], parts[1], negative, digits, currency) : null;
}
