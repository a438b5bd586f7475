import type { IDBPTransaction } from 'idb';
import { replay, type TimerEvent } from '../domain/task-timer';
import { frontStretches, type WorkStretch } from '../domain/work-stretches';
import { applyEdits } from '../domain/apply-edits';
import type { EditField } from '../domain/task-edits';
import { archivedRecord } from './archive';
import { bucketOf } from './archive-keys';
import { del, put, type Op } from './database';
import type { PendingItem } from './ledger-db';
import type { PlatformStretch, TaskRecord } from './schemas';

/**
 * A task as it is stored (docs/storage.md): its header in `tasks`; its timeline one record per event in `events`
 * while the task is open, and in the task's own record once it is closed (sealed); and what is derived from
 * them — a compact row in `rows` (lists, indexes), its closed stretches in `dayIndex`. A write puts only what
 * changed: an event of an open task is one event record, the row, and a day-index entry when a stretch closes;
 * never the whole timeline. Closing the task writes its timeline once into its record, so that years of closed
 * tasks are one record each: IndexedDB's cost is per record (a backup, an import or a rebuild of 100,000 tasks
 * read or wrote 100,000 headers and 338,618 event records: issue 18's data figures).
 */
export type TaskHeader = Omit<TaskRecord, 'events' | 'activeMs' | 'idleMs' | 'updatedAt'>;
export type StoredEvent = TimerEvent & { task: string };
/** What `tasks` holds under a task's key: the header, with the timeline once the task is closed. */
export type StoredTask = TaskHeader & { events?: TimerEvent[] };

/** A closed task's timeline lives in its record; an open task's events are records of `events`. */
export const isSealed = (task: Pick<TaskRecord, 'status'>) => task.status !== 'open';

/** A compact row: what lists, the history and the open tasks read, through the indexes of `rows`. */
export interface TaskRow {
  key: string;
  platform: string;
  taskId: string;
  title: string;
  requesterName: string;
  requesterId?: string;
  /** The requester index's key: the id where known, else the name. */
  requester: string;
  hitId?: string;
  groupId?: string;
  reward: TaskRecord['reward'];
  bonus?: TaskRecord['bonus'];
  status: TaskRecord['status'];
  /** The local day its figures belong to (the day it was counted under, or its date); none while open. */
  day?: string;
  firstSeenAt: number;
  /** Accept time (MTurk), and the first and last instant the task was in front: what a dispute quotes. */
  acceptedAt?: number;
  firstActiveAt?: number;
  lastActiveAt?: number;
  endedAt?: number;
  activeMs: number;
  idleMs: number;
  untimed?: boolean;
  external: boolean;
  updatedAt: number;
  /** The fields the worker corrected (issue 16): the row shows the task as its corrections make it. */
  corrected?: EditField[];
  /** Deleted by the worker: in no figure; listed only under the history's "deleted" filter. */
  deleted?: true;
  addedByHand?: true;
}

/**
 * One entry of the per-day index: a stretch of work, keyed by when it starts, so that a local day (in the time
 * zone of the reader) is one key range: `dayEntries(day, timeZone)`. A task's stretch carries its active and
 * idle parts (they add up to the task's totals); a platform stretch is platform time from start to end.
 */
export type DayEntry = WorkStretch & { activeMs?: number; idleMs?: number };

export const taskKey = (platform: string, taskId: string) => `${platform}:${taskId}`;
export const eventKey = (task: string, e: TimerEvent): IDBValidKey => [task, e.boot, e.n];
/** All the event keys of one task. */
export const eventRange = (task: string) => IDBKeyRange.bound([task], [task, []]);
export const dayEntryKey = (e: DayEntry): IDBValidKey => [e.start, e.taskKey ?? `@${e.platform}`];

export function headerOf(record: TaskRecord): TaskHeader {
  const { events: _e, activeMs: _a, idleMs: _i, updatedAt: _u, ...header } = record;
  return header;
}

/** What `tasks` keeps of a task: its header, with its events when it is closed. */
export function storedTaskOf(record: TaskRecord): StoredTask {
  return isSealed(record) ? { ...headerOf(record), events: record.events } : headerOf(record);
}

/** The event records of an open task. */
export const eventOps = (key: string, events: readonly TimerEvent[]): Op[] => events.map((e) => put('events', eventKey(key, e), { ...e, task: key }));

