import { localDay } from '../../lib/domain/summary';

/** Days and local times for the generator: dates are `YYYY-MM-DD` in the worker's time zone. */
export const SEC = 1_000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

const parts = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC (ms) at `wall`. */
function offsetAt(wall: number, timeZone: string): number {
  let format = parts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    parts.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(wall).map((x) => [x.type, Number(x.value)]));
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - (wall - (((wall % 1000) + 1000) % 1000));
}

const ymd = (day: string) => day.split('-').map(Number) as [number, number, number];

/** The wall time of `minutes` after midnight on `day`, local time (daylight-saving changes included). */
export function localTime(day: string, minutes: number, timeZone: string): number {
  const [y, m, d] = ymd(day);
  const guess = Date.UTC(y, m - 1, d) + minutes * MIN;
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** The day before. */
export function previousDay(day: string): string {
  const [y, m, d] = ymd(day);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  const [y, m, d] = ymd(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Days since 1970-01-01: numbers each day's service-worker start-ups (`boot`) in time order. */
export function dayNumber(day: string): number {
  const [y, m, d] = ymd(day);
  return Date.UTC(y, m - 1, d) / DAY;
}

export { localDay };
