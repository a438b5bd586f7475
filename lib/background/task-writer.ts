import { orderEvents, replay, type Stamp, type TimerEvent } from '../domain/task-timer';
import { bonusRises, type DashboardReading } from '../domain/ledger';
import { applyContribution, bonusContribution, countedDayOf, stretchContribution, taskContribution, type Aggregates } from '../domain/summary';
import {
  aggregateOps,
  allTasks,
  batch,
  db,
  getAggregates,
  getReadings,
  readingWrites,
  findTask,
  onInvalidRecord,
  openTaskKeys,
  putStretch,
  approvalWrites,
  putTask,
  statsWrites,
  taskDbKey,
  taskKey,
  type AggregateWrites,
} from '../storage/history-db';
import {
  bonusKey,
  delayWrites,
  PENDING_BUILT,
  pendingIndexBuilt,
  pendingKey,
  transferWrites,
  type BonusEntry,
  type PendingItem,
  type TransferHistory,
} from '../storage/ledger-db';
import type { PlatformStretch, TaskRecord } from '../storage/schemas';
import { get } from 'idb-keyval';
import { rebuildAggregates } from '../storage/aggregates-migration';
import { setAsideRecord } from './set-aside';

/** Set once the history written before `countedDay` and `observedAt` existed has been stamped. */
const HISTORY_STAMPED = 'index:history-stamped';

/** A submitted task awaiting approval, as the pending index keeps it (its payment dates need no task read). */
export function pendingItemOf(key: string, record: TaskRecord): PendingItem | null {
  // Manual work (offline, another site) awaits no platform's approval: it is never a pending item.
  if (record.status !== 'submitted' || !record.reward || record.endedAt === undefined || record.platform === 'manual') return null;
  return {
    key, platform: record.platform, title: record.title, requesterName: record.requesterName,
    ...(record.requesterId ? { requesterId: record.requesterId } : {}),
    reward: record.reward, submittedAt: record.endedAt,
  };
}

/**
 * The single writer of task history. Every change goes through `update`, which keeps the daily aggregates and
 * the open-task index in step with the record in one IndexedDB transaction, and runs changes one at a time so
 * that no two read-modify-writes interleave.
 */