/** The row of a task as its corrections make it (`applyEdits`), with what was corrected and whether it is deleted. */
export function rowOf(recorded: TaskRecord): TaskRow {
  const { task: record, corrected, deleted } = applyEdits(recorded);
  const key = taskKey(record.platform, record.taskId);
  return {
    key, platform: record.platform, taskId: record.taskId, title: record.title, requesterName: record.requesterName,
    ...(record.requesterId ? { requesterId: record.requesterId } : {}),
    requester: record.requesterId || record.requesterName,
    ...(record.hitId ? { hitId: record.hitId } : {}),
    ...(record.groupId ? { groupId: record.groupId } : {}),
    reward: record.reward,
    ...(record.bonus ? { bonus: record.bonus } : {}),
    status: record.status,
    ...(record.status !== 'open' && (record.countedDay ?? record.day) ? { day: record.countedDay ?? record.day } : {}),
    firstSeenAt: record.firstSeenAt,
    ...(record.acceptedAt !== undefined ? { acceptedAt: record.acceptedAt } : {}),
    ...activeSpan(record.events),
    ...(record.endedAt !== undefined ? { endedAt: record.endedAt } : {}),
    activeMs: record.activeMs, idleMs: record.idleMs,
    ...(record.untimed ? { untimed: true } : {}),
    external: record.external,
    updatedAt: lastActivity(recorded),
    ...(corrected.length ? { corrected } : {}),
    ...(deleted ? { deleted: true as const } : {}),
    ...(record.addedByHand ? { addedByHand: true as const } : {}),
  };
}

/** The first and last instant in front, from the closed stretches (the history's columns; none while never in front). */
function activeSpan(events: readonly TimerEvent[]): { firstActiveAt?: number; lastActiveAt?: number } {
  const stretches = frontStretches(events);
  if (stretches.length === 0) return {};
  return { firstActiveAt: stretches[0]!.start, lastActiveAt: stretches.at(-1)!.end };
}

/**
 * When the task last changed, as its records say: its last event, outcome, approval or platform reading. Derived
 * (a rebuild gives the same), so it is what `updatedAt` reads as.
 */
export function lastActivity(task: Omit<TaskRecord, 'activeMs' | 'idleMs' | 'updatedAt'>): number {
  const times = [
    task.firstSeenAt, task.startedAt, task.endedAt, task.approvedAt, task.observedAt, task.statusReadAt,
    ...task.events.map((e) => e.at.wall), ...(task.edits ?? []).map((e) => e.at),
  ];
  return Math.max(...times.filter((t): t is number => typeof t === 'number' && Number.isFinite(t)));
}

/**
 * The task's closed stretches in front, as its corrections make them: none once deleted; a corrected active time's
 * difference on its last stretch (a decrease working backwards, never below 0), so that they add up to its totals.
 */
export function dayEntriesOf(record: TaskRecord): DayEntry[] {
  const key = taskKey(record.platform, record.taskId);
  const { task, deleted } = applyEdits(record);
  if (deleted) return [];
  const entries: DayEntry[] = frontStretches(record.events).map(({ start, end, activeMs, idleMs }) => ({ start, end, platform: record.platform, taskKey: key, activeMs, idleMs }));
  let difference = task.activeMs - record.activeMs;
  for (let i = entries.length - 1; i >= 0 && difference !== 0; i--) {
    const entry = entries[i]!;
    const activeMs = Math.max(0, entry.activeMs! + difference);
    difference -= activeMs - entry.activeMs!;
    entry.activeMs = activeMs;
  }
  return entries;
}

/** A platform stretch's entry: under the local day it starts, as long as its active time. */
export const stretchEntry = (s: PlatformStretch): DayEntry => ({ start: s.start.wall, end: s.start.wall + s.ms, platform: s.platform });

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The writes that take the stored task from `old` (undefined: new) to `record`: its record when it changed, the
 * event records added (or changed, or gone) while it is open, the row, and the day-index entries that differ
 * from `storedEntries`. Closing moves the timeline into the record (and its event records go) in one transaction.
 */
export function taskOps(old: TaskRecord | undefined, record: TaskRecord, storedEntries: readonly DayEntry[]): Op[] {
  const key = taskKey(record.platform, record.taskId);
  const ops: Op[] = [];
  const stored = storedTaskOf(record);
  const changed = !old || !same(storedTaskOf(old), stored);
  if (changed) ops.push(put('tasks', key, stored));
  if (isSealed(record)) {
    // Its event records (an open task's, a record stored before timelines were sealed and now upgraded whole, or
    // any a broken write left) are in the record now.
    if (changed) ops.push(del('events', eventRange(key)));
  } else if (old && isSealed(old)) {
    ops.push(...eventOps(key, record.events));
  } else {
    const before = new Map((old?.events ?? []).map((e) => [`${e.boot}:${e.n}`, e]));
    for (const e of record.events) {
      const was = before.get(`${e.boot}:${e.n}`);
      before.delete(`${e.boot}:${e.n}`);
      if (!was || !same(was, e)) ops.push(...eventOps(key, [e]));
    }
    for (const gone of before.values()) ops.push(del('events', eventKey(key, gone)));
  }
  ops.push(put('rows', key, rowOf(record)));
  ops.push(...entryOps(storedEntries, dayEntriesOf(record)));
  return ops;
}

