import { firstDayOfWeek } from '../../../lib/domain/periods';
import type { FiguresQuery, Grouping } from '../../../lib/domain/history-figures';

// Dates, delays and shares of the history's figures, in the UI locale, through Intl.

/** A local day (YYYY-MM-DD) as an instant every time zone formats as that day (noon UTC, read in UTC). */
const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);

/** A group's name: a day in full, a week as its range, a month by name (cut to the range: as a range). */
export function groupText(from: string, to: string, grouping: Grouping, locale: string): string {
  if (grouping === 'day' || from === to) {
    return new Intl.DateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(noon(from));
  }
  const whole = grouping === 'month' && from.endsWith('-01') && nextMonthStart(from) === nextDayOf(to);
  if (whole) return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(noon(from));
  return rangeDays(from, to, locale);
}

/** Two days as a range: "Nov 23 – 29, 2026". */
export function rangeDays(from: string, to: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(noon(from), noon(to));
}

/** A short label for a chart's axis: "Nov 27", or "Nov 2026" for a month. */
export function axisText(day: string, grouping: Grouping, locale: string): string {
  const options: Intl.DateTimeFormatOptions = grouping === 'month' ? { month: 'short', year: 'numeric' } : { month: 'short', day: 'numeric' };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(noon(day));
}

const DAY_MS = 86_400_000;

/** An approval delay in days (one decimal under ten days), as the language writes it: "2.5 days", "2,5 jours". */
export function delayText(ms: number, locale: string): string {
  const days = ms / DAY_MS;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: days < 10 ? 1 : 0 }).format(days);
}

/** A share as a percentage: "25%", "25 %". */
export function shareText(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

function nextDayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

function nextMonthStart(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** The query a page starts with: this month, day by day, weeks starting on the locale's first day. */
export function defaultQuery(today: string, locale: string): FiguresQuery {
  return { from: `${today.slice(0, 7)}-01`, to: today, grouping: 'day', firstDay: firstDayOfWeek(locale) };
}
