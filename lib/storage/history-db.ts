import { dayStart, nextDay, type Aggregates, type DayTotals } from '../domain/summary';
import { clearDatabase, database, del, kv, put, taskWrites, type Op } from './database';
import { taskRecordKind } from './kinds';
import { platformStretchSchema, type PlatformStretch, type TaskRecord } from './schemas';
import { archivedKeys, isArchived } from './archive';
import { entriesEndingIn, entriesStartingIn, LONG, type EntryReader } from './day-hours';
import { stretchKeyOf } from './item-keys';
import { allItems, getItem } from './packs';
import { assemble, dayEntriesOf, readTaskParts, taskKey, TASK_STORES, type DayEntry } from './task-store';
import { upgrade, type Upgraded } from './versioned';

export { taskKey } from './task-store';

/**
 * Reads of the task history (docs/storage.md) and the small write helpers the background's writer uses. Written
 * by the background only; extension pages may read.
 *
 * Reads never write. They may run beside the writer's queue (lib/background/task-writer.ts), so a write-back
 * from a read could land over a newer record written meanwhile. A read upgrades an old record in memory only
 * (the writer stores the upgrade with its next change of that task); an invalid record reads as absent and is
 * reported, and the writer sets it aside in its queue, after checking that it is still invalid.
 */
export const db = kv;

/** How a stored task is named where it is reported or quarantined. */
export const taskDbKey = (key: string) => `task:${key}`;
/** A platform stretch's key, and how it is named where it is reported. */
export const stretchKey = (s: PlatformStretch): IDBValidKey => [s.platform, s.start.wall, s.start.mono];
export const stretchDbKey = (key: IDBValidKey) => `stretch:${JSON.stringify(key)}`;

let reportInvalid: (dbKey: string) => void = () => {};

/** Where reads report the invalid records they meet (the background's one writer; nowhere in extension pages). */
export function onInvalidRecord(report: (dbKey: string) => void): void {
  reportInvalid = report;
}

/** A stored task as the writer reads it: raw, upgraded (in memory) or why it is invalid, and its day entries. */
export interface FoundTask {
  dbKey: string;
  raw: unknown;
  read: Upgraded<TaskRecord>;
  entries: DayEntry[];
}

export async function findTask(key: string): Promise<FoundTask | undefined> {
  return (await findTaskNoted(key)).found;
}

/**
 * `findTask`, with the count of write transactions over tasks as its own transaction opened (`taskWrites`): the
 * task read is still the stored one while that count has not moved.
 */
export async function findTaskNoted(key: string, likelyAbsent = false): Promise<{ found: FoundTask | undefined; writes: number }> {
  const tx = (await database()).transaction(TASK_STORES, 'readonly');
  const writes = taskWrites();
  // A task likely new (not open): its record alone is asked first (and its bucket), its other parts only if it is there.
  if (likelyAbsent) {
    const [loose, archived] = await Promise.all([tx.objectStore('tasks').count(key), isArchived(tx, key)]);
    if (loose === 0 && !archived) return { found: undefined, writes };
  }
  const parts = await readTaskParts(tx, key);
  if (!parts) return { found: undefined, writes };
  const raw = assemble(parts);
  const read = upgrade(taskRecordKind, raw);
  // Its stored entries are those its record makes (derived records are a function of the primary ones): the day
  // index keeps no index by task. A record that fails validation (to be set aside) may have had some while it was
  // valid: they are looked for in the hours its events span.
  return { found: { dbKey: taskDbKey(key), raw, read, entries: read.ok ? dayEntriesOf(read.value) : await entriesNaming(key, raw) }, writes };
}

/**
 * The day index's entries of task `key`, whose stored record `raw` no longer reads: in the hours from its earliest to
 * its latest event (an entry is a stretch between two of them), or every hour when it says no time.
 */
async function entriesNaming(key: string, raw: unknown): Promise<DayEntry[]> {
  const events = typeof raw === 'object' && raw !== null ? (raw as { events?: unknown }).events : undefined;
  // An event's time is a stamp (`at.wall`); a record of an older shape may hold a bare number.
  const times = (Array.isArray(events) ? events : []).flatMap((e: unknown) => {
    const at = typeof e === 'object' && e !== null ? (e as { at?: unknown }).at : undefined;
    const wall = typeof at === 'object' && at !== null ? (at as { wall?: unknown }).wall : at;
    return typeof wall === 'number' && Number.isFinite(wall) ? [wall] : [];
  });
  const [from, to] = times.reduce(([low, high], at) => [Math.min(low, at), Math.max(high, at)], [Infinity, -Infinity]);
  const entries = times.length ? await entriesStarting(from, to + 1) : await allDayEntries();
  return entries.filter((e) => e.taskKey === key);
}

/** One task, upgraded to the current version; an invalid record reads as absent. */
export async function getTaskByKey(key: string): Promise<TaskRecord | undefined> {
  return (await getTasks([key]))[0];
}

export const getTask = (platform: string, taskId: string) => getTaskByKey(taskKey(platform, taskId));

/** Several tasks by key, in one transaction; absent or invalid ones are left out. */
export async function getTasks(keys: string[]): Promise<TaskRecord[]> {
  if (keys.length === 0) return [];
  const tx = (await database()).transaction(TASK_STORES, 'readonly');
  const found = await Promise.all(keys.map((key) => readTaskParts(tx, key)));
  return getTasksFromParts(found.flatMap((parts, i) => (parts ? [{ key: keys[i]!, ...parts }] : [])));
}

