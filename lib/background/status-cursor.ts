import { z } from 'zod';

/** More pages than this in one day is not believed (a hostile or broken total): the day ends there. */
export const MAX_PAGES_PER_DAY = 50;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * Where the reading of a platform's status days stands between refreshes (extension storage). A round reads
 * every day with items still pending, each to its last page; a refresh that runs out of requests leaves the
 * rest of the round to the next one. A stored value that fails this schema only restarts the round: it is a
 * position, not the worker's data.
 */
export const statusCursorSchema = z.object({
  /** Days read to their last page in this round. */
  done: z.array(day),
  /** The day the last refresh stopped in: the next page to read, and how many rows the pages before it held. */
  at: z.object({ day, page: z.number().int().min(1).max(MAX_PAGES_PER_DAY), seen: z.number().int().min(0) }).optional(),
});
export type StatusCursor = z.infer<typeof statusCursorSchema>;
export type DayTurn = NonNullable<StatusCursor['at']>;

/**
 * The days a refresh reads, in order: the day the last refresh stopped in (from its next page), then the days of
 * the round not read yet, oldest first, so that every pending day gets its turn however many there are. Days no
 * longer pending (all their items resolved) leave the cursor. Once every pending day was read, a new round
 * starts with all of them.
 */
export function statusTurns(pendingDays: readonly string[], cursor: StatusCursor | null): { turns: DayTurn[]; done: string[] } {
  const days = [...new Set(pendingDays)].sort();
  const pending = new Set(days);
  let done = (cursor?.done ?? []).filter((d) => pending.has(d));
  const at = cursor?.at && pending.has(cursor.at.day) && !done.includes(cursor.at.day) ? cursor.at : undefined;
  let rest = days.filter((d) => d !== at?.day && !done.includes(d));
  if (!at && rest.length === 0) {
    done = [];
    rest = days;
  }
  return { done, turns: [...(at ? [at] : []), ...rest.map((d) => ({ day: d, page: 1, seen: 0 }))] };
}
