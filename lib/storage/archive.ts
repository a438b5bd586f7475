import { unwrap, type IDBPTransaction } from 'idb';
import { get, promisifyRequest, set } from 'idb-keyval';
import { bucketOf, COUNTS_KEY, partTextOf, writePart, type Bucket, type Counts, type Part, type PartText } from './archive-keys';
import { ARCHIVE, database, kv, noteTaskWrite } from './database';
import { backupTaskKind } from './kinds';
import { TASK_RECORD_VERSION } from './schemas';
import { upgrade } from './versioned';
import type { TaskRow } from './task-store';

/**
 * The archive (issue 18; docs/storage.md, "The archive"): settled tasks of the past, a few hundred to a record.
 * IndexedDB's cost is per record, so reading or writing every task of years of history (a backup, an import, a
 * rebuild) costs what its number of records costs: 100,000 tasks are ~100,000 records in `tasks`, ~400 here.
 *
 * A task is stored in exactly one place: `tasks` (open, pending, recent, or changed since it was archived) or a part
 * of `archive`. A part holds the tasks of one platform and one month (their day's month), up to `PART_SIZE`, each as
 * the JSON text a backup writes of it (upgraded to the part's version `v` and validated as it moved in; parsed, it
 * is what `tasks` would hold, timeline sealed in): a backup joins the texts of current parts as they are. Its key is
 * `<platform>|<YYYY-MM>|<nnnn>`. `archiveKeys` says which part holds a key (1,024 buckets by a hash of the key,
 * lib/storage/archive-keys.ts), and `index:archive-counts` how many tasks each part holds.
 *
 * Only a settled task moves in: approved, rejected, returned or expired, no event record, and nothing recorded of it
 * for `ARCHIVE_AFTER_MS` (its row's last activity), so that the writes of a day's work never rewrite a part. Any
 * later write of an archived task (a late bonus, a correction, a status page) takes it out in the same transaction
 * (`commit`, `unarchive`) and writes it to `tasks`; a later pass archives it again. Archiving changes where a task
 * is, never what it is: every reader reads both places (`readTaskParts`, `readTasksInChunks`, the backup's reader).
 */
export const ARCHIVE_AFTER_MS = 30 * 24 * 3600_000;
export const PART_SIZE = 250;
/** When a pass last ended (`archiveSettled` runs at most once a day). */
export const ARCHIVED_AT_KEY = 'index:archived-at';
const SETTLED = new Set(['approved', 'rejected', 'returned', 'expired']);
/** Task records scanned per transaction. */
const SCAN = 1_000;

type AnyTx = IDBPTransaction<unknown, string[], 'readonly' | 'readwrite'>;

/**
 * An archived task's stored record from its text: what `tasks` would hold (raw, for the reader to upgrade and
 * validate). A text that does not parse reads as a non-object, which validation reports like any broken record.
 */
export function storedOf(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return 'unreadable archived text';
  }
}

/** The stored record of an archived task (raw, as `tasks` holds it), or undefined. `tx` spans both archive stores. */
export async function archivedRecord(tx: AnyTx, key: string, bucket?: Promise<unknown>): Promise<unknown> {
  const found = ((await (bucket ?? tx.objectStore('archiveKeys').get(bucketOf(key)))) as Bucket | undefined)?.[key];
  if (found === undefined) return undefined;
  const text = ((await tx.objectStore('archive').get(found)) as Part | undefined)?.tasks[key];
  return text === undefined ? undefined : storedOf(text);
}

/** Whether `key` is archived (one bucket read). */
export async function isArchived(tx: AnyTx, key: string): Promise<boolean> {
  return ((await tx.objectStore('archiveKeys').get(bucketOf(key))) as Bucket | undefined)?.[key] !== undefined;
}

/** A range of part keys: after `after` (excluded), up to `upTo` (included); either end may be open. */
export interface PartSpan {
  after?: string;
  upTo?: string;
}

export function partRange({ after, upTo }: PartSpan = {}): IDBKeyRange | undefined {
  if (after !== undefined && upTo !== undefined) return IDBKeyRange.bound(after, upTo, true, false);
  if (after !== undefined) return IDBKeyRange.lowerBound(after, true);
  return upTo === undefined ? undefined : IDBKeyRange.upperBound(upTo);
}

const inSpan = (part: string, { after, upTo }: PartSpan) => (after === undefined || part > after) && (upTo === undefined || part <= upTo);