/** The tasks that stored parts make (header, events, row), upgraded; invalid ones are reported and left out. */
export function getTasksFromParts(found: { key: string; header: unknown; events: unknown[]; row: unknown }[]): TaskRecord[] {
  return found.flatMap((parts) => {
    const record = readRecord(taskDbKey(parts.key), assemble(parts));
    return record ? [record] : [];
  });
}

/** Every task (migration, rebuild and tests only: the popup and lists read rows). */
export async function allTasks(): Promise<TaskRecord[]> {
  const archived = await archivedKeys();
  const tx = (await database()).transaction(TASK_STORES, 'readonly');
  const keys = [...((await tx.objectStore('tasks').getAllKeys()) as string[]), ...archived];
  const found = await Promise.all(keys.map((key) => readTaskParts(tx, key)));
  return found.flatMap((parts, i) => {
    const record = parts ? readRecord(taskDbKey(keys[i]!), assemble(parts)) : null;
    return record ? [record] : [];
  });
}

function readRecord(dbKey: string, raw: unknown): TaskRecord | null {
  const result = upgrade(taskRecordKind, raw);
  if (result.ok) return result.value;
  reportInvalid(dbKey);
  return null;
}

/** The keys of the open tasks, through the rows' status index. */
export async function openTaskKeys(): Promise<string[]> {
  const keys = await (await database()).getAllKeysFromIndex('rows', 'status', 'open');
  return keys as string[];
}

/** Aggregates to write; `null` deletes totals that fell to nothing. */
export type AggregateWrites = Record<string, DayTotals | null>;

export function aggregateOps(aggregates: AggregateWrites): Op[] {
  return Object.entries(aggregates).map(([key, totals]) => (totals ? put('days', key, totals) : del('days', key)));
}

/** Daily totals for the given `<day>|<platform>` keys; absent ones are left out. */
export async function getAggregates(keys: string[]): Promise<Aggregates> {
  const tx = (await database()).transaction('days', 'readonly');
  const values = await Promise.all(keys.map((key) => tx.store.get(key)));
  const result: Aggregates = {};
  keys.forEach((key, i) => {
    if (values[i]) result[key] = values[i] as DayTotals;
  });
  return result;
}

/** The daily totals of the days from `from` to `to` (YYYY-MM-DD, inclusive), every platform. */
export async function aggregatesBetween(from: string, to: string): Promise<Aggregates> {
  const tx = (await database()).transaction('days', 'readonly');
  const range = IDBKeyRange.bound(`${from}|`, `${to}|\uffff`);
  const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
  const result: Aggregates = {};
  keys.forEach((key, i) => (result[String(key)] = values[i] as DayTotals));
  return result;
}

/** Every daily aggregate (rebuild checks and tests: the popup reads its days by key). */
export const allAggregates = (): Promise<Aggregates> => aggregatesBetween('0000-00-00', '9999-99-99');

/** The work stretches that start on one local day (tasks' closed stretches and platform time), in start order. */
export async function dayEntries(day: string, timeZone: string): Promise<DayEntry[]> {
  return entriesStarting(dayStart(day, timeZone), dayStart(nextDay(day), timeZone));
}

/** How the readers below ask the day index (lib/storage/day-hours.ts). */
const reader: EntryReader = {
  hours: async (from, to) => (await (await database()).getAll('dayIndex', IDBKeyRange.bound(from, to))) as DayEntry[][],
  loose: async (range) => (await (await database()).getAll('dayIndex', range)) as DayEntry[],
  long: async () => ((await (await database()).get('dayIndex', LONG)) as DayEntry[] | undefined) ?? [],
};

/** The work stretches that start from `from` (included) to `to` (excluded), in start order. */
export const entriesStarting = (from: number, to: number): Promise<DayEntry[]> => entriesStartingIn(reader, from, to);

/** Every work stretch of the day index, in start order (tests and checks). */
export const allDayEntries = (): Promise<DayEntry[]> => entriesStartingIn(reader, 0, Infinity);

/** The work stretches that end from `from` (included) on, or up to `to` (excluded) when given, in end order. */
export async function entriesEnding(from: number, to = Infinity): Promise<DayEntry[]> {
  return entriesEndingIn(reader, from, to);
}

/** Every platform stretch; an invalid one is reported and left out. */
export async function allStretches(): Promise<PlatformStretch[]> {
  const tx = (await database()).transaction('stretches', 'readonly');
  const records = await tx.store.getAll();
  // Loose stretches, and packs of a platform's day (an import's: lib/storage/packs.ts), opened in key order.
  const values = await allItems(async () => records, stretchKeyOf);
  const parsed = values.map((value) => platformStretchSchema.safeParse(value));
  if (parsed.every((p) => p.success)) return parsed.map((p) => p.data!);
  // The keys only to name a record that fails, asked in the same transaction (40,000 keys cost ~0.5 s of a backup):
  // a loose one by its record's key, one in a pack by the key its value says.
  const keys = await tx.store.getAllKeys();
  const keyOf = new Map(records.flatMap((r, i) => (Array.isArray(r) ? [] : [[r, keys[i]!] as const])));
  return parsed.flatMap((p, i) => {
    if (p.success) return [p.data];
    const key = keyOf.get(values[i]) ?? stretchKeyOf(values[i]);
    if (key !== undefined && key !== null) reportInvalid(stretchDbKey(key));
    return [];
  });
}

/** A stored stretch as it is, loose or in its pack (for the writer, which checks it again before setting it aside). */
export async function readStretchRaw(key: IDBValidKey): Promise<unknown> {
  const db = await database();
  return getItem((k) => db.get('stretches', k as never), stretchKeyOf, key);
}

/** Tests only. */
export async function clearHistory(): Promise<void> {
  await clearDatabase();
}
