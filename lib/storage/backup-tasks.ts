import type { BackupTask } from '../data/backup';
import { database } from './database';
import { taskRecordKind } from './kinds';
import { taskRecordSchema } from './schemas';
import { eventOfRecord } from './task-store';
import { upgrade, type VersionedKind } from './versioned';

/**
 * Every task as a backup holds it, read for the backup alone (issue 18: 100,000 tasks in ≤ 3 s). Unlike
 * `readTasksInChunks` it reads no rows (they hold only the figures a backup leaves out: active and idle time,
 * last activity), replays no timeline, and asks the next chunk's reads before the current chunk is validated,
 * so that the browser reads one chunk while the page works on the other.
 *
 * Each task is still upgraded and validated with its stored kind, less the three derived figures (zod's output
 * is then `backupTask` of what `upgrade(taskRecordKind)` gives: the same keys, in the same order). A task that
 * fails is left out and counted, never silently: the caller tells the worker how many.
 */
const backupTaskKind: VersionedKind<BackupTask> = {
  ...taskRecordKind,
  schema: taskRecordSchema.omit({ activeMs: true, idleMs: true, updatedAt: true }),
};

export interface BackupTaskChunk {
  tasks: BackupTask[];
  /** Tasks read so far (valid or not) and stored in all. */
  done: number;
  total: number;
  /** Stored tasks of this chunk that failed validation, by key. */
  invalid: string[];
}

interface ChunkRead {
  keys: Promise<IDBValidKey[]>;
  parts: Promise<{ keys: IDBValidKey[]; headers: unknown[]; eventKeys: IDBValidKey[]; eventValues: unknown[] }>;
}

type Db = Awaited<ReturnType<typeof database>>;

/** A span of task keys: after `after` (excluded), up to `upTo` (included); either end may be open. */
export interface KeySpan {
  after?: string;
  upTo?: string;
}

function keyRange({ after, upTo }: KeySpan): IDBKeyRange | undefined {
  if (after !== undefined && upTo !== undefined) return IDBKeyRange.bound(after, upTo, true, false);
  if (after !== undefined) return IDBKeyRange.lowerBound(after, true);
  return upTo === undefined ? undefined : IDBKeyRange.upperBound(upTo);
}

/** One chunk's reads in one read-only transaction: the task records of `span`, then their event records. */
function readChunk(db: Db, span: KeySpan, size: number): ChunkRead {
  const tx = db.transaction(['tasks', 'events'], 'readonly');
  const range = keyRange(span);
  const store = tx.objectStore('tasks');
  const keys = store.getAllKeys(range, size);
  const headers = store.getAll(range, size);
  const events = keys.then(async (found): Promise<[IDBValidKey[], unknown[]]> => {
    if (found.length === 0) return [[], []];
    // Events are keyed [task, boot, n]: every event of the chunk's tasks lies between [first] and [last, []].
    const span = IDBKeyRange.bound([found[0]], [found.at(-1), []]);
    return Promise.all([tx.objectStore('events').getAllKeys(span), tx.objectStore('events').getAll(span)]);
  });
  const parts = Promise.all([keys, headers, events]).then(([k, h, [eventKeys, eventValues]]) => ({ keys: k, headers: h, eventKeys, eventValues }));
  return { keys, parts };
}

/** A stored task record with its event records (an open task's), as `joinTimeline` and `assemble` join them. */
function joined(header: unknown, records: unknown[] | undefined): unknown {
  if (typeof header !== 'object' || header === null) return header;
  const stored = header as Record<string, unknown>;
  // A closed task's record holds its timeline: it is read as stored, with no copy.
  if (!records?.length && Array.isArray(stored.events)) return stored;
  const { events: sealed, ...rest } = stored;
  const before = !('events' in stored) ? [] : Array.isArray(sealed) ? sealed : [sealed];
  return { ...rest, events: [...before, ...(records ?? [])].map(eventOfRecord) };
}

/**
 * Reads every task of `span` (all by default), `size` at a time in key order; `onChunk` after each chunk, with
 * `total` the count of the span. Answers the count read.
 */
export async function readBackupTasks(onChunk: (chunk: BackupTaskChunk) => void | Promise<void>, size = 500, span: KeySpan = {}): Promise<number> {
  const db = await database();
  const total = await db.count('tasks', keyRange(span));
  let done = 0;
  let next: ChunkRead | null = readChunk(db, span, size);
  while (next) {
    const current: ChunkRead = next;
    const keys = await current.keys;
    const last = keys.at(-1) as string | undefined;
    // The next chunk is asked now, while this one is validated and written (none past the span's end).
    next = keys.length === size && last !== span.upTo ? readChunk(db, { ...span, after: last }, size) : null;
    const { headers, eventKeys, eventValues } = await current.parts;
    const eventsOf = new Map<string, unknown[]>();
    eventKeys.forEach((key, i) => {
      const task = (key as [string])[0];
      const list = eventsOf.get(task);
      if (list) list.push(eventValues[i]);
      else eventsOf.set(task, [eventValues[i]]);
    });
    const tasks: BackupTask[] = [];
    const invalid: string[] = [];
    keys.forEach((key, i) => {
      const read = upgrade(backupTaskKind, joined(headers[i], eventsOf.get(key as string)));
      if (read.ok) tasks.push(read.value);
      else invalid.push(key as string);
    });
    done += keys.length;
    if (keys.length) await onChunk({ tasks, done, total, invalid });
  }
  return done;
}

/**
 * `parts` spans that cover every task key between them, of about equal counts (`parts` − 1 keys found by a key
 * cursor's `advance`, no task read). A task written after the split still falls in one of them.
 */
export async function splitTaskKeys(parts: number): Promise<{ spans: KeySpan[]; total: number }> {
  const db = await database();
  const total = await db.count('tasks');
  const step = Math.floor(total / parts);
  if (parts < 2 || step < 1) return { spans: [{}], total };
  const bounds: string[] = [];
  let cursor = await db.transaction('tasks').store.openKeyCursor();
  // The last key of span i is the (i × step)th.
  for (let i = 1, at = 0; i < parts && cursor; i++) {
    const target = i * step - 1;
    if (target > at) cursor = await cursor.advance(target - at);
    at = target;
    if (cursor) bounds.push(cursor.key as string);
  }
  return { spans: [...bounds, undefined].map((upTo, i) => ({ after: i === 0 ? undefined : bounds[i - 1], upTo })), total };
}
