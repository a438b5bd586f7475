import { replay, type Stamp, type TimerEvent } from '../domain/task-timer';
import { applyContribution, stretchContribution, taskContribution, type Aggregates } from '../domain/summary';
import {
  getAggregates,
  getTaskByKey,
  openTaskKeys,
  putStretch,
  approvalWrites,
  putTask,
  statsWrites,
  type AggregateWrites,
} from '../storage/history-db';
import type { PlatformStretch, TaskRecord } from '../storage/schemas';

/**
 * The single writer of task history. Every change goes through `update`, which keeps the daily aggregates and
 * the open-task index in step with the record in one IndexedDB transaction, and runs changes one at a time so
 * that no two read-modify-writes interleave.
 */
export class TaskWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private openKeys: Promise<Set<string>> | undefined;

  constructor(private readonly timeZone: () => string) {}

  /** Runs `work` after every change queued before it. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  open(): Promise<Set<string>> {
    return (this.openKeys ??= openTaskKeys().then((keys) => new Set(keys)));
  }

  /** Applies `change` to the stored task (or to nothing, for a new one); a null result writes nothing. */
  async update(key: string, change: (old: TaskRecord | undefined) => TaskRecord | null, wall: number): Promise<TaskRecord | null> {
    const old = await getTaskByKey(key);
    const next = change(old);
    if (!next) return null;
    const state = replay(next.events);
    const record: TaskRecord = { ...next, activeMs: Math.round(state.activeMs), idleMs: Math.round(state.idleMs), updatedAt: wall };
    const tz = this.timeZone();
    const before = old ? taskContribution(old, tz) : null;
    const after = taskContribution(record, tz);
    const aggregates = await this.touched([before?.key, after?.key]);
    applyContribution(aggregates, before, -1);
    applyContribution(aggregates, after, 1);
    const open = await this.open();
    const wasOpen = open.has(key);
    if (record.status === 'open') open.add(key);
    else open.delete(key);
    // A task just submitted lends its paid time to the estimates of its group and requester.
    const stats =
      old?.status === 'open' && record.status === 'submitted' && record.activeMs > 0
        ? await statsWrites({ groupId: record.groupId, requesterId: record.requesterId, ms: record.activeMs })
        : [];
    // A newly approved task joins the recent approvals (withdrawable estimate, pace to a threshold).
    if (record.status === 'approved' && old?.status !== 'approved' && record.reward) {
      const at = record.approvedAt ?? wall;
      stats.push(...(await approvalWrites(record.platform, { at, minor: record.reward.minor, currency: record.reward.currency })));
    }
    await putTask(record, writesFor(aggregates, [before?.key, after?.key]), wasOpen !== open.has(key) ? [...open] : undefined, stats);
    return record;
  }

  /** Appends timeline events to an open task. */
  append(key: string, events: TimerEvent[], wall: number): Promise<TaskRecord | null> {
    return this.update(key, (old) => (old && old.status === 'open' ? { ...old, events: [...old.events, ...events] } : null), wall);
  }

  async addStretch(platform: string, start: Stamp, end: Stamp, ms: number): Promise<void> {
    if (ms <= 0) return;
    const stretch: PlatformStretch = { v: 1, platform, start, end, ms: Math.round(ms) };
    const c = stretchContribution(stretch, this.timeZone());
    const aggregates = await this.touched([c.key]);
    applyContribution(aggregates, c, 1);
    await putStretch(stretch, writesFor(aggregates, [c.key]));
  }

  private async touched(keys: (string | undefined)[]): Promise<Aggregates> {
    return getAggregates([...new Set(keys.filter((k): k is string => !!k))]);
  }
}

/** The touched aggregates to write; one that fell to nothing is deleted, so it matches a recompute. */
function writesFor(aggregates: Aggregates, keys: (string | undefined)[]): AggregateWrites {
  const writes: AggregateWrites = { ...aggregates };
  for (const key of keys) if (key && !writes[key]) writes[key] = null;
  return writes;
}
