import { get, set } from 'idb-keyval';
import { database, kv } from './database';
import type { TaskRow } from './task-store';

/** Set once the copies below were joined (the `records` store): the scan runs once per history. */
const JOINED_KEY = 'hitCopiesJoined';
const DONE: ReadonlySet<string> = new Set(['submitted', 'approved', 'rejected']);

/**
 * MTurk HIT copies left beside their assignment's closed record by versions before the background's writer joined
 * them (lib/data/hit-fold.ts, `hitCopyKey`): a Suite record under its HIT id, imported while the worker was doing
 * that HIT here, and the assignment's record closed since (submitted, approved or rejected). Both counted the HIT's
 * reward. Each copy with the assignment its HIT's done record is (the first by key, as the import chooses among
 * done ones); null once they were joined. Read from the rows of MTurk (one range, once).
 */
export async function leftHitCopies(): Promise<{ copy: string; assignment: string }[] | null> {
  if (await get(JOINED_KEY, kv())) return null;
  const rows = (await (await database()).getAll('rows', IDBKeyRange.bound('mturk:', 'mturk:\uffff'))) as TaskRow[];
  const copies = new Map<string, string>();
  const done = new Map<string, string>();
  for (const row of rows) {
    if (row.hitId === undefined) continue;
    if (row.taskId === row.hitId) copies.set(row.hitId, row.key);
    else if (DONE.has(row.status) && !done.has(row.hitId)) done.set(row.hitId, row.key);
  }
  return [...copies].flatMap(([hit, copy]) => {
    const assignment = done.get(hit);
    return assignment ? [{ copy, assignment }] : [];
  });
}

export const noteHitCopiesJoined = (): Promise<void> => set(JOINED_KEY, true, kv());
