import { orderEvents, replay, type Stamp, type TimerEvent } from '../domain/task-timer';
import { bonusRises, type DashboardReading } from '../domain/ledger';
import { applyContribution, bonusContribution, countedDayOf, localDay, stretchContribution, taskContribution, type Aggregates, type Contribution } from '../domain/summary';
import { commit, del, put, taskWrites, type Op } from '../storage/database';
import { aggregateOps, findTaskNoted, getAggregates, type FoundTask, onInvalidRecord, openTaskKeys, stretchKey, taskKey, type AggregateWrites } from '../storage/history-db';
import { approvalOp, approvedTaskKeys, bonusKey, getApprovals, getReadings, readingOp, type Approval, type BonusEntry } from '../storage/ledger-db';
import type { TransferLists } from '../domain/transfers';
import { transferOp } from '../storage/transfers-db';
import { countPending, foldApproval, foldReading, SummaryEdit } from '../storage/summaries';
import { delayViewOf } from '../storage/delays';
import { dayEntryKey, pendingItemOf, stretchEntry, taskOps } from '../storage/task-store';
import type { PlatformStretch, TaskRecord } from '../storage/schemas';
import { setAsideRecord } from './set-aside';
import { migrateV1 } from '../storage/migrate-v1';
import { rebuild, rebuildIfStale } from '../storage/rebuild';
import { importOps, type PrimaryBatch } from '../storage/bulk';
import { joinedCopiesOps, writeImport } from '../storage/import-write';
import { leftHitCopies, noteHitCopiesJoined } from '../storage/hit-copies';
import { sealBatch, timelinesSealed } from '../storage/seal-timelines';
import { packOldBatch } from '../storage/pack-old';
import { writeMonthTexts } from '../storage/packs';
import { archiveBatch, archiveDayBatch, archiveDue, DAY_ORDER_ABOVE, ifArchiveFree, looseCount, noteArchived, writeMissingTexts, type DayMark } from '../storage/archive';
import { scrubIdentityIds, type ScrubHooks } from '../storage/migrate-identity-ids';
import { backupTask, restoredTask, type BackupTask } from '../data/backup';
import { alwaysAwake, type Awake } from './keep-awake';
import { hitCopyKey, isHitKeyed, joined, moved } from '../data/hit-fold';
import { approvalIdentity, followingApprovals, type ImportPlan } from '../data/merge';

export { pendingItemOf } from '../storage/task-store';

/** A task as the writer found it in its queue (`find`): what it read, and the record (absent or set aside: none). */
export interface TaskRead {
  found: FoundTask | undefined;
  old: TaskRecord | undefined;
  /** Where no record is stored, the HIT-keyed copy of its MTurk HIT that becomes it (`find`'s `hitKey`; null: none). */
  hit?: HitCopy | null;
}

/** A stored MTurk HIT's record under its HIT id (lib/data/hit-fold.ts), as the writer read it. */
interface HitCopy {
  key: string;
  found: FoundTask;
  task: TaskRecord;
}

/**
 * The single writer of task history. Every change goes through `update`, which writes what changed of the task
 * (docs/storage.md: an appended event is one record), its row, day-index entries, pending item, dated
 * approvals, the daily totals and balance summaries it moved, in one IndexedDB transaction; and runs changes
 * one at a time so that no two read-modify-writes interleave.
 */
