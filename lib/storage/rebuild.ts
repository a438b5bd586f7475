import { applyContribution, bonusContribution, countedDayOf, stretchContribution, taskContribution, type Aggregates } from '../domain/summary';
import { get } from 'idb-keyval';
import { commit, database, del, kv, put, type Op } from './database';
import { aggregateOps, allAggregates, allStretches } from './history-db';
import { readTasksInChunks } from './task-chunks';
import { allApprovals, allBonuses, allReadings, delaysKey, legacyDelays, type Approval } from './ledger-db';
import { delayViewOf, delayViewsFromRows, mediansOf, samplesOf, type DelayView } from './delays';
import { approvedAfter } from '../domain/ledger';
import { emptySummary, foldReading, foldTotals, mediansOp, recentOp, summaryOp, withRecent, type BalanceSummary } from './summaries';
import { dayEntriesOf, dayEntryKey, pendingItemOf, rowOf, stretchEntry, taskKey } from './task-store';
import { addTo } from '../domain/group';

/** Tasks read and written per transaction: bounded memory whatever the history. */
const CHUNK = 500;

/**
 * Recreates every derived record (docs/storage.md) from the primary ones alone: daily totals, the per-day index,
 * rows, pending items and balance summaries. Run it in the writer's queue (the migration, an import, the seed).
 * Days are those of the current time zone for records not yet counted under one.
 */
/** Balance summaries and recent approvals (summaries.ts) from the daily totals, readings and approvals. */
async function summariesOf(
  aggregates: Aggregates, pendingCount: Map<string, number>, all: readonly (Approval & { platform: string })[], views: ReadonlyMap<string, DelayView>,
): Promise<Op[]> {
  const summaries: Record<string, BalanceSummary> = {};
  foldTotals(summaries, Object.keys(aggregates), {}, aggregates);
  for (const [platform, n] of pendingCount) (summaries[platform] ??= emptySummary()).pendingItems = n;
  for (const { platform, reading } of await allReadings()) foldReading((summaries[platform] ??= emptySummary()), reading, []);
  const approvals = new Map<string, Approval[]>();
  for (const { platform, ...a } of all) addTo(approvals, platform, a);
  for (const [platform, s] of Object.entries(summaries)) {
    for (const [currency, last] of Object.entries(s.lastReading ?? {})) {
      (s.afterReading ??= {})[currency] = approvedAfter(approvals.get(platform) ?? [], currency, last.at);
    }
  }
  // Each requester's delays on each platform, each task as its corrections make it, and the platform's medians.
  const delayOps: Op[] = [];
  for (const platform of new Set([...approvals.keys(), ...Object.keys(summaries)])) {
    const samples = samplesOf(approvals.get(platform) ?? [], (task) => (task === undefined ? undefined : views.get(task)));
    for (const [id, list] of samples) delayOps.push(put('records', delaysKey(platform, id), list));
    const medians = mediansOf(samples, await legacyDelays(platform));
    if (Object.keys(medians).length) delayOps.push(mediansOp(platform, medians));
  }
  return [
    ...Object.entries(summaries).map(([platform, s]) => summaryOp(platform, s)),
    ...[...approvals].map(([platform, list]) => recentOp(platform, withRecent([], list))),
    ...delayOps,
  ];
}

/**
 * The shape of the derived records. They are rebuilt, never migrated: a start-up that finds another version
 * rebuilds them all (`rebuildIfStale`). Bump it with any change to what rebuild() makes.
 * - 1: days, day index, rows, pending items, balance summaries (pending and approved).
 * - 2: summaries also keep the last reading and the approvals after it, the pending count; recent approvals,
 *   each requester's delays and the platforms' median delays.
 * - 3: the day index's task stretches carry their active and idle parts (work sessions count time where it was).
 * - 4: rows carry the accept time and the first and last instant in front (the history's dispute columns).
 * - 5: approval delays (`delays:`, `medians:`) follow the tasks' corrections: a deleted task's is in none, a
 *   corrected requester gets its task's (delays.ts); a requester's latest approval is that of its delays.
 * - 6: the day index by the hour, one record an hour of work (day-hours.ts), where each stretch was a record.
 */
export const DERIVED_VERSION = 6;
export const DERIVED_VERSION_KEY = 'index:derived-version';

/** Rebuilds the derived records when they are of another shape than this version makes; answers whether it did. */
export async function rebuildIfStale(timeZone: string): Promise<boolean> {
  if ((await get(DERIVED_VERSION_KEY, kv())) === DERIVED_VERSION) return false;
  await rebuild(timeZone);
  return true;
}

