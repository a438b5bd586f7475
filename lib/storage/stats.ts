import { database } from './database';
import type { TaskRow } from './task-store';

/**
 * Statistics read through indexes, never stored apart: the recent paid times of a HIT group or a requester
 * (estimates), from the rows' `group` and `requesterEnded` indexes, newest first. Nothing to keep in step, so
 * nothing to rebuild.
 */
export const STATS_KEPT = 50;
export type StatsKind = 'group' | 'requester';

/** Active times (ms) of the latest timed tasks submitted here (then approved or rejected, or not yet), per id. */
export async function getStats(kind: StatsKind, ids: string[]): Promise<Record<string, number[]>> {
  const result: Record<string, number[]> = {};
  const db = await database();
  for (const id of new Set(ids)) {
    const index = db.transaction('rows', 'readonly').store.index(kind === 'group' ? 'group' : 'requesterEnded');
    const times: number[] = [];
    let cursor = await index.openCursor(IDBKeyRange.bound([id], [id, []]), 'prev');
    while (cursor && times.length < STATS_KEPT) {
      const row = cursor.value as TaskRow;
      if (isPaidSample(row)) times.push(row.activeMs);
      cursor = await cursor.continue();
    }
    if (times.length) result[id] = times.reverse();
  }
  return result;
}

/** A task whose active time says how long such work takes: timed, done here, submitted, not deleted (issue 16). */
function isPaidSample(row: TaskRow): boolean {
  return !row.deleted && !row.untimed && row.activeMs > 0 && (row.status === 'submitted' || row.status === 'approved' || row.status === 'rejected');
}
