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

/**
 * The rows of these tasks (by key), those that exist, in the order asked. `scan`: where the keys may be most of
 * the history (the delays of every approval), read their whole span when that is cheaper; the readers of a period
 * leave it off, so that what they read follows the period, not the history.
 */
export async function getRows(keys: readonly string[], { scan = false }: { scan?: boolean } = {}): Promise<TaskRow[]> {
  const store = (await database()).transaction('rows').store;
  if (scan && keys.length > FEW_KEYS) {
    const sorted = [...new Set(keys)].sort();
    const span = IDBKeyRange.bound(sorted[0]!, sorted.at(-1)!);
    // Most of a span's rows wanted (the balance summaries after an import: every approved task's), its rows are read
    // a few thousand a request: IndexedDB's cost is per request (docs/page-cost.md), a get per key costs far more.
    if (sorted.length * SPAN_SHARE >= (await store.count(span))) {
      const found = new Map<string, TaskRow>();
      const wanted = new Set(sorted);
      await readSpan(store, sorted[0]!, sorted.at(-1)!, (row) => wanted.has(row.key) && found.set(row.key, row));
      return keys.flatMap((key) => found.get(key) ?? []);
    }
  }
  const rows = await Promise.all(keys.map((key) => store.get(key)));
  return rows.filter((row): row is TaskRow => row !== undefined);
}

/** Up to this many keys, a get each. */
const FEW_KEYS = 500;
/** Beyond it, the whole span of keys is read when at least one row in `SPAN_SHARE` of it is wanted. */
const SPAN_SHARE = 4;
const SPAN_CHUNK = 2_000;

/**
 * Every row from `first` to `last` (keys, inclusive), `SPAN_CHUNK` a request, each next request asked before `each`
 * runs. A row's `key` is its key in the store (`rowOf`, task-store.ts): the next request starts after the last one's.
 */
async function readSpan(store: { getAll(range: IDBKeyRange, count: number): Promise<unknown[]> }, first: string, last: string, each: (row: TaskRow) => unknown): Promise<void> {
  let chunk = store.getAll(IDBKeyRange.bound(first, last), SPAN_CHUNK) as Promise<TaskRow[]>;
  for (;;) {
    const rows = await chunk;
    const end = rows.at(-1)?.key;
    const more = rows.length === SPAN_CHUNK && end !== undefined && end < last;
    if (more) chunk = store.getAll(IDBKeyRange.bound(end, last, true, false), SPAN_CHUNK) as Promise<TaskRow[]>;
    for (const row of rows) each(row);
    if (!more) return;
  }
}
