import { promisifyRequest } from 'idb-keyval';
import type { Op } from './database';
import type { DayEntry } from './task-store';

/**
 * The day index, many entries to a record (issue 18: IndexedDB's cost is per record and per index entry). The
 * store `dayIndex` holds two kinds of records, with no index:
 * - an **hour**: the hour's number (`Math.floor(start / HOUR)`, a number key) → the entries that start in it, in
 *   key order. A rebuild and an import write every entry they make into its hour: the seeded 100,000 tasks' ~140,000
 *   entries, with two index entries each before, are ~15,000 records;
 * - a **loose entry**: `[start, id]` (`dayEntryKey`, an array key) → the entry, as the writer puts a stretch that
 *   closes while the worker works: one small record, whatever else that hour holds (an event's writes do not grow
 *   with the day: tests/unit/storage/write-growth.test.ts).
 * An hour's entries are all in its record or all loose, never both: the writer changes an hour that has a record
 * in that record, and a stretch is written into an hour's record only with every loose entry of that hour moved in.
 *
 * The writers still speak of entries: `put('dayIndex', [start, id], entry)` and `del('dayIndex', [start, id])`;
 * `commit` hands them to `writeDayEntries`.
 *
 * A stretch longer than `SPAN` hours (a tab left in front over a weekend, an imported task's odd timeline) is kept in
 * its hour's record and also in the record `LONG`, so that a reader of the stretches that end in a period reads the
 * `SPAN` hours before it and that record, never the whole history.
 */
export const HOUR = 3_600_000;
/** Hours a stretch may span and still be found by reading that many hours before its end. */
export const SPAN = 24;
/** The record of the stretches longer than `SPAN` hours (beside their hour's). Hours are never negative. */
export const LONG = -1;

export const hourOf = (ms: number) => Math.floor(ms / HOUR);
const isLong = (e: DayEntry) => hourOf(e.end) - hourOf(e.start) > SPAN;

