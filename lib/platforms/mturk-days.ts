import { localDay } from '../domain/summary';

/** MTurk's days follow US Pacific time (DESIGN.md, "Platforms"): its status pages are named by them. */
export const MTURK_TIME_ZONE = 'America/Los_Angeles';

/**
 * The MTurk days (US Pacific dates, YYYY-MM-DD) that items were submitted on, oldest first, each once. Never
 * derived from the worker's local day: at UTC−9 to −12 the Pacific date can be the day after the local one
 * (23:30 in Honolulu is 01:30 the next day in Los Angeles), and east of Pacific it can be the day before.
 */
export function pacificDays(items: readonly { submittedAt: number }[]): string[] {
  return [...new Set(items.map((item) => localDay(item.submittedAt, MTURK_TIME_ZONE)))].sort();
}