export class TaskWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private openKeys: Promise<Set<string>> | undefined;

  constructor(private readonly timeZone: () => string) {
    // Reads never write (history-db.ts): an invalid record they meet is set aside here, in turn.
    onInvalidRecord((dbKey) => void this.setAside(dbKey).catch((error: unknown) => console.warn('Centime: set aside', error)));
  }

  /** Sets an invalid stored record aside (quarantine, indexes, aggregates) through the queue. */
  setAside(dbKey: string): Promise<boolean> {
    return this.serial(async () => setAsideRecord(dbKey, { timeZone: this.timeZone(), open: await this.open() }));
  }

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
    // Read inside the queue: an old version is stored upgraded below; an invalid one is set aside first.
    const found = await findTask(key);
    if (found && !found.read.ok) await setAsideRecord(found.dbKey, { timeZone: this.timeZone(), open: await this.open() }, found);
    const old = found?.read.ok ? found.read.value : undefined;
    const next = change(old);
    if (!next) return null;
    const state = replay(next.events);
    const record: TaskRecord = { ...next, activeMs: Math.round(state.activeMs), idleMs: Math.round(state.idleMs), updatedAt: wall };
    const tz = this.timeZone();
    // The day its totals are counted under is stamped once, when it closes; later changes keep it.
    const day = countedDayOf(record, tz);
    if (day) record.countedDay = day;
    else delete record.countedDay;
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
    // Money seen becoming approved (a task known pending, or a bonus on one known approved without it) joins the
    // dated approvals: the withdrawable estimate and the pace. An approval first seen already approved has no
    // known date and joins neither (DESIGN.md, "Outcomes and money").
    let approvals: [string, unknown][] = [];
    const knownAt = old ? knownUnpaidAt(old) : undefined;
    if (record.status === 'approved' && old && knownAt !== undefined) {
      const at = old.status === 'approved' ? wall : (record.approvedAt ?? wall);
      for (const money of newlyPaid(old.status === 'approved' ? old : undefined, record)) {
        approvals = await approvalWrites(record.platform, { at, knownAt, ...money }, approvals);
      }
    }
    stats.push(...approvals);
    // A timed task seen going from pending to approved: how long its requester took, for the expected payment date
    // of the next ones (an approval first seen approved has no known delay).
    if (record.status === 'approved' && old?.status === 'submitted' && knownAt !== undefined && !old.untimed && old.endedAt !== undefined && record.requesterId) {
      stats.push(await delayWrites(record.requesterId, Math.max(0, (record.approvedAt ?? wall) - old.endedAt)));
    }
    const pending = pendingItemOf(key, record);
    if (pending) stats.push([pendingKey(key), pending]);
    const dels = !pending && old?.status === 'submitted' ? [pendingKey(key)] : [];
    await putTask(record, writesFor(aggregates, [before?.key, after?.key]), wasOpen !== open.has(key) ? [...open] : undefined, stats, dels);
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

  /**
   * A dashboard reading, and the bonus income it shows: a rise of the lifetime Bonuses total since the previous
   * reading in that currency (the first reading is a baseline, never income) lands in that day's totals.
   */
  addReading(platform: string, reading: DashboardReading): Promise<BonusEntry | null> {
    return this.serial(async () => {
      const previous = (await getReadings(platform)).filter((r) => r.bonuses && r.bonuses.currency === reading.bonuses?.currency).at(-1);
      const rise = bonusRises(previous ? [previous, reading] : [reading])[0]?.minor ?? 0;
      const puts: [string, unknown][] = [await readingWrites(platform, reading)];
      let bonus: BonusEntry | null = null;
      let dels: string[] = [];
      if (rise > 0 && reading.bonuses) {
        bonus = { platform, at: reading.at, minor: rise, currency: reading.bonuses.currency };
        const c = bonusContribution(bonus, this.timeZone());
        const aggregates = await this.touched([c.key]);
        applyContribution(aggregates, c, 1);
        const [aggPuts, aggDels] = aggregateOps(writesFor(aggregates, [c.key]));
        puts.push(...aggPuts, [bonusKey(bonus, previous?.bonuses?.minor ?? 0), bonus]);
        dels = aggDels;
      }
      await batch(puts, dels);
      return bonus;
    });
  }

  /** The platform's transfer history as just read (paid out). */
  addTransfers(platform: string, at: number, transfers: TransferHistory['transfers']): Promise<void> {
    return this.serial(async () => batch([await transferWrites(platform, at, transfers)], []));
  }

  /**
   * Upgrades history written by older versions, once each step, in the writer's queue so that no event lands
   * between the steps: the day each task is counted under and when it was last known pending are stamped, then
   * the daily aggregates are rebuilt from the records (on those days), then pending items are indexed.
   */
  upgradeHistory(): Promise<void> {
    return this.serial(async () => {
      await this.stampNow();
      await rebuildAggregates(this.timeZone());
      await this.indexPendingNow();
    });
  }

  /**
   * Stamps, once, the tasks written before they kept the day they are counted under (`countedDayOf`, in the time
   * zone of now) and when they were last known pending (their submission, or first sight when untimed).
   */
  stampHistory(): Promise<void> {
    return this.serial(() => this.stampNow());
  }

  private async stampNow(): Promise<void> {
    if ((await get(HISTORY_STAMPED, db())) === true) return;
    const tz = this.timeZone();
    const puts: [string, unknown][] = [];
    for (const task of await allTasks()) {
      const day = countedDayOf(task, tz);
      const observedAt = task.observedAt ?? (task.status === 'submitted' ? (task.untimed ? task.firstSeenAt : task.endedAt) : undefined);
      if (day === task.countedDay && observedAt === task.observedAt) continue;
      puts.push([taskDbKey(taskKey(task.platform, task.taskId)), { ...task, ...(day ? { countedDay: day } : {}), ...(observedAt !== undefined ? { observedAt } : {}) }]);
    }
    await batch([...puts, [HISTORY_STAMPED, true]], []);
  }

  /** Indexes the pending items of history written before the index existed (once). */
  buildPendingIndex(): Promise<void> {
    return this.serial(() => this.indexPendingNow());
  }

  private async indexPendingNow(): Promise<void> {
    if (await pendingIndexBuilt()) return;
    const puts: [string, unknown][] = [];
    for (const task of await allTasks()) {
      const key = taskKey(task.platform, task.taskId);
      const item = pendingItemOf(key, task);
      if (item) puts.push([pendingKey(key), item]);
    }
    await batch([...puts, [PENDING_BUILT, true]], []);
  }

  /** Rebuilds daily aggregates of an older shape from the records (once per shape: `aggregates-migration.ts`). */
  migrateAggregates(): Promise<boolean> {
    return this.serial(() => rebuildAggregates(this.timeZone()));
  }

  private async touched(keys: (string | undefined)[]): Promise<Aggregates> {
    return getAggregates([...new Set(keys.filter((k): k is string => !!k))]);
  }
}

/**
 * When Centime last knew the task's money was not (all) approved yet, if it ever did: a task submitted here or
 * listed as pending by the platform, or one approved whose later bonus is new. (Records written
 * before `observedAt` existed get it once from `stampHistory`.)
 */
export function knownUnpaidAt(task: TaskRecord): number | undefined {
  // Only a change from pending is a dated approval (a reversed rejection was never seen pending, DESIGN.md).
  return task.status === 'submitted' || task.status === 'approved' ? task.observedAt : undefined;
}

/**
 * The wall time of a task's last recorded second: the end of its last stretch in front, active or idle (its
 * outcome, if it was still in front then); with none, when it became a task (a study: when it started).
 */
export function lastRecordedSecond(task: TaskRecord): number {
  const ordered = orderEvents(task.events);
  const end = ordered.findIndex((e) => e.type === 'outcome');
  const before = end < 0 ? ordered : ordered.slice(0, end);
  if (end >= 0 && replay(before).openSince) return ordered[end]!.at.wall;
  const last = before.at(-1);
  return last ? last.at.wall : (task.startedAt ?? task.firstSeenAt);
}

/** What an approved task brings that its approved past did not: its reward and bonus, or a bonus's rise. */
function newlyPaid(before: TaskRecord | undefined, after: TaskRecord): { minor: number; currency: string }[] {
  const paid: { minor: number; currency: string }[] = [];
  if (!before && after.reward) paid.push({ minor: after.reward.minor, currency: after.reward.currency });
  const was = before?.bonus && before.bonus.currency === after.bonus?.currency ? before.bonus.minor : 0;
  if (after.bonus && after.bonus.minor > was) paid.push({ minor: after.bonus.minor - was, currency: after.bonus.currency });
  return paid;
}

/** The touched aggregates to write; one that fell to nothing is deleted, so it matches a recompute. */
function writesFor(aggregates: Aggregates, keys: (string | undefined)[]): AggregateWrites {
  const writes: AggregateWrites = { ...aggregates };
  for (const key of keys) if (key && !writes[key]) writes[key] = null;
  return writes;
}
