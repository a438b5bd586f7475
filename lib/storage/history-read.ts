import { database } from './database';
import { getTaskByKey } from './history-db';
import { getRows, listRows } from './rows-db';
import type { TaskRecord } from './schemas';
import type { TaskRow } from './task-store';

/**
 * What the history page reads (issue 16), read-only: extension pages never write (the background is the one
 * writer). Every read is a `readonly` transaction; nothing here reaches `commit`.
 *
 * How the page stays fast with 100,000 tasks: it shows the newest rows first, a page read through the rows'
 * `day` index (plus the open tasks, which have no day yet, through the `status` index), then reads every
 * compact row in chunks of the store's key order and filters and sorts them in memory (lib/domain/history-list.ts).
 */

/** The newest rows (by day) and the open tasks: the first screen, before the whole list is in. */
export async function firstRows(limit = 200): Promise<TaskRow[]> {
  const [dated, openKeys] = await Promise.all([
    listRows({ index: 'day', limit }),
    database().then((db) => db.getAllKeysFromIndex('rows', 'status', 'open')),
  ]);
  return [...(await getRows(openKeys as string[])), ...dated];
}

/**
 * Every row, `chunk` at a time, in key order: each chunk is one short read (a getAll bounded by count, starting
 * after the last key read), so the page paints between chunks and no transaction stays open across them.
 */
export async function readAllRows(onChunk: (rows: TaskRow[]) => void, chunk = 5_000): Promise<number> {
  let after: string | undefined;
  let total = 0;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const rows = (await (await database()).getAll('rows', range, chunk)) as TaskRow[];
    if (rows.length === 0) return total;
    total += rows.length;
    onChunk(rows);
    if (rows.length < chunk) return total;
    after = rows.at(-1)!.key;
  }
}

/** A task with its whole timeline (header and events), for its detail; absent or invalid: undefined. */
export function taskDetail(key: string): Promise<TaskRecord | undefined> {
  return getTaskByKey(key);
}
