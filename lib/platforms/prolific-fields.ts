import { parseMoney, plausible, type Money } from '../domain/money';

/**
 * Readers of the visible text Prolific's pages show ("£1.50", "1 hour 5 mins", "14 Nov 2026, 10:32"). Page
 * text is untrusted: each returns undefined (or null for money) rather than a value of the wrong kind, and
 * never throws.
 */

/** Collapsed, trimmed text of an element: tags inside it never reach us, only their text. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Text within the bounds the background's schemas set (titles 500, names 200): longer is no study's text
 * (Prolific caps study names far below that), so it is dropped rather than cut.
 */
export function boundedText(text: string, max: number): string | undefined {
  return text !== '' && text.length <= max ? text : undefined;
}

/** An amount with its currency marker (`£1.50`, `$12.00/hr`); null without one, or when negative. */
export function shownMoney(text: string): Money | null {
  // Long texts are not amounts: parseMoney would scan them all for nothing.
  const money = text.length <= 100 ? plausible(parseMoney(text)) : null;
  return money && money.minor >= 0 ? money : null;
}

// Prolific pays in pounds or dollars: only those markers start an amount in a cell that may hold several.
const AMOUNT = /(US\$|\$|£)\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/g;

/**
 * Every amount a cell shows, in order, leaving out rates (`£9.00/hr`) and deductions (`-£0.20`). A bare
 * number (`1.20`) has no currency: it is no amount, rather than a guessed one.
 */
export function amountsIn(text: string): Money[] {
  const found: Money[] = [];
  for (const match of text.slice(0, 500).matchAll(AMOUNT)) {
    const before = text.slice(0, match.index).trimEnd();
    const after = text.slice(match.index + match[0].length);
    if (/[-−]$/.test(before) || /^\s*\/\s*h/i.test(after)) continue;
    const money = shownMoney(match[0]);
    if (money) found.push(money);
  }
  return found;
}

const HOUR = 3600;
/** Durations beyond a year are no study's. */
const YEAR_SEC = 365 * 24 * HOUR;
// Longest spellings first, and a unit must end its word: "2 months" is not two minutes.
const DURATION = /(\d+(?:[.,]\d+)?)\s*(hours|hour|hrs|hr|h|minutes|minute|mins|min|m|seconds|second|secs|sec|s)(?![a-z])/gi;

/**
 * Seconds in a duration as Prolific writes it: "10 mins", "1 hour 5 mins", "1 hr", "45 min", "1h 30m",
 * "90 seconds", "1.5 hours". A number left without a unit (a range such as "10-15 mins") makes the whole
 * text unreadable rather than half read.
 */
export function durationSec(text: string): number | undefined {
  if (text.length > 100) return undefined;
  let total = 0;
  let found = false;
  const rest = text.replace(DURATION, (_, amount: string, unit: string) => {
    const scale = /^h/i.test(unit) ? HOUR : /^m/i.test(unit) ? 60 : 1;
    total += Number(amount.replace(',', '.')) * scale;
    found = true;
    return ' ';
  });
  if (!found || /\d/.test(rest)) return undefined;
  const sec = Math.round(total);
  return Number.isSafeInteger(sec) && sec <= YEAR_SEC ? sec : undefined;
}

const MONTHS = 'january february march april may june july august september october november december'.split(' ');

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = MONTHS.findIndex((m) => w.length >= 3 && (m.startsWith(w) || (w === 'sept' && m === 'september')));
  return i >= 0 ? i + 1 : undefined;
}

/**
 * The first calendar date in a text, as YYYY-MM-DD: `2026-11-14`, `14 Nov 2026` (Prolific's, a British
 * site's order), `14th November 2026` or `Nov 14, 2026`. All-number dates such as `05/11/2026` are left out:
 * day and month cannot be told apart.
 */
export function shownDate(text: string): string | undefined {
  const s = text.slice(0, 200);
  let m = /\b(\d{4})-(\d\d)-(\d\d)(?!\d)/.exec(s);
  let ymd: [number, number | undefined, number] | undefined = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
  if (!ymd && (m = /\b(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9})\.?,? (\d{4})\b/.exec(s))) {
    ymd = [Number(m[3]), monthOf(m[2] ?? ''), Number(m[1])];
  }
  if (!ymd && (m = /\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/.exec(s))) {
    ymd = [Number(m[3]), monthOf(m[1] ?? ''), Number(m[2])];
  }
  const [y, mo, d] = ymd ?? [];
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  // Round-trip through a UTC date to refuse 30 Feb and the like.
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}
