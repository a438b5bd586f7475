import { get } from 'idb-keyval';
import { backupTask, restoredTask, type BackupTask } from '../data/backup';
import { mergeTask } from '../data/merge';
import { joinTimelines } from '../domain/join-timelines';
import { applyContribution, taskContribution, type Aggregates, type Contribution } from '../domain/summary';
import { importOps } from './bulk';
import { commit, database, del, kv, put, type Op } from './database';
import { aggregateOps, findTask, getAggregates, type AggregateWrites } from './history-db';
import { cleanTaskKey, keysFromUrls, scrubTaskRefs, type KnownKeys } from './identity-ids';
import { withDay } from './import-write';
import { approvalOp, compareApprovals, type Approval } from './ledger-db';
import { approvalKeyOf } from './item-keys';
import { quarantine, rewriteQuarantine } from './quarantine';
import { DERIVED_VERSION_KEY, rebuildSummaries } from './rebuild';
import { dayEntriesOf, dayEntryKey, eventRange, pendingItemOf, removeTaskOps, rowOf } from './task-store';

/**
 * Custom sites' tasks stored before their ids left out the worker's own id (bce8f57; DESIGN.md: never stored) are
 * stored again under ids without it, once, at start-up, in the writer's queue before the tracker starts. Each task
 * moves with its event records and what is derived from it (row, day-index entries, pending item) in one
 * transaction, a batch of tasks at a time, so that a stop loses nothing (the next start goes on with what is still
 * under an old key). Two records that become one task (the same task stored twice: before the change and since, or
 * under two ids of the worker) are merged as an import merges two copies (`mergeTask`), their timelines joined
 * (`joinTimelines`) so that the time each counted is kept; their days' totals take the one task instead of the two.
 * Then their dated approvals, the quarantine, and (`trackerState`) what extension storage keeps of open tasks.
 * A task whose URL a tab shows (`tabUrls`) moves to the key `taskIdOf` makes of that URL now, the one the tracker
 * goes on under: an id cut to 200 characters holds a hash of the URL with the worker's id, which its key alone
 * cannot turn into the hash of the URL without it.
 */
export const IDENTITY_SCRUBBED_KEY = 'index:identity-ids-scrubbed';
/** Old keys moved per transaction. */
const BATCH = 200;
/** The derived records are being changed: a stop before the summaries are made again rebuilds them all. */
const STALE = 'identity-ids';
const CUSTOM = IDBKeyRange.bound('custom:', 'custom;', false, true);
const CUSTOM_LISTS = IDBKeyRange.bound(['custom:'], ['custom;'], false, true);

export interface ScrubHooks {
  /** Sets an invalid stored task aside (quarantine): the writer's own way (lib/background/set-aside.ts). */
  setAside(dbKey: string): Promise<unknown>;
  /** Rewrites, with `scrub`, what extension storage and alarms keep of tasks (lib/background/stored-task-refs.ts). */
  trackerState?(scrub: (value: unknown) => unknown): Promise<void>;
  /** The URLs the browser's tabs show (lib/background/stored-task-refs.ts `tabUrls`): where open tasks' URLs are. */
  tabUrls?(): Promise<string[]>;
}

/** Runs the migration unless it is done. Answers how many stored tasks it moved and merged, or null when done before. */
export async function scrubIdentityIds(timeZone: string, hooks: ScrubHooks): Promise<{ moved: number; merged: number } | null> {
  if ((await get(IDENTITY_SCRUBBED_KEY, kv())) === true) return null;
  const db = await database();
  const [taskKeys, eventKeys] = await Promise.all([db.getAllKeys('tasks', CUSTOM), db.getAllKeys('events', CUSTOM_LISTS)]);
  const keys = [...taskKeys.map(String), ...eventKeys.map((k) => String((k as unknown[])[0]))];
  // Tasks whose URL a tab shows: under the key the tracker makes of it. The others as their keys give it.
  const known = keysFromUrls(keys, (await hooks.tabUrls?.()) ?? []);
  const scrub = <T>(value: T): T => scrubTaskRefs(value, known);
  // By the key each becomes: with the task already stored there, if any, they are one task.
  const groups = new Map<string, Set<string>>();
  for (const key of keys) {
    const clean = cleanTaskKey(key, known);
    if (clean !== null) groups.set(clean, (groups.get(clean) ?? new Set()).add(key));
  }
  const counts = { moved: 0, merged: 0 };
  let batch: [string, string[]][] = [];
  let size = 0;
  for (const [clean, old] of groups) {
    batch.push([clean, [...old]]);
    size += old.size;
    if (size < BATCH) continue;
    await moveBatch(batch, timeZone, hooks, counts, known);
    [batch, size] = [[], 0];
  }
  if (batch.length) await moveBatch(batch, timeZone, hooks, counts, known);
  const approvals = await moveApprovals(known);
  await rewriteQuarantine((key, entry) => {
    const next = scrub(entry);
    if (next === entry) return null;
    return { key: key.startsWith(entry.source) ? `${next.source}${key.slice(entry.source.length)}` : scrub(key), entry: next };
  });
  await hooks.trackerState?.(scrub);
  // The balance summaries and recent approvals name tasks, and count pending items: made again from the records.
  if (groups.size || approvals) await rebuildSummaries();
  await commit([put('records', IDENTITY_SCRUBBED_KEY, true)]);
  return counts;
}

