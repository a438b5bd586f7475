import { archiveCounts, PART_SIZE, partEntries, readArchive } from './archive';
import { database } from './database';
import { getTasksFromParts } from './history-db';
import type { TaskRecord } from './schemas';
import { joinTimeline } from './task-store';

/**
 * Every task, about `chunk` at a time: the archive's parts (lib/storage/archive.ts) in key order, then the records
 * of `tasks` in key order. Read store-wide: a chunk is a few requests over a key range (its records, with closed
 * tasks' timelines, the event records of open ones in that range, their rows), where `getTasks` asks three per
 * task. A backup of 100,000 tasks made 300,000 requests that way, about 25 s of its 37 s in Chromium (bench:data,
 * docs/page-cost.md). Each chunk is its own read-only transaction; the archive comes first so that a task taken out
 * of it meanwhile is read in `tasks` after (never missed). Absent or invalid tasks are left out (and reported) as
 * `getTasks` does.
 */
export async function readTasksInChunks(onChunk: (tasks: TaskRecord[], done: number, total: number) => void | Promise<void>, chunk = 500): Promise<number> {
  const db = await database();
  const [loose, counts] = await Promise.all([db.count('tasks'), archiveCounts()]);
  const archived = Object.values(counts).reduce((n, c) => n + c, 0);
  const total = loose + archived;
  let done = 0;
  // A part holds up to 250 settled tasks, each sealed (no event records). Their rows are not read: the times are
  // replayed from the events, as after an import.
  // Read whatever the counts say (they only size the progress): a part is never left out.
  await readArchive(async (parts) => {
    const entries = partEntries(parts);
    done += entries.length;
    await onChunk(getTasksFromParts(entries.map(([key, stored]) => ({ key, ...joinTimeline(stored, []), row: undefined }))), Math.min(done, total), total);
  }, Math.max(1, Math.round(chunk / PART_SIZE)));
  return readLoose(db, onChunk, chunk, done, total);
}

/** The records of `tasks`, `chunk` at a time in key order. */
async function readLoose(db: Awaited<ReturnType<typeof database>>, onChunk: (tasks: TaskRecord[], done: number, total: number) => void | Promise<void>, chunk: number, before: number, total: number): Promise<number> {
  let after: string | undefined;
  let done = before;
  for (;;) {
    const tx = db.transaction(['tasks', 'events', 'rows'], 'readonly');
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const tasks = tx.objectStore('tasks');
    const [keys, headers] = await Promise.all([tasks.getAllKeys(range, chunk), tasks.getAll(range, chunk)]);
    if (keys.length === 0) return done;
    const first = keys[0] as string;
    const last = keys.at(-1) as string;
    // Events are keyed [task, boot, n]: every event of the chunk's tasks lies between [first] and [last, []].
    const events = IDBKeyRange.bound([first], [last, []]);
    const rows = IDBKeyRange.bound(first, last);
    const [eventKeys, eventValues, rowKeys, rowValues] = await Promise.all([
      tx.objectStore('events').getAllKeys(events), tx.objectStore('events').getAll(events),
      tx.objectStore('rows').getAllKeys(rows), tx.objectStore('rows').getAll(rows),
    ]);
    const eventsOf = new Map<string, unknown[]>();
    eventKeys.forEach((key, i) => {
      const task = (key as [string])[0];
      const list = eventsOf.get(task) ?? [];
      list.push(eventValues[i]);
      eventsOf.set(task, list);
    });
    const rowOf = new Map(rowKeys.map((key, i) => [key as string, rowValues[i] as unknown]));
    const parts = keys.map((key, i) => ({ key: key as string, ...joinTimeline(headers[i], eventsOf.get(key as string) ?? []), row: rowOf.get(key as string) }));
    done += keys.length;
    await onChunk(getTasksFromParts(parts), done, total);
    if (keys.length < chunk) return done;
    after = last;
  }
}