/** Puts the entries not stored yet, deletes the stored ones no longer there. */
export function entryOps(stored: readonly DayEntry[], wanted: readonly DayEntry[]): Op[] {
  const id = (e: DayEntry) => JSON.stringify(dayEntryKey(e));
  const have = new Map(stored.map((e) => [id(e), e]));
  const ops: Op[] = [];
  for (const e of wanted) {
    const was = have.get(id(e));
    have.delete(id(e));
    if (!was || !same(was, e)) ops.push(put('dayIndex', dayEntryKey(e), e));
  }
  for (const e of have.values()) ops.push(del('dayIndex', dayEntryKey(e)));
  return ops;
}

/** The writes that remove a task and everything derived from it (its day totals aside). */
export function removeTaskOps(key: string, entries: readonly DayEntry[]): Op[] {
  return [
    del('tasks', key), del('rows', key), del('pending', key), del('events', eventRange(key)),
    ...entries.map((e) => del('dayIndex', dayEntryKey(e))),
  ];
}

/** The stores a task is read from. */
export const TASK_STORES = ['tasks', 'events', 'rows', 'archive', 'archiveKeys'];

type AnyTx = IDBPTransaction<unknown, string[], 'readonly' | 'readwrite'>;

/**
 * A stored task as its parts say it, in one transaction (over `TASK_STORES`): header and events (raw,
 * unvalidated), and its row; from `tasks` or the archive.
 */
export async function readTaskParts(tx: AnyTx, key: string): Promise<{ header: unknown; events: unknown[]; row: unknown } | undefined> {
  // A settled task of the past is in the archive (archive.ts): its bucket is asked beside the record.
  const bucket = tx.objectStore('archiveKeys').get(bucketOf(key));
  const [loose, records, row] = await Promise.all([
    tx.objectStore('tasks').get(key),
    tx.objectStore('events').getAll(eventRange(key)),
    tx.objectStore('rows').get(key),
  ]);
  const stored = loose ?? (await archivedRecord(tx, key, bucket));
  if (stored === undefined) return undefined;
  return { ...joinTimeline(stored, records), row };
}

/**
 * A task's header and its whole timeline: the events sealed in its record, then its event records (a task has
 * one or the other; both are kept if a broken write left both, and validation judges them).
 */
export function joinTimeline(stored: unknown, records: readonly unknown[]): { header: unknown; events: unknown[] } {
  if (typeof stored !== 'object' || stored === null || !('events' in stored)) return { header: stored, events: [...records] };
  const { events: sealed, ...header } = stored as Record<string, unknown>;
  return { header, events: [...(Array.isArray(sealed) ? sealed : [sealed]), ...records] };
}

/** An event as its task holds it: an event record without the task key it carries (raw, unvalidated). */
export function eventOfRecord(e: unknown): unknown {
  if (typeof e !== 'object' || e === null) return e;
  const { task: _t, ...event } = e as StoredEvent;
  return event;
}

/** The record the parts make (raw: the caller validates it), with times replayed from the events. */
export function assemble(parts: { header: unknown; events: unknown[]; row: unknown }): unknown {
  if (typeof parts.header !== 'object' || parts.header === null) return parts.header;
  const events = parts.events.map(eventOfRecord);
  const header = parts.header as Record<string, unknown>;
  const row = parts.row as Partial<TaskRow> | undefined;
  // The row holds the times the writer counted with these events (same transaction); before a rebuild (an
  // import) there is none, and the events are replayed.
  let { activeMs, idleMs } = row ?? {};
  // A corrected or hand-added task's row shows the time its figures use: the recorded one is replayed.
  const asRecorded = !row?.corrected?.includes('activeMs') && header.addedByHand !== true;
  if (typeof activeMs !== 'number' || typeof idleMs !== 'number' || !asRecorded) {
    try {
      const state = replay(events as TimerEvent[]);
      activeMs = Math.round(state.activeMs);
      idleMs = Math.round(state.idleMs);
    } catch {
      activeMs = idleMs = 0; // malformed events: validation reports them
    }
  }
  let updatedAt = row?.updatedAt;
  if (typeof updatedAt !== 'number') {
    try {
      updatedAt = lastActivity({ ...(header as TaskHeader), events: events as TimerEvent[] });
    } catch {
      updatedAt = header.firstSeenAt as number; // malformed: validation reports it
    }
  }
  return { ...header, events, activeMs, idleMs, updatedAt };
}

/** A submitted task awaiting approval, as the pending index keeps it (its payment dates need no task read). */
export function pendingItemOf(key: string, recorded: TaskRecord): PendingItem | null {
  const { task: record, deleted } = applyEdits(recorded);
  // Manual work (offline, another site) awaits no platform's approval: it is never a pending item.
  if (deleted || record.status !== 'submitted' || !record.reward || record.endedAt === undefined || record.platform === 'manual') return null;
  return {
    key, platform: record.platform, title: record.title, requesterName: record.requesterName,
    ...(record.requesterId ? { requesterId: record.requesterId } : {}),
    reward: record.reward, submittedAt: record.endedAt,
    // The day the balances count it under: a record that carries only a date (untimed) is that date's.
    ...(record.countedDay ?? record.day ? { day: record.countedDay ?? record.day } : {}),
  };
}

