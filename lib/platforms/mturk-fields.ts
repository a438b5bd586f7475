import { moneyFromDecimal, plausible, type Money } from '../domain/money';
import { isRecord, num, str } from './react-props';

/**
 * Guards for the fields MTurk's pages carry, shared by the readers. Page JSON is untrusted: each guard returns
 * undefined (or null for money) rather than a value of the wrong kind, and never throws.
 */

/** An MTurk id (assignment, HIT, group, requester): letters and digits only, so it is safe in a URL. */
export function mturkId(value: unknown): string | undefined {
  const s = str(value);
  return s && /^[A-Z0-9]{1,64}$/i.test(s) ? s : undefined;
}

/**
 * Page text as the page shows it, within the bounds the background's schemas set (titles 500, names 200). Runs
 * of white space (newlines, tabs) are one space, as HTML renders them; markup stays text. A longer text (MTurk
 * caps titles at 128 characters, but a page may say more) is cut with "…" rather than dropped, never inside a
 * surrogate pair, so the task keeps a title.
 */
export function pageText(value: unknown, max: number): string | undefined {
  const s = str(value)?.replace(/\s+/g, ' ');
  if (!s || s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** A state name such as 'Assigned' or 'Paid': short words only. */
export function stateName(value: unknown): string | undefined {
  const s = str(value);
  return s && /^[A-Za-z][A-Za-z _-]{0,39}$/.test(s) ? s : undefined;
}

/**
 * A reward as MTurk's JSON gives it: `{ amountInDollars, currencyCode }` on task pages,
 * `{ amount_in_dollars, currency_code }` in tables, or a bare number of dollars (status details). The amount
 * is a JSON number: read as the decimal it was written as, never through parseMoney.
 */
export function rewardOf(value: unknown): Money | null {
  const record = isRecord(value);
  const raw = record ? (value.amountInDollars ?? value.amount_in_dollars) : value;
  const amount = num(raw);
  const currency = ((record ? str(value.currencyCode ?? value.currency_code) : undefined) ?? 'USD').toUpperCase();
  // Dollars written as the page shows them ("$0.50", nothing else): only ever dollars, so only when the currency is.
  if (amount === undefined) return typeof raw === 'string' && DOLLARS.test(raw) && currency === 'USD' ? shownDollars(raw) : null;
  if (amount < 0) return null;
  return plausible(moneyFromDecimal(String(raw).trim(), currency));
}

const DOLLARS = /^\s*\$\s?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?\s*$/;

/**
 * An amount as MTurk's own pages show it in visible text ("$1,234.56"): always US dollars there.
 * Not parseMoney: its many currencies and separators cost about 1 kB gzipped in an ~8 kB content script, and
 * nothing but dollars ever appears on these pages; anything else (or a negative amount) is refused, not guessed.
 */
export function shownDollars(text: string): Money | null {
  const m = /(^|[^\w$-])\$\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d,])/.exec(text);
  return m ? plausible(moneyFromDecimal(`${(m[2] ?? '').replace(/,/g, '')}${m[3] ?? ''}`, 'USD')) : null;
}

/** MTurk allots a task at most a year. */
export const YEAR_SEC = 365 * 24 * 3600;

/** A whole number of seconds (durations, time left), up to a year. */
export function seconds(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && n >= 0 && n <= YEAR_SEC ? Math.round(n) : undefined;
}

// A time zone is required: without one, Date.parse would read the time in the browser's own zone.
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;

/** Wall-clock ms of an ISO 8601 time such as `2026-11-20T17:04:05.000Z`. */
export function isoTime(value: unknown): number | undefined {
  const s = str(value);
  const ms = s && ISO_TIME.test(s) ? Date.parse(s) : NaN;
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** An absolute URL for a link the page gives (often relative), kept only when it stays on the page's origin. */
export function sameOriginUrl(value: unknown, base: URL): string | undefined {
  const s = str(value);
  if (!s) return undefined;
  try {
    const url = new URL(s, base.origin);
    return url.origin === base.origin && url.href.length <= 2000 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

/** The first calendar date in a text: `2026-11-20`, `Nov 20, 2026`, `November 20 2026` or `11/20/2026`. */
export function calendarDate(text: string): string | undefined {
  let m = /\b(\d{4})-(\d\d)-(\d\d)/.exec(text);
  let ymd = m && [m[1], m[2], m[3]];
  if (!ymd && (m = /\b([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text))) {
    const month = MONTHS.indexOf((m[1] ?? '').toLowerCase());
    if (month >= 0 && month % 3 === 0) ymd = [m[3], String(month / 3 + 1), m[2]];
  }
  if (!ymd && (m = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(text))) ymd = [m[3], m[1], m[2]];
  if (!ymd) return undefined;
  const [y, mo, d] = ymd.map(Number) as [number, number, number];
  // Round-trip through a UTC date to refuse 2026-02-30 and the like.
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** Collapsed, trimmed text of an element. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
