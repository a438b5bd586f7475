import { localDay, nextDay } from '../domain/summary';
import { MTURK_TIME_ZONE } from '../platforms/mturk-days';

/**
 * Dates an imported file cannot hold: after its import. An MTurk Suite HIT dated 2099-12-31, or a Centime backup's
 * task counted on a day of 2099, made a 2099 day in the figures (money earned in the future, days and weeks that
 * never come). Only a damaged or hand-edited file has one: that record is a problem, the others are imported. Pure:
 * the import's time is passed in.
 */
export const FUTURE = 'a date in the future';

const DAY_MS = 86_400_000;

/**
 * The last day an MTurk Suite HIT may be dated: MTurk's day (US Pacific, the backup's dates) at the import, and one
 * more for the worker's clock and time zone.
 */
export const latestSuiteDay = (importedAt: number) => nextDay(localDay(importedAt, MTURK_TIME_ZONE));

export interface Bound {
  /** The latest wall-clock time a record may carry. */
  wall: number;
  /** The latest day (YYYY-MM-DD) a record may be counted under. */
  day: string;
}

/**
 * What a Centime backup's records may carry at an import: a day of margin, for the clock of the browser that wrote
 * it, and for its time zone in the days it counted under (its local day is at most UTC's next one).
 */
export function backupBound(importedAt: number): Bound {
  const wall = importedAt + DAY_MS;
  return { wall, day: new Date(wall).toISOString().slice(0, 10) };
}

/** Whether any of these times or days comes after the bound. */
export function isFuture(bound: Bound, walls: readonly (number | undefined)[], days: readonly (string | undefined)[] = []): boolean {
  return walls.some((w) => w !== undefined && w > bound.wall) || days.some((d) => d !== undefined && d > bound.day);
}