/** Every archived task key (from the 1,024 buckets, no part read: ~0.5 s with 100,000 tasks in Chromium). */
export async function archivedKeys(): Promise<string[]> {
  const buckets = (await (await database()).getAll('archiveKeys')) as Bucket[];
  return buckets.flatMap((bucket) => Object.keys(bucket));
}

/** How many tasks each part holds (one record; no part or bucket read), by part key. */
export async function archiveCounts(): Promise<Counts> {
  return (((await (await database()).get('records', COUNTS_KEY)) as Counts | undefined) ?? {});
}

/** Every part key in order, with the count of its tasks. */
export async function partCounts(): Promise<[part: string, tasks: number][]> {
  return Object.entries(await archiveCounts()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** How many tasks the parts of `span` hold. */
export const countIn = (parts: readonly [string, number][], span: PartSpan) => parts.reduce((n, [part, count]) => (inSpan(part, span) ? n + count : n), 0);

/**
 * The parts of `span` (all by default) in key order, `parts` records per read-only transaction. The next parts are
 * asked before `onParts` works on the current ones.
 */
export async function readArchive(onParts: (parts: Part[]) => void | Promise<void>, parts = 2, span: PartSpan = {}): Promise<void> {
  const db = await database();
  const ask = (after: string | undefined): Promise<[IDBValidKey[], Part[]]> => {
    const tx = db.transaction('archive', 'readonly');
    const range = partRange({ ...span, after: after ?? span.after });
    return Promise.all([tx.store.getAllKeys(range, parts), tx.store.getAll(range, parts) as Promise<Part[]>]);
  };
  let next: Promise<[IDBValidKey[], Part[]]> | null = ask(undefined);
  while (next) {
    const [keys, values]: [IDBValidKey[], Part[]] = await next;
    const last = keys.at(-1) as string | undefined;
    next = keys.length === parts && last !== span.upTo ? ask(last) : null;
    if (values.length) await onParts(values);
  }
}

/** A text record as stored, if it is one (a damaged record is left to the part it stands beside). */
function isPartText(value: unknown): value is PartText {
  if (typeof value !== 'object' || value === null) return false;
  const { v, count, text } = value as Partial<PartText>;
  return typeof v === 'number' && typeof count === 'number' && Number.isSafeInteger(count) && count > 0 && typeof Blob !== 'undefined' && text instanceof Blob;
}

/**
 * The parts of `span` (all by default) in key order, each as its text record when it has one of version `v` (no part
 * read: a backup joins the Blobs), else read whole: `onParts` with each group of about `parts` parts. What the
 * backup reads of the archive (backup-tasks.ts); a part deleted meanwhile is skipped (its tasks are in `tasks`).
 */
export async function readArchiveTexts(v: number, onParts: (texts: PartText[], parts: Part[]) => void | Promise<void>, parts = 2, span: PartSpan = {}): Promise<void> {
  const db = await database();
  const range = partRange(span);
  const tx = db.transaction(['archive', 'archiveText'], 'readonly');
  const [keys, textKeys, textValues] = (await Promise.all([
    tx.objectStore('archive').getAllKeys(range),
    tx.objectStore('archiveText').getAllKeys(range),
    tx.objectStore('archiveText').getAll(range),
  ])) as [string[], string[], unknown[]];
  const textOf = new Map<string, PartText>();
  textKeys.forEach((key, i) => {
    const value = textValues[i];
    if (isPartText(value) && value.v === v) textOf.set(key, value);
  });
  // Whole parts are read `parts` at a time; a text record counts as a part it stands for.
  for (let i = 0; i < keys.length; i += parts) {
    const group = keys.slice(i, i + parts);
    const texts = group.flatMap((key) => textOf.get(key) ?? []);
    const read = group.filter((key) => !textOf.has(key));
    const whole = read.length ? await readParts(db, read) : [];
    await onParts(texts, whole);
  }
}

async function readParts(db: Awaited<ReturnType<typeof database>>, keys: readonly string[]): Promise<Part[]> {
  const tx = db.transaction('archive', 'readonly');
  const found = (await Promise.all(keys.map((key) => tx.store.get(key)))) as (Part | undefined)[];
  return found.filter((part): part is Part => part !== undefined);
}

/**
 * One step of the archive pass: up to `batch` parts with no text record (stored before database version 7, or a
 * damaged one) get theirs, and text records with no part go. Answers how many records it wrote or deleted; 0 when
 * every part (but a damaged one) has its text.
 */
export async function writeMissingTexts(batch = 50): Promise<number> {
  const db = await database();
  const stores = ['archive', 'archiveText'];
  const tx = db.transaction(stores, 'readwrite');
  noteTaskWrite(stores);
  const [partKeys, textKeys, textValues] = (await Promise.all([
    tx.objectStore('archive').getAllKeys(),
    tx.objectStore('archiveText').getAllKeys(),
    tx.objectStore('archiveText').getAll(),
  ])) as [string[], string[], unknown[]];
  const parts = new Set(partKeys);
  const good = new Set(textKeys.filter((key, i) => isPartText(textValues[i])));
  const stale = textKeys.filter((key) => !parts.has(key)).slice(0, batch);
  const missing = partKeys.filter((key) => !good.has(key)).slice(0, batch - stale.length);
  const texts = tx.objectStore('archiveText');
  let written = stale.length;
  await Promise.all([
    ...stale.map((key) => texts.delete(key)),
    ...missing.map(async (key) => {
      const part = (await tx.objectStore('archive').get(key)) as Part | undefined;
      // A damaged part (readers report its tasks) gets no text: the backup reads it whole, as before.
      const text = part && typeof part.tasks === 'object' && part.tasks !== null ? partTextOf(part) : null;
      if (text && text.count > 0) {
        written++;
        await texts.put(text, key);
      }
    }),
  ]);
  await tx.done;
  return written;
}

/** The tasks of `parts` as stored records (raw), by key. */
export function partEntries(parts: readonly Part[]): [key: string, stored: unknown][] {
  const entries: [string, unknown][] = [];
  for (const part of parts) for (const key in part.tasks) entries.push([key, storedOf(part.tasks[key])]);
  return entries;
}

/** Whether a stored task may move into the archive at `now`: settled, sealed, and nothing recorded of it for 30 days. */
function archivable(stored: unknown, row: TaskRow | undefined, now: number): row is TaskRow {
  if (typeof stored !== 'object' || stored === null || !Array.isArray((stored as { events?: unknown }).events)) return false;
  const status = (stored as { status?: unknown }).status;
  return typeof status === 'string' && SETTLED.has(status) && row?.status === status && typeof row.updatedAt === 'number' && row.updatedAt <= now - ARCHIVE_AFTER_MS;
}

/** The month a row's task is archived under: its day's, else (never stamped) the UTC month it was first seen. */
const monthOf = (row: TaskRow) => (row.day ?? new Date(row.firstSeenAt).toISOString()).slice(0, 7);
const partKey = (prefix: string, n: number) => `${prefix}${String(n).padStart(4, '0')}`;

/** A task on its way into a part: its key, its part's prefix (`<platform>|<YYYY-MM>|`) and its text. */
export interface ArchiveEntry {
  key: string;
  prefix: string;
  text: string;
}

/**
 * What a stored task (raw, as `tasks` would hold it) and its row become in the archive at `now`, or null where it
 * stays in `tasks` (not settled, not sealed, recent, or failing validation: readers report it as before). Upgraded
 * and validated once, here: the text is what a backup writes of it. The caller checks it has no event record.
 */
export function archiveEntryOf(key: string, stored: unknown, row: TaskRow | undefined, now: number): ArchiveEntry | null {
  if (!archivable(stored, row, now)) return null;
  const read = upgrade(backupTaskKind, stored);
  return read.ok ? { key, prefix: `${row.platform}|${monthOf(row)}|`, text: JSON.stringify(read.value) } : null;
}

const request = <T>(req: IDBRequest): Promise<T> => promisifyRequest(req as IDBRequest<T>);

/**
 * Puts `entries` into the parts of their platform and month within `tx` (read-write over the `ARCHIVE` stores
 * and `records`), the month's last part filled up first, with their buckets and the parts' counts. The caller makes
 * sure the keys are stored nowhere else once `tx` commits (deleting their loose records, or writing none). Run it
 * alone in `tx` (not beside `unarchive`: both rewrite buckets and counts). `withTexts: false` (an import): the parts
 * it writes lose their text records, for `writeMissingTexts` to write after it (`writePart`).
 */
export async function packEntries(tx: IDBTransaction, entries: readonly ArchiveEntry[], withTexts = true): Promise<void> {
  if (entries.length === 0) return;
  const groups = new Map<string, ArchiveEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.prefix);
    if (group) group.push(entry);
    else groups.set(entry.prefix, [entry]);
  }
  const placed = new Map<string, string>();
  const archive = tx.objectStore('archive');
  const records = tx.objectStore('records');
  const counts = (await request<Counts | undefined>(records.get(COUNTS_KEY))) ?? {};
  for (const [prefix, list] of groups) {
    const existing = await request<string[]>(archive.getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`)));
    let key = existing.at(-1) ?? partKey(prefix, 0);
    let part: Part = existing.length ? await request<Part>(archive.get(key)) : { v: TASK_RECORD_VERSION, tasks: {} };
    // A part holds texts of one version: a month's part of an older version is left as it is.
    if (part.v !== TASK_RECORD_VERSION) {
      key = partKey(prefix, Number(key.slice(prefix.length)) + 1);
      part = { v: TASK_RECORD_VERSION, tasks: {} };
    }
    let size = Object.keys(part.tasks).length;
    for (const { key: taskKey, text } of list) {
      if (size >= PART_SIZE) {
        counts[key] = size;
        void writePart(tx, key, part, withTexts);
        key = partKey(prefix, Number(key.slice(prefix.length)) + 1);
        part = { v: TASK_RECORD_VERSION, tasks: {} };
        size = 0;
      }
      part.tasks[taskKey] = text;
      size++;
      placed.set(taskKey, key);
    }
    counts[key] = size;
    void writePart(tx, key, part, withTexts);
  }
  records.put(counts, COUNTS_KEY);
  const byBucket = new Map<number, string[]>();
  for (const key of placed.keys()) {
    const b = bucketOf(key);
    const list = byBucket.get(b);
    if (list) list.push(key);
    else byBucket.set(b, [key]);
  }
  const buckets = tx.objectStore('archiveKeys');
  await Promise.all(
    [...byBucket].map(async ([b, list]) => {
      const bucket = (await request<Bucket | undefined>(buckets.get(b))) ?? {};
      for (const key of list) bucket[key] = placed.get(key)!;
      await request(buckets.put(bucket, b));
    }),
  );
}

/**
 * One pass's batch: the next `SCAN` records of `tasks` after `after`, the archivable ones moved into the parts of
 * their platform and month (the month's last part filled up first), their buckets updated, their records deleted,
 * in one transaction. Answers where the next batch starts, or `done`.
 */
export async function archiveBatch(now: number, after?: string): Promise<{ next?: string; archived: number; done: boolean }> {
  const db = await database();
  const stores = ['tasks', 'events', 'rows', ...ARCHIVE, 'records'];
  const tx = db.transaction(stores, 'readwrite');
  noteTaskWrite(stores);
  const tasks = tx.objectStore('tasks');
  const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
  const [keys, values] = (await Promise.all([tasks.getAllKeys(range, SCAN), tasks.getAll(range, SCAN)])) as [string[], unknown[]];
  if (keys.length === 0) {
    await tx.done;
    return { archived: 0, done: true };
  }
  const first = keys[0]!;
  const last = keys.at(-1)!;
  const [eventKeys, rows] = (await Promise.all([
    tx.objectStore('events').getAllKeys(IDBKeyRange.bound([first], [last, []])),
    tx.objectStore('rows').getAll(IDBKeyRange.bound(first, last)),
  ])) as [[string, ...unknown[]][], TaskRow[]];
  // A task with event records (an open one's, or any a broken write left) stays where readers join them.
  const withEvents = new Set(eventKeys.map((key) => key[0]));
  const rowOf = new Map(rows.map((row) => [row.key, row]));
  const entries = keys.flatMap((key, i) => {
    const entry = withEvents.has(key) ? null : archiveEntryOf(key, values[i], rowOf.get(key), now);
    return entry ? [entry] : [];
  });
  await packEntries(unwrap(tx), entries);
  await Promise.all(entries.map(({ key }) => tasks.delete(key)));
  await tx.done;
  return { next: last, archived: entries.length, done: keys.length < SCAN };
}

/** Where a pass in the order of the rows' days goes on: after this row (its day, its key). */
export interface DayMark {
  day: string;
  key: string;
}

/**
 * One batch of a pass in the order of the rows' days (the `day` index): the next `SCAN` rows after `after`, the
 * archivable tasks among them moved as `archiveBatch` moves them. A batch then touches the parts of a month or two,
 * where a batch in key order touches every month's last part (a task key says nothing of its month): on 100,000
 * tasks, that pass read and wrote ~100 parts of up to 375 kB a batch, ~1.2 s each. Rows with no day (never stamped)
 * are left to the key-order pass. Rows of days within the past 30 days are not visited: nothing there is quiet.
 */
export async function archiveDayBatch(now: number, after?: DayMark): Promise<{ next?: DayMark; archived: number; done: boolean }> {
  const db = await database();
  const stores = ['tasks', 'events', 'rows', ...ARCHIVE, 'records'];
  const tx = db.transaction(stores, 'readwrite');
  noteTaskWrite(stores);
  // A row's day is that of its task's last activity or before it; a day after this one holds no quiet task.
  const upTo = new Date(now - ARCHIVE_AFTER_MS + 24 * 3600_000).toISOString().slice(0, 10);
  if (after && after.day > upTo) {
    await tx.done;
    return { archived: 0, done: true };
  }
  // Open tasks' event records: few, read whole.
  const eventsRead = tx.objectStore('events').getAllKeys();
  let cursor = await tx.objectStore('rows').index('day').openCursor(after ? IDBKeyRange.bound(after.day, upTo) : IDBKeyRange.upperBound(upTo));
  // Rows of `after`'s day up to its key were visited by the batch before.
  while (cursor && after && cursor.key === after.day && (cursor.primaryKey as string) <= after.key) cursor = await cursor.continue();
  const visited: TaskRow[] = [];
  while (cursor && visited.length < SCAN) {
    visited.push(cursor.value as TaskRow);
    cursor = visited.length < SCAN ? await cursor.continue() : null;
  }
  const withEvents = new Set(((await eventsRead) as [string, ...unknown[]][]).map((key) => key[0]));
  const quiet = visited.filter((row) => SETTLED.has(row.status) && typeof row.updatedAt === 'number' && row.updatedAt <= now - ARCHIVE_AFTER_MS && !withEvents.has(row.key));
  const tasks = tx.objectStore('tasks');
  const stored = await Promise.all(quiet.map((row) => tasks.get(row.key)));
  const entries = quiet.flatMap((row, i) => {
    const entry = stored[i] === undefined ? null : archiveEntryOf(row.key, stored[i], row, now);
    return entry ? [entry] : [];
  });
  await packEntries(unwrap(tx), entries);
  await Promise.all(entries.map(({ key }) => tasks.delete(key)));
  await tx.done;
  const last = visited.at(-1);
  return { next: last && { day: last.day!, key: last.key }, archived: entries.length, done: visited.length < SCAN };
}

/** Loose task records beyond this many, a pass goes through the rows' days first (`archiveDayBatch`). */
export const DAY_ORDER_ABOVE = 5 * SCAN;

/** How many task records are loose (in `tasks`). */
export async function looseCount(): Promise<number> {
  return (await database()).count('tasks');
}

/** Whether a pass is due at `now` (none ended in the past day). */
export async function archiveDue(now: number): Promise<boolean> {
  const at = await get<number>(ARCHIVED_AT_KEY, kv());
  return typeof at !== 'number' || at > now || now - at >= 24 * 3600_000;
}

export const noteArchived = (now: number) => set(ARCHIVED_AT_KEY, now, kv());

/**
 * The archive's lock (Web Locks, shared by the background and the extension's pages and Workers): a backup holds it
 * shared while it reads, and an archiving pass runs only when it can take it alone, so no task moves into the archive
 * while a backup reads both places. Where there are no Web Locks (unit tests), `fn` just runs.
 */
const LOCK = 'centime-archive';
const locks = () => (globalThis.navigator as Navigator | undefined)?.locks;

/** Runs `fn` while no archiving pass can run. */
export function withArchiveRead<T>(fn: () => Promise<T>): Promise<T> {
  const manager = locks();
  return manager ? manager.request(LOCK, { mode: 'shared' }, fn) : fn();
}

/** Runs `fn` alone, or answers `skipped` at once when a backup is reading. */
export async function ifArchiveFree<T>(fn: () => Promise<T>): Promise<T | 'skipped'> {
  const manager = locks();
  if (!manager) return fn();
  return manager.request(LOCK, { mode: 'exclusive', ifAvailable: true }, (lock) => (lock ? fn() : 'skipped'));
}
