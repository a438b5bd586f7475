import { restoredTask, type BackupTask } from '../data/backup';
import type { ImportPlan } from '../data/merge';
import { applyContribution, bonusContribution, countedDayOf, stretchContribution, taskContribution, type Aggregates } from '../domain/summary';
import { importOps } from './bulk';
import { commit, del, put, type Op } from './database';
import { aggregateOps, allAggregates, type AggregateWrites } from './history-db';
import { archiveEntryOf, packEntries, type ArchiveEntry } from './archive';
import { approvalKey, type Approval } from './ledger-db';
import { DERIVED_VERSION_KEY, rebuildSummaries } from './rebuild';
import type { TaskRecord } from './schemas';
import { dayEntriesOf, dayEntryKey, entryOps, eventRange, isSealed, pendingItemOf, removeTaskOps, rowOf, storedTaskOf, stretchEntry, taskKey, type DayEntry, type TaskRow } from './task-store';

/**
 * An import's writes (issue 17; issue 18's data figures): its primary records and everything derived that they
 * move, in one transaction, then the balance summaries. Only what the import touches is derived again — the
 * rows, day-index entries and pending items of the tasks it adds or completes, the day index of the stretches it
 * adds, and the daily totals moved by each (a completed task's stored figures out, its merged figures in) — where
 * a full rebuild read and wrote every task again (100,000 tasks: 106 s of a 198 s import). The first transaction
 * marks the derived records stale and the summaries' transaction marks them current again: a worker stopped in
 * between rebuilds them all at its next start (`rebuildIfStale`). The oracle checks that what this writes equals
 * a rebuild (tests/oracle, the re-import action). A stored task the merge joined to another (an MTurk HIT's copy
 * under its HIT id, lib/data/hit-fold.ts) is deleted with what it derives, its figures taken out of its day, and its
 * approvals deleted (the merge puts back, under the task that took it, those its money still needs).
 */
export async function writeImport(plan: ImportPlan, stored: ReadonlyMap<string, BackupTask>, timeZone: string, now: number): Promise<void> {
  const tasks = plan.tasks.map(restoredTask);
  const was = await allAggregates();
  const aggregates: Aggregates = structuredClone(was);
  const touched = new Set<string>();
  const count = (c: ReturnType<typeof taskContribution>, sign: 1 | -1) => {
    if (!c) return;
    touched.add(c.key);
    applyContribution(aggregates, c, sign);
  };
  // A stored task's event records (an open one's) go before its merged record is written: the record holds them.
  const ops: Op[] = [];
  const derived: Op[] = [];
  const removed = plan.removed.map((key) => {
    const old = restoredTask(stored.get(key)!);
    count(taskContribution(old, timeZone), -1);
    return { key, entries: dayEntriesOf(old) };
  });
  ops.push(...joinedCopiesOps(removed, plan.removedApprovals));
  // A task new here, settled, sealed and quiet for a month goes straight into the archive (lib/storage/archive.ts),
  // as a later pass would move it: one part of ~250 tasks instead of 250 records. One stored before is written to
  // `tasks` as before (which takes it out of the archive, if it was there); a later pass packs it again.
  const loose: TaskRecord[] = [];
  const archived: ArchiveEntry[] = [];
  const rows = new Map<string, TaskRow>();
  for (const task of tasks) {
    const key = taskKey(task.platform, task.taskId);
    const before = stored.get(key);
    const old = before ? restoredTask(before) : undefined;
    if (old) ops.push(del('events', eventRange(key)));
    const row = rowOf(withDay(task, timeZone));
    const entry = !old && isSealed(task) ? archiveEntryOf(key, storedTaskOf(task), row, now) : null;
    if (entry) archived.push(entry);
    else loose.push(task);
    rows.set(key, row);
    derived.push(put('rows', key, row));
    derived.push(...entryOps(old ? dayEntriesOf(old) : [], dayEntriesOf(task)));
    const pending = pendingItemOf(key, task);
    if (pending) derived.push(put('pending', key, pending));
    else if (old && pendingItemOf(key, old)) derived.push(del('pending', key));
    if (old) count(taskContribution(old, timeZone), -1);
    count(taskContribution(task, timeZone), 1);
  }
  for (const stretch of plan.stretches) {
    const entry = stretchEntry(stretch);
    derived.push(put('dayIndex', dayEntryKey(entry), entry));
    count(stretchContribution(stretch, timeZone), 1);
  }
  for (const { entry } of plan.bonuses) count(bonusContribution(entry, timeZone), 1);
  const writes: AggregateWrites = {};
  // Totals that fell to nothing are deleted, as a rebuild would not make them.
  for (const key of touched) writes[key] = aggregates[key] ?? null;
  // Hundreds of thousands of writes: appended in loops (spread into push, they overflow the call stack).
  for (const list of [importOps({ ...plan, tasks: loose }), derived, aggregateOps(writes)]) for (const op of list) ops.push(op);
  ops.push(put('records', DERIVED_VERSION_KEY, 'import'));
  // The parts' backup texts (~105 MB of Blobs for 100,000 tasks) are written after it, a few dozen parts a step (the
  // writer's `writeImport`), as the archive pass writes missing ones.
  await commit(ops, { archived: archived.length ? (tx) => packEntries(tx, archived, false) : undefined, pack: true });
  for (const { key } of removed) rows.delete(key);
  await rebuildSummaries(rows);
}

/**
 * The writes that delete stored tasks joined to another (an MTurk HIT's copy under its HIT id, lib/data/hit-fold.ts),
 * the import's and the background writer's: each record and what it derives (its stored day-index `entries`, row,
 * pending item, event records), and their approvals (the caller puts back, under the task that took them, those
 * its money still needs). The caller takes their figures out of their days' totals.
 */
export function joinedCopiesOps(copies: readonly { key: string; entries: readonly DayEntry[] }[], approvals: readonly { platform: string; approval: Approval }[]): Op[] {
  return [
    ...copies.flatMap(({ key, entries }) => removeTaskOps(key, entries)),
    ...approvals.map(({ platform, approval }) => del('approvals', approvalKey(platform, approval))),
  ];
}

/** A closed task not yet stamped with its day (an untimed import) is listed under the day its totals count it in. */
export function withDay(task: TaskRecord, timeZone: string): TaskRecord {
  const day = task.countedDay ?? countedDayOf(task, timeZone);
  return day && !task.countedDay ? { ...task, countedDay: day } : task;
}