/** Moves a batch of groups (old keys, and the clean key they become) in one transaction. */
async function moveBatch(groups: [string, string[]][], timeZone: string, hooks: ScrubHooks, counts: { moved: number; merged: number }, known: KnownKeys): Promise<void> {
  const ops: Op[] = [];
  const before: (Contribution | null)[] = [];
  const after: (Contribution | null)[] = [];
  for (const [clean, old] of groups) {
    const copies: BackupTask[] = [];
    for (const key of [clean, ...old]) {
      const found = await findTask(key);
      if (!found) {
        if (key !== clean) ops.push(...(await setAsideEvents(key, known)));
        continue;
      }
      if (!found.read.ok) {
        // Set aside as the writer does (its copy is scrubbed with the quarantine below).
        await hooks.setAside(found.dbKey);
        continue;
      }
      const record = found.read.value;
      ops.push(...removeTaskOps(key, found.entries));
      before.push(taskContribution(record, timeZone));
      copies.push({ ...backupTask(record), taskId: clean.slice(record.platform.length + 1) });
      if (key !== clean) counts.moved++;
    }
    if (copies.length === 0) continue;
    if (copies.length > 1) counts.merged += copies.length - 1;
    const record = restoredTask(merged(copies));
    ops.push(...importOps({ tasks: [record] }), put('rows', clean, rowOf(withDay(record, timeZone))));
    for (const entry of dayEntriesOf(record)) ops.push(put('dayIndex', dayEntryKey(entry), entry));
    const pending = pendingItemOf(clean, record);
    if (pending) ops.push(put('pending', clean, pending));
    after.push(taskContribution(record, timeZone));
  }
  ops.push(...(await totalsOps(before, after)), put('records', DERIVED_VERSION_KEY, STALE));
  await commit(ops);
}

/** One task of its copies: the first (the one already stored under the clean key, if any) merged with the others. */
function merged(copies: BackupTask[]): BackupTask {
  let task = copies[0]!;
  for (const copy of copies.slice(1)) task = mergeTask(task, copy).task;
  // The import keeps one copy's timeline; here both are this browser's, and their time is joined.
  return copies.length > 1 ? { ...task, events: joinTimelines(copies.map((c) => c.events)) ?? task.events } : task;
}

/** The daily totals without the copies, with the task they make. */
async function totalsOps(before: (Contribution | null)[], after: (Contribution | null)[]): Promise<Op[]> {
  const keys = [...new Set([...before, ...after].flatMap((c) => (c ? [c.key] : [])))];
  const aggregates: Aggregates = structuredClone(await getAggregates(keys));
  for (const c of before) applyContribution(aggregates, c, -1);
  for (const c of after) applyContribution(aggregates, c, 1);
  const writes: AggregateWrites = {};
  for (const key of keys) writes[key] = aggregates[key] ?? null;
  return aggregateOps(writes);
}

/** Event records under an old key with no task (a broken write left them; nothing reads them): kept aside, scrubbed. */
async function setAsideEvents(key: string, known: KnownKeys): Promise<Op[]> {
  const events = await (await database()).getAll('events', eventRange(key));
  if (events.length === 0) return [];
  await quarantine({ source: `events:${cleanTaskKey(key, known) ?? key}`, reason: 'event records of no task', raw: scrubTaskRefs(events, known), at: Date.now() });
  return [del('events', eventRange(key))];
}

/**
 * The dated approvals that name a task by an old key name it by the new one; a task's reward (or bonus) approved
 * under both keys keeps its first approval. Answers whether any changed.
 */
async function moveApprovals(known: KnownKeys): Promise<boolean> {
  const tx = (await database()).transaction('approvals');
  const [keys, records] = await Promise.all([tx.store.getAllKeys(CUSTOM_LISTS), tx.store.getAll(CUSTOM_LISTS)]);
  // Loose approvals by their record's key, and those of a pack (lib/storage/packs.ts) by the key their value says.
  const items = records.flatMap((record, i): [IDBValidKey, unknown][] =>
    Array.isArray(record) ? record.flatMap((v: unknown) => { const key = approvalKeyOf(v); return key === null ? [] : [[key, v] as [IDBValidKey, unknown]]; }) : [[keys[i]!, record]],
  );
  const byTask = new Map<string, { key: IDBValidKey; approval: Approval & { platform: string }; moved: boolean }[]>();
  items.forEach(([key, value]) => {
    const a = value as Approval & { platform: string };
    if (!a.task) return;
    const clean = cleanTaskKey(a.task, known);
    const id = `${a.platform}|${clean ?? a.task}|${a.part ?? 'reward'}`;
    byTask.set(id, [...(byTask.get(id) ?? []), { key, approval: { ...a, task: clean ?? a.task }, moved: clean !== null }]);
  });
  const ops: Op[] = [];
  for (const list of byTask.values()) {
    if (!list.some((a) => a.moved)) continue;
    const [first] = list.map((a) => a.approval).sort(compareApprovals);
    ops.push(...list.map((a) => del('approvals', a.key)), approvalOp(first!.platform, first!));
  }
  await commit(ops);
  return ops.length > 0;
}
