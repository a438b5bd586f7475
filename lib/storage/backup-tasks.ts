import type { BackupTask } from '../data/backup';
import { countIn, partCounts, partEntries, readArchiveTexts, PART_SIZE, type PartSpan } from './archive';
import type { Part } from './archive-keys';
import { TASK_RECORD_VERSION } from './schemas';
import { database } from './database';
import { backupTaskKind } from './kinds';
import { eventOfRecord } from './task-store';
import { upgrade } from './versioned';

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

export interface BackupTaskChunk {
  tasks: BackupTask[];
  /**
   * Archived tasks of the current version as the backup's text of each (validated when they were archived), to be
   * written as they are, after `tasks`: no parse, no validation, no JSON per task.
   */
  texts?: string[];
  /**
   * Then archived parts of the current version as their stored text (`PartText`: their tasks' texts joined by
   * commas), each with the count of its tasks: Blobs the browser joins into the file without copying them here.
   */
  blobs?: { count: number; text: Blob }[];
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

/**
 * A span of stored tasks: the records of `tasks` after `after` (excluded) up to `upTo` (included), either end open
 * (none when `loose` is false), and the archive's parts of `parts` (lib/storage/archive.ts; every part when absent,
 * none when `null`). `{}` is every task.
 */
export interface KeySpan {
  after?: string;
  upTo?: string;
  loose?: false;
  parts?: PartSpan | null;
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

/** Each stored task of a chunk upgraded and validated: the valid ones, and the keys of the others. */
function validated(entries: Iterable<[key: string, stored: unknown]>): { tasks: BackupTask[]; invalid: string[] } {
  const tasks: BackupTask[] = [];
  const invalid: string[] = [];
  for (const [key, stored] of entries) {
    const read = upgrade(backupTaskKind, stored);
    if (read.ok) tasks.push(read.value);
    else invalid.push(key);
  }
  return { tasks, invalid };
}

/**
 * Reads every task of `span` (all by default), about `size` at a time: the archive's parts of the span in key
 * order (whole parts), then the records of `tasks` in key order; `onChunk` after each chunk, with `total` the count
 * of the span. Answers the count read.
 *
 * The archive comes first so that a task taken out of it while this reads (a write of an old task: `unarchive`)
 * is never missed: then in `tasks`, it is read there after, and at worst read twice, which an import merges as
 * one. No task moves into the archive meanwhile: a backup reads within `withArchiveRead`.
 */
export async function readBackupTasks(onChunk: (chunk: BackupTaskChunk) => void | Promise<void>, size = 500, span: KeySpan = {}): Promise<number> {
  const db = await database();
  const [loose, parts] = await Promise.all([span.loose === false ? 0 : db.count('tasks', keyRange(span)), span.parts === null ? [] : partCounts()]);
  const archived = span.parts === null ? 0 : countIn(parts, span.parts ?? {});
  const total = loose + archived;
  let done = 0;
  // An archived task is the text a backup writes of it (validated as it was archived): a part of the current
  // version is written as its stored Blob (or, with none, its texts as they are); one of an older version is
  // upgraded and validated task by task. The parts are read whatever the counts say (they only size the progress):
  // a part is never left out.
  if (span.parts !== null) {
    await readArchiveTexts(
      TASK_RECORD_VERSION,
      async (partTexts, parts) => {
        const texts: string[] = [];
        const older: Part[] = [];
        for (const part of parts) {
          if (part.v === TASK_RECORD_VERSION) for (const key in part.tasks) texts.push(part.tasks[key]!);
          else older.push(part);
        }
        const { tasks, invalid } = validated(partEntries(older));
        const blobs = partTexts.map(({ count, text }) => ({ count, text }));
        done += texts.length + tasks.length + invalid.length + blobs.reduce((n, b) => n + b.count, 0);
        await onChunk({ tasks, texts, blobs, invalid, done, total });
      },
      Math.max(1, Math.round(size / PART_SIZE)),
      span.parts ?? {},
    );
  }
  return span.loose === false ? done : readLoose(db, onChunk, size, span, done, total);
}

async function readLoose(db: Db, onChunk: (chunk: BackupTaskChunk) => void | Promise<void>, size: number, span: KeySpan, before: number, total: number): Promise<number> {
  let done = before;
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
    done += keys.length;
    if (keys.length) await onChunk({ ...validated(keys.map((key, i) => [key as string, joined(headers[i], eventsOf.get(key as string))])), done, total });
  }
  return done;
}

/**
 * `parts` spans that cover every stored task between them, of about equal counts: the keys of `tasks` split by
 * count (`parts` − 1 keys found by a key cursor's `advance`, no task read), and the archive's parts by the counts
 * of their tasks (`index:archive-counts`; no part read). A task written after the split still falls in one of them;
 * one taken out of the archive meanwhile is read where it is then (`taskTexts` reads every part first), and none
 * moves in under a backup (the archive's lock).
 */
export async function splitTaskKeys(parts: number): Promise<{ spans: KeySpan[]; total: number; archived: number; partsStored: number }> {
  const db = await database();
  const [loose, partList, partsStored] = await Promise.all([db.count('tasks'), partCounts(), db.count('archive')]);
  const archived = partList.reduce((n, [, count]) => n + count, 0);
  const total = loose + archived;
  if (parts < 2 || (loose < parts && partsStored < parts)) return { spans: [{}], total, archived, partsStored };
  // Counts that do not say every part (never written so) leave the whole archive to the first span.
  const partSpans = partList.length === partsStored ? splitParts(partList, parts) : splitParts([], parts);
  const spans = (await splitLoose(db, parts, loose)).map((span, i) => ({ ...span, parts: partSpans[i]! }));
  return { spans, total, archived, partsStored };
}

/**
 * `n` spans of the archive's parts (with the count of each), of about equal counts of tasks; `null` for a span
 * given none. The first span given parts is open at its start and the last one at its end, so that a part written
 * after the split falls in one of them.
 */
function splitParts(list: readonly [string, number][], n: number): (PartSpan | null)[] {
  if (list.length === 0) return Array.from({ length: n }, (_, i) => (i === 0 ? {} : null));
  const total = list.reduce((sum, [, count]) => sum + count, 0);
  // Span i ends with the part where the running count first reaches (i + 1) / n of the whole; the last takes the rest.
  const ends: number[] = [];
  let sum = 0;
  let at = 0;
  for (let i = 0; i < n - 1; i++) {
    while (at < list.length && sum + list[at]![1] <= ((i + 1) * total) / n) sum += list[at++]![1];
    ends.push(at);
  }
  ends.push(list.length);
  let opened = false;
  let last: string | undefined;
  const spans = ends.map((to, i): PartSpan | null => {
    const from = i === 0 ? 0 : ends[i - 1]!;
    if (to <= from) return null;
    const span = { after: opened ? list[from - 1]![0] : undefined, upTo: list[to - 1]![0] };
    opened = true;
    last = span.upTo;
    return span;
  });
  // The last span given parts is open at its end.
  const lastGiven = spans.findLastIndex((s) => s !== null);
  if (lastGiven >= 0 && spans[lastGiven]!.upTo === last) spans[lastGiven] = { ...spans[lastGiven]!, upTo: undefined };
  return spans;
}

async function splitLoose(db: Db, parts: number, total: number): Promise<KeySpan[]> {
  const step = Math.floor(total / parts);
  if (step < 1) return Array.from({ length: parts }, (_, i) => (i === 0 ? {} : { after: '\uffff' }));
  const bounds: string[] = [];
  let cursor = await db.transaction('tasks').store.openKeyCursor();
  // The last key of span i is the (i × step)th.
  for (let i = 1, at = 0; i < parts && cursor; i++) {
    const target = i * step - 1;
    if (target > at) cursor = await cursor.advance(target - at);
    at = target;
    if (cursor) bounds.push(cursor.key as string);
  }
  return [...bounds, undefined].map((upTo, i) => ({ after: i === 0 ? undefined : bounds[i - 1], upTo }));
}