export class TaskWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private openKeys: Promise<Set<string>> | undefined;
  /** The open tasks' keys, once read (the same set `open` gives). */
  private openNow: Set<string> | undefined;
  private readonly watchers: ((keys: string[] | null) => void)[] = [];
  /**
   * Tasks read ahead of their step in the queue (`readAhead`), by key: a few, the latest; each with the count of
   * write transactions over tasks when it was asked.
   */
  private readonly ahead = new Map<string, { writes: number; read: ReturnType<typeof findTaskNoted> }>();
  /**
   * The tasks with a dated approval, once read (their keys only: `approvedTaskKeys`), kept as this writer adds
   * approvals and read again after any other write of them (an import, a migration): whether a HIT's copy that
   * joins another task has approvals to move, without reading every approval at each join.
   */
  private approved: Promise<Set<string>> | undefined;

  /** What keeps the background awake through a long step (the background's own; nothing in tests). */
  awake: Awake = alwaysAwake;
  /** The archive parts' backup texts the writer writes after the last import (`writeImport`; tests wait on it). */
  importTexts: Promise<void> = Promise.resolve();

  constructor(private readonly timeZone: () => string) {
    // Reads never write (history-db.ts): an invalid record they meet is set aside here, in turn.
    onInvalidRecord((dbKey) => void this.setAside(dbKey).catch((error: unknown) => console.warn('Centime: set aside', error)));
  }

  /** Sets an invalid stored record aside (quarantine, indexes, aggregates) through the queue. */
  setAside(dbKey: string): Promise<boolean> {
    return this.serial(async () => {
      const done = await setAsideRecord(dbKey, { timeZone: this.timeZone(), open: await this.open() });
      this.tell(null);
      return done;
    });
  }

  /** Runs `work` after every change queued before it, the background kept awake while it runs (`keep-awake.ts`). */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const step = () => this.awake.during(work);
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  open(): Promise<Set<string>> {
    return (this.openKeys ??= openTaskKeys().then((keys) => (this.openNow = new Set(keys))));
  }

  /**
   * Told after each change of stored tasks: the keys written, or null when any may have changed (an import, a
   * rebuild, a record set aside). The overlays read again only the tasks written (issue 18, docs/page-cost.md).
   */
  watch(listener: (keys: string[] | null) => void): void {
    this.watchers.push(listener);
  }

  private tell(keys: string[] | null): void {
    // A task read ahead also holds its row and day entries, which a rebuild rewrites without touching tasks.
    if (keys === null) this.ahead.clear();
    else for (const key of keys) this.ahead.delete(key);
    for (const listener of this.watchers) listener(keys);
  }

  /**
   * Applies `change` to the stored task (or to nothing, for a new one); a null result writes nothing. `hitKey`: see
   * `find`.
   */
  async update(key: string, change: (old: TaskRecord | undefined) => TaskRecord | null, wall: number, hitKey?: string): Promise<TaskRecord | null> {
    return this.write(key, await this.find(key, hitKey), change, wall);
  }

  /**
   * `update`'s read, for a caller that decides with the stored task before it writes (`write`, in the same step of
   * the queue): an old version is stored upgraded by the write; an invalid one is set aside first. `hitKey`: the
   * key of the task's MTurk HIT (`mturk:<hitId>`, a status page names both): where no record of the assignment
   * `key` is stored but a HIT-keyed copy of its HIT is, the copy moves to `key` and is what `change` is given.
   */
  async find(key: string, hitKey?: string): Promise<TaskRead> {
    let found = await this.stored(key);
    if (found && !found.read.ok) {
      await setAsideRecord(found.dbKey, { timeZone: this.timeZone(), open: await this.open() }, found);
      this.tell(null);
      found = undefined;
    }
    const old = found?.read.ok ? found.read.value : undefined;
    if (old || hitKey === undefined || hitKey === key) return { found, old };
    return { found, old, hit: (await this.hitCopy(hitKey)) ?? null };
  }

  /** The stored record under `key` if it is an MTurk HIT's copy under its HIT id (lib/data/hit-fold.ts). */
  private async hitCopy(key: string): Promise<HitCopy | undefined> {
    const { found, old } = await this.find(key);
    return found && old && isHitKeyed(old) && taskKey(old.platform, old.taskId) === key ? { key, found, task: old } : undefined;
  }

  /**
   * Starts reading a task before its change reaches the queue: a task page's message asks for it as it arrives,
   * so that the read does not wait behind the decisions queued before it (issue 18, docs/page-cost.md). `find`
   * takes it only if no write over tasks opened since it did and the writer told of no change to that task (a
   * rebuild rewrites rows and day entries only); otherwise it reads again.
   */
  readAhead(key: string): void {
    // Asked again once a write over tasks opened since (the first read could not be taken).
    if (this.ahead.get(key)?.writes === taskWrites()) return;
    const read = findTaskNoted(key, this.openNow !== undefined && !this.openNow.has(key));
    read.catch(() => {});
    this.ahead.delete(key);
    this.ahead.set(key, { writes: taskWrites(), read });
    if (this.ahead.size > 4) this.ahead.delete(this.ahead.keys().next().value!);
  }

  /** The stored task: read ahead if that read is still the stored one, read now otherwise. */
  private async stored(key: string): Promise<FoundTask | undefined> {
    const early = this.ahead.get(key);
    this.ahead.delete(key);
    const read = await early?.read.catch(() => undefined);
    if (read && read.writes === taskWrites()) return read.found;
    return (await findTaskNoted(key)).found;
  }

  /**
   * `update`'s write, from what `find` read in the same step of the writer's queue with no write of that task
   * since: the change, with what it derives, in one transaction.
   */
  async write(key: string, read: TaskRead, change: (old: TaskRecord | undefined) => TaskRecord | null, wall: number, rejoin?: string): Promise<TaskRecord | null> {
    const { found, old } = read;
    // One MTurk HIT, one task (lib/data/hit-fold.ts). A HIT-keyed copy `find` was asked for moves here whole, and the
    // change applies to it (a status page names the assignment: the row follows the copy's state).
    let copy = !old && read.hit ? read.hit : undefined;
    const movedIn = copy ? restoredTask(moved(backupTask(copy.task), key)) : undefined;
    const before = old ?? movedIn;
    let next = change(before) ?? movedIn ?? null;
    if (!next) return null;
    // An assignment's record first done (submitted here, listed done by a status page) takes the stored copy of its
    // HIT as an import would: the copy imported while the task was open here waited for this (`hitCopyKey`).
    // (`rejoin`: a copy an older version left beside the record, closed since: `joinLeftCopies`.)
    const copyKey = read.hit !== undefined ? undefined : (rejoin ?? hitCopyKey(old, next));
    if (copyKey !== undefined && copyKey !== key) {
      copy = await this.hitCopy(copyKey);
      if (copy) next = restoredTask(joined(backupTask(next), backupTask(copy.task), key));
    }
    const state = replay(next.events);
    const record: TaskRecord = { ...next, activeMs: Math.round(state.activeMs), idleMs: Math.round(state.idleMs), updatedAt: wall };
    const tz = this.timeZone();
    // The day its totals are counted under is stamped once, when it closes; later changes keep it.
    const day = countedDayOf(record, tz);
    if (day) record.countedDay = day;
    else delete record.countedDay;
    // A stored record of an older version is written whole (its header upgraded), as a new one would be.
    const ops = taskOps(found?.read.ok && !found.read.migrated ? old : undefined, record, found?.entries ?? []);
    const edit = new SummaryEdit();
    const contributions = [old ? taskContribution(old, tz) : null, copy ? taskContribution(copy.task, tz) : null];
    ops.push(...(await this.totalsOps(contributions, [taskContribution(record, tz)], edit)));
    const open = await this.open();
    if (record.status === 'open') open.add(key);
    else open.delete(key);
    // A deletion, a restore or a corrected requester moves the task's approval delays (delays.ts); before its
    // new approvals, which are read as the task is now. Only a task timed here has a delay (never an untimed record
    // nor one added by hand, whose requester a status page may fill in).
    if (before && !before.untimed && !before.addedByHand) await edit.moveDelays(record.platform, key, delayViewOf(before), delayViewOf(record));
    if (copy) {
      open.delete(copy.key);
      ops.push(...(await this.joinCopy(copy, key, record, edit)));
    }
    ops.push(...(await this.approvals(before, record, wall, edit)));
    const pending = pendingItemOf(key, record);
    const wasPending = old ? pendingItemOf(key, old) : null;
    if (pending) ops.push(put('pending', key, pending));
    else if (wasPending) ops.push(del('pending', key));
    // The copy's pending item goes with it (`joinedCopiesOps`).
    const pendingMoved = (pending ? 1 : 0) - (wasPending ? 1 : 0) - (copy && pendingItemOf(copy.key, copy.task) ? 1 : 0);
    for (let i = 0; i < Math.abs(pendingMoved); i++) countPending(await edit.summary(record.platform), pendingMoved > 0 ? 1 : -1);
    await commit([...ops, ...edit.ops()]);
    this.tell(copy ? [key, copy.key] : [key]);
    return record;
  }

  /**
   * The writes that delete a HIT-keyed copy joined to (or moved to) the task `key`, as an import deletes one
   * (lib/storage/import-write.ts): its record and what it derives, and its approvals, put back under `key` where
   * that task has none of the same money (lib/data/merge.ts, `followingApprovals`). Its figures left its day's
   * totals with the task's change.
   */
  private async joinCopy(copy: HitCopy, key: string, record: TaskRecord, edit: SummaryEdit): Promise<Op[]> {
    const platform = copy.task.platform;
    const approved = await (this.approved ??= approvedTaskKeys());
    const named = approved.has(copy.key) || approved.has(key);
    const approvals = named ? await getApprovals(platform) : [];
    const removed = approvals.filter((a) => a.task === copy.key);
    const kept = new Set(approvals.flatMap((a) => (a.task === key ? [approvalIdentity(platform, a)] : [])));
    const added = followingApprovals(removed.map((approval) => ({ platform, approval })), new Map([[copy.key, key]]), kept).map((a) => a.approval);
    await edit.moveApprovals(platform, removed, added, key, delayViewOf(copy.task), delayViewOf(record));
    // Kept as a superset: a task named there that has no approval (the copy, once deleted) costs a read, never a miss.
    if (added.length) approved.add(key);
    return [
      ...joinedCopiesOps([{ key: copy.key, entries: copy.found.entries }], removed.map((approval) => ({ platform, approval }))),
      ...added.map((a) => approvalOp(platform, a)),
    ];
  }

  /**
   * Money seen becoming approved (a task known pending, or a bonus on one known approved without it) joins the
   * dated approvals: the withdrawable estimate and the pace. An approval first seen already approved has no
   * known date and joins neither (DESIGN.md, "Outcomes and money"). The reward of a timed task submitted here
   * carries its requester and submission: how long that requester took dates the next ones.
   */
  private async approvals(old: TaskRecord | undefined, record: TaskRecord, wall: number, edit: SummaryEdit): Promise<Op[]> {
    const knownAt = old ? knownUnpaidAt(old) : undefined;
    if (record.status !== 'approved' || !old || knownAt === undefined) return [];
    const at = old.status === 'approved' ? wall : (record.approvedAt ?? wall);
    const task = taskKey(record.platform, record.taskId);
    const delay = old.status === 'submitted' && !old.untimed && old.endedAt !== undefined && record.requesterId
      ? { requesterId: record.requesterId, submittedAt: old.endedAt } : {};
    const approvals = newlyPaid(old.status === 'approved' ? old : undefined, record).map(({ reward, ...money }): Approval => ({
      at, knownAt, ...money, task, part: reward ? 'reward' : 'bonus', ...(reward ? delay : {}),
    }));
    if (approvals.length) (await this.approved)?.add(task);
    const summary = await edit.summary(record.platform);
    for (const a of approvals) foldApproval(summary, a);
    await edit.addRecent(record.platform, approvals);
    await edit.addDelays(record.platform, approvals, delayViewOf(record));
    return approvals.map((a) => approvalOp(record.platform, a));
  }

  /** Appends timeline events to an open task. */
  append(key: string, events: TimerEvent[], wall: number): Promise<TaskRecord | null> {
    return this.update(key, (old) => (old && old.status === 'open' ? { ...old, events: [...old.events, ...events] } : null), wall);
  }

  async addStretch(platform: string, start: Stamp, end: Stamp, ms: number): Promise<void> {
    if (ms <= 0) return;
    const tz = this.timeZone();
    const stretch: PlatformStretch = { v: 1, platform, start, end, ms: Math.round(ms), day: localDay(start.wall, tz) };
    const entry = stretchEntry(stretch);
    const edit = new SummaryEdit();
    await commit([
      put('stretches', stretchKey(stretch), stretch),
      put('dayIndex', dayEntryKey(entry), entry),
      ...(await this.totalsOps([], [stretchContribution(stretch, tz)], edit)),
      ...edit.ops(),
    ]);
  }

  /**
   * A dashboard reading, and the bonus income it shows: a rise of the lifetime Bonuses total since the previous
   * reading in that currency (the first reading is a baseline, never income) lands in that day's totals.
   */
  addReading(platform: string, reading: DashboardReading): Promise<BonusEntry | null> {
    return this.serial(async () => {
      // The lifetime Bonuses total only grows: a rise is over the highest total read before, not over the reading
      // stored last (two readings in the same millisecond sort by amount, not by arrival).
      const previous = (await getReadings(platform))
        .filter((r) => r.bonuses && r.bonuses.currency === reading.bonuses?.currency)
        .reduce<DashboardReading | undefined>((best, r) => (!best || r.bonuses!.minor > best.bonuses!.minor ? r : best), undefined);
      const rise = bonusRises(previous ? [previous, reading] : [reading])[0]?.minor ?? 0;
      const ops: Op[] = [readingOp(platform, reading)];
      const edit = new SummaryEdit();
      // Approvals recorded at or after it (the same refresh) already count after it.
      foldReading(await edit.summary(platform), reading, await getApprovals(platform, reading.at));
      let bonus: BonusEntry | null = null;
      if (rise > 0 && reading.bonuses) {
        bonus = { platform, at: reading.at, minor: rise, currency: reading.bonuses.currency, day: localDay(reading.at, this.timeZone()) };
        ops.push(put('bonuses', bonusKey(bonus, previous?.bonuses?.minor ?? 0), bonus));
        ops.push(...(await this.totalsOps([], [bonusContribution(bonus, this.timeZone())], edit)));
      }
      await commit([...ops, ...edit.ops()]);
      return bonus;
    });
  }

  /** The platform's transfer history as just read (paid out, and the rows listed as undone). */
  addTransfers(platform: string, at: number, read: TransferLists): Promise<void> {
    return this.serial(async () => commit([await transferOp(platform, at, read)]));
  }

  /**
   * Upgrades history written by older versions (docs/storage.md, "Migration"), once, in the writer's queue so
   * that no event lands between the steps: version 1's records move into their stores and everything derived
   * is rebuilt from them; derived records of another shape are rebuilt; custom sites' task ids lose the worker's
   * own id, and `trackerState` rewrites the keys extension storage keeps (lib/background/stored-task-refs.ts);
   * `tabUrls` gives the URLs the tabs show, where an open task's is (a task a tab shows goes on under the key the
   * tracker makes of its URL).
   */
  upgradeHistory(trackerState?: ScrubHooks['trackerState'], tabUrls?: ScrubHooks['tabUrls']): Promise<void> {
    return this.serial(async () => {
      const migrated = await migrateV1(this.timeZone());
      const rebuilt = migrated || (await rebuildIfStale(this.timeZone()));
      // Custom sites' tasks whose ids held the worker's own id (lib/storage/migrate-identity-ids.ts), with the keys
      // extension storage keeps of them: here, before the tracker's start-up (queued after) reads any of them.
      const setAside = async (dbKey: string) => setAsideRecord(dbKey, { timeZone: this.timeZone(), open: await this.open() });
      const scrubbed = await scrubIdentityIds(this.timeZone(), { setAside, ...(trackerState ? { trackerState } : {}), ...(tabUrls ? { tabUrls } : {}) });
      this.approved = undefined;
      if (rebuilt || scrubbed) {
        this.openKeys = this.openNow = undefined;
        this.tell(null);
      }
      // After the caches above are dropped: the joins write through them.
      await this.joinLeftCopies();
    });
  }

  /**
   * Joins, once, the MTurk HIT copies that versions before the writer's join left beside their assignment's closed
   * record (lib/storage/hit-copies.ts): each as the writer joins one when the record closes, in one transaction per
   * HIT (record, row, day index, pending item, totals, approvals), so that its reward counts once.
   */
  private async joinLeftCopies(): Promise<void> {
    const pairs = await leftHitCopies();
    if (!pairs) return;
    for (const { copy, assignment } of pairs) {
      if (!(await this.hitCopy(copy))) continue;
      const read = await this.find(assignment);
      if (!read.old || read.old.status === 'open') continue;
      await this.write(assignment, read, (old) => old ?? null, Date.now(), copy);
    }
    await noteHitCopiesJoined();
  }

  /** Primary records written as they are (an import, the seed), in one transaction; derived data is not touched. */
  importPrimary(batch: PrimaryBatch): Promise<void> {
    return this.serial(async () => {
      await commit(importOps(batch));
      this.approved = undefined;
      this.tell(null);
    });
  }

  /**
   * Moves stored closed tasks' event records into their records (lib/storage/seal-timelines.ts), a batch per step
   * of the queue so that live events interleave; answers how many tasks it sealed.
   */
  async sealTimelines(): Promise<number> {
    if (await timelinesSealed()) return 0;
    let next: IDBValidKey | undefined;
    let total = 0;
    for (;;) {
      const batch = await this.serial(() => sealBatch(next));
      total += batch.sealed;
      if (batch.done) return total;
      next = batch.next;
    }
  }

  /**
   * Settled tasks of the past moved into the archive (lib/storage/archive.ts), at most once a day: 1,000 task records
   * (or rows, in the order of their days, while many tasks are loose) scanned per step of the queue, so that live
   * events interleave; then the approvals, platform stretches and day-index entries of days a month past packed
   * (pack-old.ts), and parts and months of packs with no backup text given theirs. Skipped while a backup reads (the archive's lock), and
   * tried again at a later start. `always` runs it even if one ran within the day (tests, benches); `dayOrderAbove`:
   * how many loose tasks make it go in the order of their days first. Answers how many moved.
   */
  async archiveSettled(now = Date.now(), always = false, dayOrderAbove = DAY_ORDER_ABOVE): Promise<number> {
    if (!always && !(await archiveDue(now))) return 0;
    const moved = await ifArchiveFree(async () => {
      let total = 0;
      // Batch after batch, each a step of the queue, each going on from where the one before stopped.
      const drain = async <Mark>(batch: (after?: Mark) => Promise<{ next?: Mark; archived: number; done: boolean }>) => {
        for (let after: Mark | undefined, done = false; !done; ) {
          const step = await this.serial(() => batch(after));
          total += step.archived;
          ({ next: after, done } = step);
        }
      };
      // Many loose tasks (an update from before the archive, a long absence): first in the order of their days, a
      // month or two of parts a batch; then in key order, for what that leaves (rows with no day) and as daily.
      if ((await looseCount()) > dayOrderAbove) await drain<DayMark>((mark) => archiveDayBatch(now, mark));
      await drain<string>((after) => archiveBatch(now, after));
      // Then the approvals, stretches and day-index entries of days a month past that are still one record each go
      // into their packs and hours (lib/storage/pack-old.ts), a batch a step.
      while ((await this.serial(() => packOldBatch(now))) > 0);
      // And the parts stored before their texts were (database version 7) get them, a few dozen a step.
      while ((await this.serial(() => writeMissingTexts())) > 0);
      // And the months a month past of packed approvals and stretches get their backup text (packs.ts).
      while ((await this.serial(() => writeMonthTexts(now))) > 0);
      await noteArchived(now);
      return total;
    });
    return moved === 'skipped' ? 0 : moved;
  }

  /**
   * An import merged with what is stored, with what it derives (lib/storage/import-write.ts); `now` decides which of
   * its new tasks go straight into the archive. Call it in the queue.
   */
  async writeImport(plan: ImportPlan, stored: ReadonlyMap<string, BackupTask>, now: number): Promise<void> {
    await writeImport(plan, stored, this.timeZone(), now);
    this.openKeys = this.openNow = this.approved = undefined;
    this.tell(null);
    // The archive's parts the import wrote get their backup texts, a step at a time in the queue after it (those a
    // stop leaves without are written by the next archive pass). They move no task: no need of the archive's lock.
    this.importTexts = (async () => {
      while ((await this.serial(() => writeMissingTexts())) > 0);
    })().catch((error: unknown) => console.warn('Centime: archive texts', error));
  }

  /** Recreates every derived record from the primary ones (docs/storage.md). */
  rebuild(): Promise<void> {
    return this.serial(async () => {
      await rebuild(this.timeZone());
      this.openKeys = this.openNow = this.approved = undefined;
      this.tell(null);
    });
  }

  /** The writes of the daily totals and balance summaries that a change of contributions moves. */
  private async totalsOps(before: (Contribution | null)[], after: (Contribution | null)[], edit: SummaryEdit): Promise<Op[]> {
    const keys = [...new Set([...before, ...after].flatMap((c) => (c ? [c.key] : [])))];
    if (keys.length === 0) return [];
    const was = await getAggregates(keys);
    const aggregates: Aggregates = structuredClone(was);
    for (const c of before) applyContribution(aggregates, c, -1);
    for (const c of after) applyContribution(aggregates, c, 1);
    await edit.foldTotals(keys, was, aggregates);
    return aggregateOps(writesFor(aggregates, keys));
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
function newlyPaid(before: TaskRecord | undefined, after: TaskRecord): { minor: number; currency: string; reward?: boolean }[] {
  const paid: { minor: number; currency: string; reward?: boolean }[] = [];
  if (!before && after.reward) paid.push({ minor: after.reward.minor, currency: after.reward.currency, reward: true });
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
