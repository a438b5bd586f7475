import { applyContribution, bonusContribution, stretchContribution, taskContribution, type Aggregates } from '../domain/summary';
import { commit, database, put, type Op } from './database';
import { aggregateOps, allStretches, getTasks } from './history-db';
import { allBonuses } from './ledger-db';
import { emptySummary, foldTotals, summaryOp, type BalanceSummary } from './summaries';
import { dayEntriesOf, dayEntryKey, pendingItemOf, rowOf, stretchEntry, taskKey } from './task-store';

/** Tasks read and written per transaction: bounded memory whatever the history. */
const CHUNK = 500;

/**
 * Recreates every derived record (docs/storage.md) from the primary ones alone: daily totals, the per-day index,
 * rows, pending items and balance summaries. Run it in the writer's queue (the migration, an import, the seed).
 * Days are those of the current time zone for records not yet counted under one.
 */
export async function rebuild(timeZone: string): Promise<void> {
  const db = await database();
  const clear = db.transaction(['days', 'dayIndex', 'rows', 'pending', 'records'], 'readwrite');
  await Promise.all([
    ...(['days', 'dayIndex', 'rows', 'pending'] as const).map((name) => clear.objectStore(name).clear()),
    clear.objectStore('records').delete(IDBKeyRange.bound('summary:', 'summary:\uffff')),
    clear.done,
  ]);
  const aggregates: Aggregates = {};
  const keys = (await db.getAllKeys('tasks')) as string[];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const ops: Op[] = [];
    for (const task of await getTasks(keys.slice(i, i + CHUNK))) {
      const key = taskKey(task.platform, task.taskId);
      ops.push(put('rows', key, rowOf(task)));
      for (const entry of dayEntriesOf(task)) ops.push(put('dayIndex', dayEntryKey(entry), entry));
      const pending = pendingItemOf(key, task);
      if (pending) ops.push(put('pending', key, pending));
      applyContribution(aggregates, taskContribution(task, timeZone), 1);
    }
    await commit(ops);
  }
  const ops: Op[] = [];
  for (const stretch of await allStretches()) {
    const entry = stretchEntry(stretch);
    ops.push(put('dayIndex', dayEntryKey(entry), entry));
    applyContribution(aggregates, stretchContribution(stretch, timeZone), 1);
  }
  for (const bonus of await allBonuses()) applyContribution(aggregates, bonusContribution(bonus, timeZone), 1);
  const summaries: Record<string, BalanceSummary> = {};
  foldTotals(summaries, Object.keys(aggregates), {}, aggregates);
  ops.push(...aggregateOps(aggregates), ...Object.entries(summaries).map(([p, s]) => summaryOp(p, s ?? emptySummary())));
  await commit(ops);
}