/** The balance summaries' records (summaries.ts): all recomputed together. */
const SUMMARY_PREFIXES = ['summary:', 'recent:', 'delays:', 'medians:'];
const summaryRecords = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

export async function rebuild(timeZone: string): Promise<void> {
  const db = await database();
  const clear = db.transaction(['days', 'dayIndex', 'rows', 'pending', 'records'], 'readwrite');
  await Promise.all([
    ...(['days', 'dayIndex', 'rows', 'pending'] as const).map((name) => clear.objectStore(name).clear()),
    ...SUMMARY_PREFIXES.map((prefix) => clear.objectStore('records').delete(summaryRecords(prefix))),
    clear.done,
  ]);
  const aggregates: Aggregates = {};
  const pendingCount = new Map<string, number>();
  // The tasks whose approvals carry a delay, read as their corrections make them as they go by (delays.ts).
  const approvals = await allApprovals();
  const delayTasks = new Set(approvals.flatMap((a) => (a.task !== undefined && a.requesterId && a.submittedAt !== undefined ? [a.task] : [])));
  const views = new Map<string, DelayView>();
  // The day index's entries are written at the end, each hour once (day-hours.ts): tasks come in key order, and a
  // chunk's entries would touch hours all over the history, each read and written again at every chunk.
  const entries: Op[] = [];
  // Read a range at a time (a few requests per chunk, not three per task: lib/storage/task-chunks.ts).
  await readTasksInChunks(async (tasks) => {
    const ops: Op[] = [];
    for (const task of tasks) {
      const key = taskKey(task.platform, task.taskId);
      if (delayTasks.has(key)) views.set(key, delayViewOf(task));
      // A closed task not yet stamped with its day (seeded, imported) is listed under the day its totals count it in.
      const day = task.countedDay ?? countedDayOf(task, timeZone);
      ops.push(put('rows', key, rowOf(day && !task.countedDay ? { ...task, countedDay: day } : task)));
      for (const entry of dayEntriesOf(task)) entries.push(put('dayIndex', dayEntryKey(entry), entry));
      const pending = pendingItemOf(key, task);
      if (pending) ops.push(put('pending', key, pending));
      if (pending) pendingCount.set(task.platform, (pendingCount.get(task.platform) ?? 0) + 1);
      applyContribution(aggregates, taskContribution(task, timeZone), 1);
    }
    await commit(ops);
  }, CHUNK);
  const ops: Op[] = entries;
  for (const stretch of await allStretches()) {
    const entry = stretchEntry(stretch);
    ops.push(put('dayIndex', dayEntryKey(entry), entry));
    applyContribution(aggregates, stretchContribution(stretch, timeZone), 1);
  }
  for (const bonus of await allBonuses()) applyContribution(aggregates, bonusContribution(bonus, timeZone), 1);
  ops.push(...aggregateOps(aggregates), ...(await summariesOf(aggregates, pendingCount, approvals, views)), put('records', DERIVED_VERSION_KEY, DERIVED_VERSION));
  await commit(ops, { pack: true });
}

/**
 * The balance summaries, recent approvals and delays recomputed from the stored daily totals, pending items,
 * readings and approvals (what `rebuild` ends with), in one transaction that also marks the derived records
 * current: an import writes everything else derived with its primary records (lib/storage/import-write.ts).
 * `written`: rows just committed (the import's), which the delays take as they are instead of reading them back
 * (84,000 approved tasks' rows: ~4 s of reads in Chromium).
 */
export async function rebuildSummaries(written?: ReadonlyMap<string, DelayView>): Promise<void> {
  const db = await database();
  const [aggregates, pending] = await Promise.all([allAggregates(), db.getAll('pending')]);
  const pendingCount = new Map<string, number>();
  for (const item of pending as { platform: string }[]) pendingCount.set(item.platform, (pendingCount.get(item.platform) ?? 0) + 1);
  // The rows are written: they give each task as its corrections make it.
  const approvals = await allApprovals();
  const views = await delayViewsFromRows(approvals, written);
  const ops: Op[] = [
    ...SUMMARY_PREFIXES.map((prefix) => del('records', summaryRecords(prefix))),
    ...(await summariesOf(aggregates, pendingCount, approvals, views)),
    put('records', DERIVED_VERSION_KEY, DERIVED_VERSION),
  ];
  await commit(ops);
}
