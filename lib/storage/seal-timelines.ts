import { get } from 'idb-keyval';
import { database, kv, noteTaskWrite } from './database';
import { eventOfRecord, eventRange, joinTimeline } from './task-store';

/**
 * Closed tasks stored before their timelines moved into their records (docs/storage.md): their event records
 * move in, a batch of tasks per transaction, through the writer's queue, so that live events interleave between
 * batches and a stop loses nothing (a batch is all or nothing; the next start goes on). Done once: a record
 * says so. Until then readers join both layouts (`joinTimeline`). An upgrade transaction was tried first: on
 * 100,000 tasks it held the database for over ten minutes, longer than a service worker may live.
 */
export const SEALED_KEY = 'index:timelines-sealed';
/** Event keys scanned per batch (a task's events all lie in one key range). */
const SCAN = 2_000;

/** Whether every closed task's timeline is in its record. */
export const timelinesSealed = async () => (await get(SEALED_KEY, kv())) === true;

/**
 * One batch: the tasks that own the next event records after `after`, each closed one sealed (its events joined
 * to its record, its event records deleted). Answers where the next batch starts, or `done`.
 */
export async function sealBatch(after?: IDBValidKey): Promise<{ next?: IDBValidKey; sealed: number; done: boolean }> {
  const db = await database();
  const tx = db.transaction(['tasks', 'events', 'records'], 'readwrite');
  noteTaskWrite(['tasks', 'events']);
  const events = tx.objectStore('events');
  const keys = (await events.getAllKeys(after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), SCAN)) as [string, ...unknown[]][];
  if (keys.length === 0) {
    await tx.objectStore('records').put(true, SEALED_KEY);
    await tx.done;
    return { sealed: 0, done: true };
  }
  const tasks = [...new Set(keys.map((key) => key[0]))];
  let sealed = 0;
  for (const task of tasks) {
    const [stored, records] = await Promise.all([tx.objectStore('tasks').get(task), events.getAll(eventRange(task))]);
    // An open task keeps its event records; events of no task were never read and stay as they are.
    if (typeof stored !== 'object' || stored === null || (stored as { status?: unknown }).status === 'open') continue;
    const { header, events: timeline } = joinTimeline(stored, records.map(eventOfRecord));
    await tx.objectStore('tasks').put({ ...(header as object), events: timeline }, task);
    await events.delete(eventRange(task));
    sealed++;
  }
  await tx.done;
  // Past every event of the last task seen.
  return { next: [tasks.at(-1)!, []], sealed, done: false };
}
