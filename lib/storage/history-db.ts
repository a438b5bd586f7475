import { clear, createStore, entries, get, getMany, promisifyRequest, type UseStore } from 'idb-keyval';
import type { Aggregates, DayTotals } from '../domain/summary';
import { taskRecordKind } from './kinds';
import type { DashboardReading } from '../domain/ledger';
import { dashboardReadingSchema, platformStretchSchema, type PlatformStretch, type TaskRecord } from './schemas';
import { upgrade, type Upgraded } from './versioned';

/**
 * Task history in IndexedDB, one key per record so that appending one task stays cheap at 10,000 records
 * (TOOLCHAIN.md), plus small derived records: `agg:<day>|<platform>` daily totals, `index:open` (the keys of
 * open tasks) and `stretch:…` platform time. Written by the background only; extension pages may read it.
 */
let store: UseStore | undefined;
/** The one store of history; `ledger-db.ts` shares it. */
export const db = () => (store ??= createStore('centime', 'records'));

export const taskKey = (platform: string, taskId: string) => `${platform}:${taskId}`;
/** The IndexedDB key of a task record. */
export const taskDbKey = (key: string) => `task:${key}`;
const OPEN_INDEX = 'index:open';

/*
 * Reads never write. They may run beside the writer's queue (lib/background/task-writer.ts), so a write-back
 * from a read could land over a newer record written meanwhile. A read upgrades an old record in memory only
 * (the writer stores the upgrade with its next change of that task); an invalid record reads as absent and is
 * reported, and the writer sets it aside in its queue, after checking that it is still invalid.
 */
let reportInvalid: (dbKey: string) => void = () => {};

/** Where reads report the invalid records they meet (the background's one writer; nowhere in extension pages). */
export function onInvalidRecord(report: (dbKey: string) => void): void {
  reportInvalid = report;
}

/** One task, upgraded to the current version; an invalid record reads as absent. */
export async function getTaskByKey(key: string): Promise<TaskRecord | undefined> {
  const raw: unknown = await get(taskDbKey(key), db());
  if (raw === undefined) return undefined;
  return readRecord(taskDbKey(key), raw) ?? undefined;
}

/** A stored task as the writer reads it: raw, and upgraded (in memory) or why it is invalid; undefined when absent. */
export async function findTask(key: string): Promise<{ dbKey: string; raw: unknown; read: Upgraded<TaskRecord> } | undefined> {
  const raw: unknown = await get(taskDbKey(key), db());
  return raw === undefined ? undefined : { dbKey: taskDbKey(key), raw, read: upgrade(taskRecordKind, raw) };
}

export const getTask = (platform: string, taskId: string) => getTaskByKey(taskKey(platform, taskId));

/** Several tasks by key, in one read; absent or invalid ones are left out. */
export async function getTasks(keys: string[]): Promise<TaskRecord[]> {
  const values = await getMany(keys.map(taskDbKey), db());
  const tasks: TaskRecord[] = [];
  for (const [i, raw] of values.entries()) {
    const record = raw === undefined ? null : readRecord(taskDbKey(keys[i]!), raw);
    if (record) tasks.push(record);
  }
  return tasks;
}

/** Aggregates to write; `null` deletes totals that fell to nothing. */
export type AggregateWrites = Record<string, DayTotals | null>;

/** Puts and deletes in one IndexedDB transaction: a record and the aggregates it moved land together or not at all. */
export function batch(puts: [string, unknown][], dels: string[]): Promise<void> {
  return db()('readwrite', (s) => {
    for (const [key, value] of puts) s.put(value, key);
    for (const key of dels) s.delete(key);
    return promisifyRequest(s.transaction);
  });
}

export function aggregateOps(aggregates: AggregateWrites): [[string, unknown][], string[]] {
  const puts: [string, unknown][] = [];
  const dels: string[] = [];
  for (const [key, totals] of Object.entries(aggregates)) {
    if (totals) puts.push([`agg:${key}`, totals]);
    else dels.push(`agg:${key}`);
  }
  return [puts, dels];
}

/** Writes a task, the aggregates it changed and the open-task index together. */
export async function putTask(
  record: TaskRecord,
  aggregates: AggregateWrites = {},
  openKeys?: string[],
  extra: [string, unknown][] = [],
  extraDels: string[] = [],
): Promise<void> {
  const [puts, dels] = aggregateOps(aggregates);
  puts.push(...extra);
  dels.push(...extraDels);
  puts.push([taskDbKey(taskKey(record.platform, record.taskId)), record]);
  if (openKeys) puts.push([OPEN_INDEX, openKeys]);
  await batch(puts, dels);
}

/** How many recent paid times are kept per group and per requester for estimates. */
export const STATS_KEPT = 50;
export type StatsKind = 'group' | 'requester';
const statsKey = (kind: StatsKind, id: string) => `stats:${kind}:${id}`;

/** Paid active times (ms) of submitted tasks, per group or requester id. */
export async function getStats(kind: StatsKind, ids: string[]): Promise<Record<string, number[]>> {
  const unique = [...new Set(ids)];
  const values = await getMany(unique.map((id) => statsKey(kind, id)), db());
  const result: Record<string, number[]> = {};
  unique.forEach((id, i) => {
    const v: unknown = values[i];
    if (Array.isArray(v)) result[id] = v.filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0);
  });
  return result;
}

/** The stats records to write when a task's paid time joins them (in the task's own transaction). */
export async function statsWrites(sample: { groupId?: string; requesterId?: string; ms: number }): Promise<[string, unknown][]> {
  const writes: [string, unknown][] = [];
  for (const [kind, id] of [['group', sample.groupId], ['requester', sample.requesterId]] as const) {
    if (!id) continue;
    const times = (await getStats(kind, [id]))[id] ?? [];
    writes.push([statsKey(kind, id), [...times, sample.ms].slice(-STATS_KEPT)]);
  }
  return writes;
}