const idOf = (e: DayEntry) => e.taskKey ?? `@${e.platform}`;
/** Key order, `[start, id]`: IndexedDB compares strings by code unit, as `<` does. */
export function byKey(a: DayEntry, b: DayEntry): number {
  if (a.start !== b.start) return a.start - b.start;
  const [x, y] = [idOf(a), idOf(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
/** The order of the `end` index this replaces: by end, then by key. */
export const byEnd = (a: DayEntry, b: DayEntry) => a.end - b.end || byKey(a, b);

function entryKeyOf(op: Op): [number, string] {
  const key = op.key;
  if (!Array.isArray(key) || typeof key[0] !== 'number' || typeof key[1] !== 'string') throw new Error('a day-index op is by entry key, [start, id]');
  return [key[0], key[1]];
}

const request = <T>(req: IDBRequest): Promise<T> => promisifyRequest(req as IDBRequest<T>);
/** The loose entries that start from `from` (included) to `to` (excluded): a range of array keys. */
const looseRange = (from: number, to: number) => IDBKeyRange.bound([from], [to], false, true);

/**
 * Applies the day index's entry ops, in their order, in `store` (`dayIndex`, within the caller's transaction): an
 * hour with a record is read and written once; elsewhere an entry is put or deleted loose. `pack` (a rebuild, an
 * import): every hour the ops touch gets a record, its loose entries moved in.
 */
export async function writeDayEntries(store: IDBObjectStore, ops: readonly Op[], pack = false): Promise<void> {
  if (ops.length === 0) return;
  const keys = ops.map(entryKeyOf);
  const touched = new Set(keys.map(([start]) => hourOf(start)));
  const read = await Promise.all([LONG, ...touched].map(async (hour) => [hour, await request<DayEntry[] | undefined>(store.get(hour))] as const));
  const stored = new Map(read);
  // Hours to give a record: every one touched when packing; else those a long stretch goes into.
  const toPack = new Set<number>();
  ops.forEach((op, i) => {
    const hour = hourOf(keys[i]![0]);
    if (pack || (stored.get(hour) === undefined && op.value !== undefined && isLong(op.value as DayEntry))) toPack.add(hour);
  });
  const loose = await looseIn(store, toPack);
  const hours = new Map<number, Map<string, DayEntry>>();
  const at = (e: DayEntry) => `${e.start}|${idOf(e)}`;
  for (const [hour, entries] of stored) if (entries !== undefined || toPack.has(hour) || hour === LONG) hours.set(hour, new Map((entries ?? []).map((e) => [at(e), e])));
  for (const e of loose) {
    hours.get(hourOf(e.start))!.set(at(e), e);
    store.delete([e.start, idOf(e)]);
  }
  const changed = new Set<number>();
  const long = hours.get(LONG)!;
  ops.forEach((op, i) => {
    const [start, id] = keys[i]!;
    const key = `${start}|${id}`;
    const entry = op.value as DayEntry | undefined;
    if (entry !== undefined && (entry.start !== start || idOf(entry) !== id)) throw new Error('a day-index entry is put under its own key');
    if (long.delete(key)) changed.add(LONG);
    const hour = hourOf(start);
    const record = hours.get(hour);
    if (!record) {
      if (entry === undefined) store.delete([start, id]);
      else store.put(entry, [start, id]);
      return;
    }
    if (record.delete(key)) changed.add(hour);
    if (entry === undefined) return;
    record.set(key, entry);
    changed.add(hour);
    if (isLong(entry)) {
      long.set(key, entry);
      changed.add(LONG);
    }
  });
  for (const hour of new Set([...changed, ...toPack])) {
    const entries = [...hours.get(hour)!.values()].sort(byKey);
    if (entries.length) store.put(entries, hour);
    else store.delete(hour);
  }
}

/** The loose entries of `hours`: one range each when they are few, else every loose entry, kept when in them. */
async function looseIn(store: IDBObjectStore, hours: ReadonlySet<number>): Promise<DayEntry[]> {
  if (hours.size === 0) return [];
  if (hours.size <= 8) {
    const lists = await Promise.all([...hours].map((hour) => request<DayEntry[]>(store.getAll(looseRange(hour * HOUR, (hour + 1) * HOUR)))));
    return lists.flat();
  }
  const all = await request<DayEntry[]>(store.getAll(IDBKeyRange.lowerBound([])));
  return all.filter((e) => hours.has(hourOf(e.start)));
}

/** How a reader asks the store: the hours' records from `from` to `to` (inclusive), loose entries by key range. */
export interface EntryReader {
  hours(from: number, to: number): Promise<DayEntry[][]>;
  loose(range: IDBKeyRange): Promise<DayEntry[]>;
  long(): Promise<DayEntry[]>;
}

/** The entries that start from `from` (included) to `to` (excluded), in key order. */
export async function entriesStartingIn(read: EntryReader, from: number, to: number): Promise<DayEntry[]> {
  if (!(to > from)) return [];
  const last = to === Infinity ? Number.MAX_SAFE_INTEGER : hourOf(to - 1);
  const [hours, loose] = await Promise.all([read.hours(Math.max(0, hourOf(from)), last), read.loose(looseRange(from, to))]);
  const found = hours.flat().filter((e) => e.start >= from && e.start < to);
  for (const e of loose) found.push(e);
  return found.sort(byKey);
}

/**
 * The entries that end from `from` (included) to `to` (excluded), in end order: those that start from `SPAN` hours
 * before `from`'s hour on, and the long ones.
 */
export async function entriesEndingIn(read: EntryReader, from: number, to: number): Promise<DayEntry[]> {
  if (!(to > from)) return [];
  const [starting, long] = await Promise.all([entriesStartingIn(read, Math.max(0, hourOf(from) - SPAN) * HOUR, to), read.long()]);
  const found = starting.filter((e) => !isLong(e));
  for (const e of long) found.push(e);
  return found.filter((e) => e.end >= from && e.end < to).sort(byEnd);
}
