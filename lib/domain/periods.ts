/**
 * The periods the popup reviews: today, this week, this month, as ranges of local days (YYYY-MM-DD). Pure:
 * the day is passed in, and the first day of the week comes from the locale through an injectable reader
 * (Chromium and Firefox do not expose `Intl.Locale`'s week info the same way).
 */
import { nextDay } from './summary';

export type PeriodKind = 'day' | 'week' | 'month';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

type WeekInfo = { firstDay?: number };
type LocaleWithWeek = Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };

/** What the browser says of a locale's week (`getWeekInfo()` in newer engines, the `weekInfo` getter in older). */
export function browserWeekInfo(locale: string): WeekInfo | undefined {
  try {
    const l = new Intl.Locale(locale) as LocaleWithWeek;
    return typeof l.getWeekInfo === 'function' ? l.getWeekInfo() : l.weekInfo;
  } catch {
    return undefined;
  }
}

/** The first day of the week where the worker lives: the locale's, Monday where the browser does not say. */
export function firstDayOfWeek(locale: string, read: (locale: string) => WeekInfo | undefined = browserWeekInfo): Weekday {
  const day = read(locale)?.firstDay;
  return typeof day === 'number' && Number.isInteger(day) && day >= 1 && day <= 7 ? (day as Weekday) : 1;
}

const parts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** The day `n` days before or after (negative: before). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day. */
export function weekdayOf(day: string): Weekday {
  const [y, m, d] = parts(day);
  return (((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1) as Weekday;
}

/** The local days of the period that holds `today`, first and last included. */
export function periodDays(kind: PeriodKind, today: string, firstDay: Weekday = 1): { from: string; to: string } {
  if (kind === 'day') return { from: today, to: today };
  if (kind === 'week') {
    const from = addDays(today, -((weekdayOf(today) - firstDay + 7) % 7));
    return { from, to: addDays(from, 6) };
  }
  const [y, m] = parts(today);
  const from = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
  return { from, to: addDays(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10), -1) };
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) days.push(day);
  return days;
}