/** One dated approval (`ApprovalEntry` in lib/domain/ledger.ts). */
export interface Approval {
  at: number;
  minor: number;
  currency: string;
  knownAt?: number;
}
const APPROVALS_KEPT_MS = 90 * 86_400_000;
const approvalsKey = (platform: string) => `ledger:approvals:${platform}`;
const readingsKey = (platform: string) => `ledger:readings:${platform}`;

/** Recent approvals (90 days): what the withdrawable estimate adds to a reading, and the pace to a threshold. */
export async function getApprovals(platform: string): Promise<Approval[]> {
  const v: unknown = await get(approvalsKey(platform), db());
  return Array.isArray(v) ? (v as Approval[]) : [];
}

/** The approvals record with one more; `pending` is what earlier calls in the same transaction return. */
export async function approvalWrites(platform: string, approval: Approval, pending: [string, unknown][] = []): Promise<[string, unknown][]> {
  const known = pending.length ? (pending[0]![1] as Approval[]) : await getApprovals(platform);
  const kept = known.filter((a) => a.at > approval.at - APPROVALS_KEPT_MS);
  return [[approvalsKey(platform), [...kept, approval]]];
}

/** Dashboard readings, oldest first (the last 200). */
export async function getReadings(platform: string): Promise<DashboardReading[]> {
  const v: unknown = await get(readingsKey(platform), db());
  if (!Array.isArray(v)) return [];
  return v.flatMap((r) => {
    const parsed = dashboardReadingSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The readings record with one more reading (the last 200 are kept), to write in the writer's transaction. */
export async function readingWrites(platform: string, reading: DashboardReading): Promise<[string, unknown]> {
  return [readingsKey(platform), [...(await getReadings(platform)), reading].slice(-200)];
}

export async function openTaskKeys(): Promise<string[]> {
  const keys: unknown = await get(OPEN_INDEX, db());
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
}

/** Daily totals for the given `<day>|<platform>` keys; absent ones come back empty-handed (undefined). */
export async function getAggregates(keys: string[]): Promise<Aggregates> {
  const values = await getMany(keys.map((k) => `agg:${k}`), db());
  const result: Aggregates = {};
  keys.forEach((key, i) => {
    if (values[i]) result[key] = values[i] as DayTotals;
  });
  return result;
}

/** Every daily aggregate, through a key range: only `agg:` records are read, never the tasks. */
export async function aggregatesByKey(): Promise<Aggregates> {
  return db()('readonly', async (s) => {
    const range = IDBKeyRange.bound('agg:', 'agg:\uffff');
    const [keys, values] = await Promise.all([promisifyRequest(s.getAllKeys(range)), promisifyRequest(s.getAll(range))]);
    const result: Aggregates = {};
    keys.forEach((key, i) => {
      result[String(key).slice(4)] = values[i] as DayTotals;
    });
    return result;
  });
}

export async function allAggregates(): Promise<Aggregates> {
  const result: Aggregates = {};
  for (const [key, value] of await entries(db())) {
    if (typeof key === 'string' && key.startsWith('agg:')) result[key.slice(4)] = value as DayTotals;
  }
  return result;
}

export async function putStretch(stretch: PlatformStretch, aggregates: AggregateWrites): Promise<void> {
  const [puts, dels] = aggregateOps(aggregates);
  puts.push([`stretch:${stretch.platform}:${stretch.start.wall}:${stretch.start.mono}`, stretch]);
  await batch(puts, dels);
}

export async function allStretches(): Promise<PlatformStretch[]> {
  const stretches: PlatformStretch[] = [];
  for (const [key, value] of await entries(db())) {
    if (typeof key !== 'string' || !key.startsWith('stretch:')) continue;
    const parsed = platformStretchSchema.safeParse(value);
    if (parsed.success) stretches.push(parsed.data);
    else reportInvalid(key);
  }
  return stretches;
}

export async function allTasks(): Promise<TaskRecord[]> {
  const tasks: TaskRecord[] = [];
  for (const [key, raw] of await entries(db())) {
    if (typeof key !== 'string' || !key.startsWith('task:')) continue;
    const record = readRecord(key, raw);
    if (record) tasks.push(record);
  }
  return tasks;
}

function readRecord(dbKey: string, raw: unknown): TaskRecord | null {
  const result = upgrade(taskRecordKind, raw);
  if (result.ok) return result.value;
  reportInvalid(dbKey);
  return null;
}

/** A stored record as it is (for the writer, which checks it again before setting it aside). */
export const readRaw = (dbKey: string): Promise<unknown> => get(dbKey, db());

/** Why a stored task or stretch record cannot be read, or null when it can (upgraded if need be). */
export function recordProblem(dbKey: string, raw: unknown): string | null {
  if (dbKey.startsWith('task:')) {
    const result = upgrade(taskRecordKind, raw);
    return result.ok ? null : result.error;
  }
  const parsed = platformStretchSchema.safeParse(raw);
  return parsed.success ? null : `platform stretch: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
}

/** Deletes a record with what it leaves behind (its aggregates, its index entries), in one transaction. */
export async function removeRecord(dbKey: string, aggregates: AggregateWrites, openKeys?: string[], extraDels: string[] = []): Promise<void> {
  const [puts, dels] = aggregateOps(aggregates);
  if (openKeys) puts.push([OPEN_INDEX, openKeys]);
  await batch(puts, [...dels, ...extraDels, dbKey]);
}

/** Tests only. */
export async function clearHistory(): Promise<void> {
  await clear(db());
}
