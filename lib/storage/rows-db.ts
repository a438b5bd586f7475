import { database } from './database';
import type { TaskRow } from './task-store';

/** A page of compact task rows (derived, docs/storage.md) through one of the rows' indexes: what a list or the history reads. */
export interface RowQuery {
  /** By day (the rows' `day` index). */
  index: 'day';
  /** Days from and to (YYYY-MM-DD, inclusive); open-ended when absent. */
  from?: string;
  to?: string;
  /** Newest first unless `oldest`. */
  oldest?: boolean;
  limit: number;
  /** Rows to pass over first (the next page). */
  offset?: number;
}

export async function listRows(q: RowQuery): Promise<TaskRow[]> {
  const low = q.from ?? '0000-00-00';
  const high = q.to ?? '9999-99-99';
  const range = IDBKeyRange.bound(low, high);
  const index = (await database()).transaction('rows').store.index(q.index);
  const rows: TaskRow[] = [];
  let cursor = await index.openCursor(range, q.oldest ? 'next' : 'prev');
  if (cursor && q.offset) cursor = await cursor.advance(q.offset);
  while (cursor && rows.length < q.limit) {
    rows.push(cursor.value as TaskRow);
    // No step past the page's last row: it would read one row more.
    cursor = rows.length < q.limit ? await cursor.continue() : null;
  }
  return rows;
}

/** The rows of these tasks (by key), those that exist, in the order asked. */
export async function getRows(keys: readonly string[]): Promise<TaskRow[]> {
  const store = (await database()).transaction('rows').store;
  const rows = await Promise.all(keys.map((key) => store.get(key)));
  return rows.filter((row): row is TaskRow => row !== undefined);
}
