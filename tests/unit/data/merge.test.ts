import { describe, expect, it } from 'vitest';
import type { BackupTask } from '../../../lib/data/backup';
import { approvalIdentity, legacyDelaysIdentity, mergeLegacyDelays, mergeTask, planImport, readingIdentity, type Existing } from '../../../lib/data/merge';
import type { TaskEdit } from '../../../lib/domain/task-edits';

const at = (wall: number) => ({ wall, mono: wall, origin: 0 });
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const DAY = 86_400_000;

const timedTask: BackupTask = {
  v: 2, platform: 'mturk', taskId: 'A1', title: 'Rate images', requesterName: 'Lab', reward: { minor: 75, currency: 'USD' },
  firstSeenAt: T0, status: 'submitted', endedAt: T0 + 60_000, countedDay: '2026-11-02', external: false,
  events: [{ boot: 1, n: 0, type: 'front', at: at(T0) }, { boot: 1, n: 1, type: 'outcome', outcome: 'submitted', at: at(T0 + 60_000) }],
};
/** The same assignment as MTurk Suite or a status page knows it: no time, but the HIT id and a later state. */
const untimedCopy: BackupTask = {
  v: 2, platform: 'mturk', taskId: 'A1', hitId: 'H1', requesterId: 'R1', title: 'Rate images', requesterName: 'Lab',
  reward: { minor: 75, currency: 'USD' }, firstSeenAt: T0 + 5_000_000, status: 'approved', untimed: true, day: '2026-11-01',
  external: false, events: [],
};

const nothing: Existing = { tasks: new Map(), approvals: new Set(), readingTimes: new Set(), stretchKeys: new Set(), bonusKeys: new Set(), transfers: new Map() };
const edit = (e: TaskEdit) => e;

describe('mergeTask', () => {
  it('keeps the timed copy, takes the more advanced platform state, and fills only what it lacks', () => {
    for (const [a, b] of [[timedTask, untimedCopy], [untimedCopy, timedTask]] as const) {
      const { task, change } = mergeTask(a, b);
      expect(change).toBe('updated');
      expect(task.events).toEqual(timedTask.events);
      expect(task.status).toBe('approved');
      expect([task.hitId, task.requesterId, task.countedDay]).toEqual(['H1', 'R1', '2026-11-02']);
      // Never marked untimed, nor moved to the untimed copy's date.
      expect(task.untimed).toBeUndefined();
      expect(task.day).toBeUndefined();
      expect(task.firstSeenAt).toBe(T0);
    }
  });

  it('takes the timeline that goes on from the stored one: a later backup imported after an earlier one', () => {
    // Monday's backup: the task open after 1 min. Friday's, of the same browser: resumed and submitted at 12 min.
    const monday: BackupTask = {
      ...timedTask, status: 'open', endedAt: undefined, countedDay: undefined,
      events: [{ boot: 1, n: 0, type: 'front', at: at(T0) }, { boot: 1, n: 1, type: 'not-front', at: at(T0 + 60_000) }],
    };
    delete monday.endedAt;
    delete monday.countedDay;
    const friday: BackupTask = {
      ...timedTask, endedAt: T0 + 720_000,
      events: [...monday.events, { boot: 1, n: 2, type: 'front', at: at(T0 + 120_000) }, { boot: 1, n: 3, type: 'outcome', outcome: 'submitted', at: at(T0 + 720_000) }],
    };
    for (const [stored, incoming] of [[monday, friday], [friday, monday]] as const) {
      const { task } = mergeTask(stored, incoming);
      expect([task.events, task.status, task.endedAt, task.countedDay]).toEqual([friday.events, 'submitted', T0 + 720_000, '2026-11-02']);
    }
    // Two timelines of which neither goes on from the other (two browsers): the stored one stays.
    const other: BackupTask = { ...friday, events: [{ boot: 7, n: 0, type: 'front', at: at(T0 + 1) }, ...friday.events.slice(1)] };
    expect(mergeTask(friday, other).task.events).toEqual(friday.events);
  });

  it('never takes an earlier state back: an approved task stays approved beside a submitted copy', () => {
    expect(mergeTask({ ...timedTask, status: 'approved' }, timedTask).task.status).toBe('approved');
  });

  it('unites edits, each once, in date order', () => {
    const a = edit({ field: 'reward', value: { minor: 100, currency: 'USD' }, at: T0 + 10 });
    const b = edit({ field: 'outcome', value: 'rejected', at: T0 + 5 });
    const { task } = mergeTask({ ...timedTask, edits: [a] } as BackupTask, { ...timedTask, edits: [b, a] } as BackupTask);
    expect((task as { edits?: TaskEdit[] }).edits).toEqual([b, a]);
  });

  it('merges a task with itself unchanged when it holds the same edit twice (the oracle’s seed 2054340548)', () => {
    // Two corrections in one millisecond: the stored copy holds both; its own backup must be a duplicate of it.
    const twice = edit({ field: 'deleted', value: true, at: T0 + 10 });
    const stored = { ...timedTask, edits: [twice, { ...twice }] } as BackupTask;
    const { task, change } = mergeTask(stored, structuredClone(stored));
    expect(change).toBe('duplicate');
    expect((task as { edits?: TaskEdit[] }).edits).toEqual([twice, twice]);
    // A copy with it once adds nothing to one with it twice, and the other way round.
    expect(mergeTask(stored, { ...timedTask, edits: [twice] } as BackupTask).change).toBe('duplicate');
    expect((mergeTask({ ...timedTask, edits: [twice] } as BackupTask, stored).task as { edits?: TaskEdit[] }).edits).toHaveLength(2);
  });

  it('fills a reward the page could not read from the other copy, and says it is no longer missing', () => {
    const unread = { ...timedTask, reward: null, missing: ['reward' as const] };
    const { task } = mergeTask(unread, untimedCopy);
    expect(task.reward).toEqual({ minor: 75, currency: 'USD' });
    expect(task.missing).toBeUndefined();
    expect(task.events).toEqual(timedTask.events);
  });

  it('keeps the newest edits within the bound a stored task allows when two copies’ edits are united', () => {
    const many = (from: number) => Array.from({ length: 300 }, (_, i) => edit({ field: 'bonus', value: null, at: from + i }));
    const { task } = mergeTask({ ...timedTask, edits: many(0) } as BackupTask, { ...timedTask, edits: many(1000) } as BackupTask);
    const edits = (task as { edits: TaskEdit[] }).edits;
    expect(edits).toHaveLength(500);
    expect(edits.at(-1)?.at).toBe(1299);
  });

  it('calls a copy that adds nothing a duplicate', () => {
    expect(mergeTask(timedTask, structuredClone(timedTask)).change).toBe('duplicate');
  });
});

describe('planImport', () => {
  const backup = {
    tasks: [timedTask],
    stretches: [{ v: 1 as const, platform: 'mturk', start: at(T0 - 60_000), end: at(T0), ms: 60_000, day: '2026-11-02' }],
    bonuses: [{ entry: { platform: 'mturk', at: T0, minor: 50, currency: 'USD', day: '2026-11-02' }, fromTotal: 0 }],
    readings: [{ platform: 'mturk', reading: { at: T0, available: { minor: 500, currency: 'USD' } } }],
    approvals: [{ platform: 'mturk', approval: { at: T0 + 1000, minor: 75, currency: 'USD', task: 'mturk:A1', part: 'reward' as const } }],
    transfers: [{ platform: 'mturk', at: T0, transfers: [
      { requestedDate: '2026-11-01', amount: { minor: 1000, currency: 'USD' } },
      { requestedDate: '2026-11-01', amount: { minor: 1000, currency: 'USD' } },
    ] }],
    // Version 1's delays of a requester (ms), two of them equal: two approvals that took as long.
    legacyDelays: [{ platform: 'mturk', requesterId: 'R1', delays: [3 * DAY, 5 * DAY, 5 * DAY], at: T0 }],
  };

  /** What is stored once `plan` has been written on top of `before`. */
  function stored(before: Existing, plan: ReturnType<typeof planImport>): Existing {
    const tasks = new Map(before.tasks);
    for (const t of plan.tasks) tasks.set(`${t.platform}:${t.taskId}`, t);
    const transfers = new Map(before.transfers);
    for (const { platform, ...history } of plan.transfers) transfers.set(platform, history);
    const legacyDelays = new Map(before.legacyDelays);
    for (const entry of plan.legacyDelays) legacyDelays.set(legacyDelaysIdentity(entry), { delays: entry.delays, at: entry.at });
    return {
      tasks,
      approvals: new Set([...before.approvals, ...plan.approvals.map((a) => approvalIdentity(a.platform, a.approval))]),
      readingTimes: new Set([...before.readingTimes, ...plan.readings.map((r) => readingIdentity(r.platform, r.reading.at))]),
      stretchKeys: new Set([...before.stretchKeys, ...plan.stretches.map((s) => JSON.stringify([s.platform, s.start.wall, s.start.mono]))]),
      bonusKeys: new Set([...before.bonusKeys, ...plan.bonuses.map((b) => JSON.stringify([b.entry.platform, b.entry.at, b.entry.currency, b.fromTotal]))]),
      transfers,
      legacyDelays,
    };
  }

  it('adds everything once, and the same backup again adds nothing', () => {
    const first = planImport(nothing, backup);
    expect(Object.values(first.counts).map((c) => c.added)).toEqual([1, 1, 1, 1, 1, 2, 1]);
    expect(first.legacyDelays).toEqual(backup.legacyDelays);
    const second = planImport(stored(nothing, first), backup);
    expect([second.tasks, second.stretches, second.bonuses, second.readings, second.approvals, second.transfers, second.legacyDelays]).toEqual([[], [], [], [], [], [], []]);
    expect(Object.values(second.counts).map((c) => c.duplicate)).toEqual([1, 1, 1, 1, 1, 2, 1]);
  });

  it('keeps two equal transfers on one day as two, and adds a third only when a backup lists three', () => {
    const first = stored(nothing, planImport(nothing, backup));
    const three = { ...backup, transfers: [{ platform: 'mturk', at: T0 + 1, transfers: [...backup.transfers[0]!.transfers, backup.transfers[0]!.transfers[0]!] }] };
    const plan = planImport(first, three);
    expect(plan.transfers[0]?.transfers).toHaveLength(3);
    expect(plan.counts.transfers).toEqual({ added: 1, duplicate: 2, updated: 0 });
  });

  it('lets the later of two histories say which transfers are paid out: an older backup never counts a failed one again', () => {
    const usd = (requestedDate: string, minor: number) => ({ requestedDate, amount: { minor, currency: 'USD' } });
    // Stored: the $5.00 of 21 November was read pending, then failed.
    const here = { ...nothing, transfers: new Map([['mturk', { at: T0 + 2, transfers: [usd('2026-11-01', 1000)], undone: [usd('2026-11-21', 500)] }]]) };
    const older = { ...backup, transfers: [{ platform: 'mturk', at: T0 + 1, transfers: [usd('2026-11-01', 1000), usd('2026-11-21', 500)] }] };
    const plan = planImport(here, older);
    expect(plan.transfers).toEqual([]);
    expect(plan.counts.transfers).toEqual({ added: 0, duplicate: 2, updated: 0 });
    // A newer backup (another browser read the page after it was completed after all) updates it.
    const newer = { ...backup, transfers: [{ platform: 'mturk', at: T0 + 3, transfers: [usd('2026-11-01', 1000), usd('2026-11-21', 500)] }] };
    const update = planImport(here, newer);
    expect(update.transfers).toEqual([{ platform: 'mturk', at: T0 + 3, transfers: [usd('2026-11-01', 1000), usd('2026-11-21', 500)] }]);
    expect(update.counts.transfers).toEqual({ added: 0, duplicate: 1, updated: 1 });
  });

  it('merges two browsers: the other browser’s untimed copy adds its ids and state to the timed task', () => {
    const first = stored(nothing, planImport(nothing, backup));
    const other = { ...backup, tasks: [untimedCopy], approvals: [{ platform: 'mturk', approval: { ...backup.approvals[0]!.approval, at: T0 + 2000 } }] };
    const plan = planImport(first, other);
    expect(plan.counts.tasks).toEqual({ added: 0, duplicate: 0, updated: 1 });
    expect(plan.tasks[0]).toMatchObject({ status: 'approved', hitId: 'H1', events: timedTask.events });
    // One approval per task's reward, whichever browser saw it.
    expect(plan.approvals).toEqual([]);
  });

  it("merges version 1's delays of a requester as multisets: equal delays are two samples, a sample stored is not added again", () => {
    const first = stored(nothing, planImport(nothing, backup));
    // Another browser migrated from the same version 1 saw one more approval of 5 days, and one of 2 days.
    const other = { ...backup, legacyDelays: [{ platform: 'mturk', requesterId: 'R1', delays: [5 * DAY, 5 * DAY, 5 * DAY, 2 * DAY], at: T0 + DAY }] };
    const plan = planImport(first, other);
    expect(plan.legacyDelays).toEqual([{ platform: 'mturk', requesterId: 'R1', delays: [3, 5, 5, 5, 2].map((d) => d * DAY), at: T0 + DAY }]);
    expect(plan.counts.legacyDelays).toEqual({ added: 0, duplicate: 0, updated: 1 });
    // Either backup again adds nothing; the same requester on another platform is another list.
    const merged = stored(first, plan);
    expect(planImport(merged, other).legacyDelays).toEqual([]);
    expect(planImport(merged, backup).legacyDelays).toEqual([]);
    const elsewhere = { ...backup, legacyDelays: [{ ...backup.legacyDelays[0]!, platform: 'prolific' }] };
    expect(planImport(merged, elsewhere).counts.legacyDelays).toEqual({ added: 1, duplicate: 0, updated: 0 });
  });

  it('counts a task listed twice in one backup once', () => {
    const plan = planImport(nothing, { ...backup, tasks: [timedTask, timedTask] });
    expect(plan.tasks).toHaveLength(1);
    expect(plan.counts.tasks).toEqual({ added: 1, duplicate: 1, updated: 0 });
  });
});

describe('planImport: one MTurk HIT, one task', () => {
  /** An MTurk Suite HIT without assignment id: stored under its HIT id. */
  const suiteCopy: BackupTask = {
    v: 2, platform: 'mturk', taskId: 'H1', hitId: 'H1', requesterId: 'R1', title: 'Rate images', requesterName: 'Lab',
    reward: { minor: 75, currency: 'USD' }, firstSeenAt: T0 - 3_600_000, endedAt: T0 - 3_600_000, observedAt: T0 - 3_600_000,
    status: 'approved', untimed: true, day: '2026-11-02', external: false, events: [],
  };
  const assignment = { ...timedTask, hitId: 'H1' };
  const files = (tasks: BackupTask[], approvals: { platform: string; approval: { at: number; minor: number; currency: string; task: string; part: 'reward' } }[] = []) =>
    ({ tasks, stretches: [], bonuses: [], readings: [], approvals, transfers: [] });
  const storing = (...tasks: BackupTask[]): Existing => ({ ...nothing, tasks: new Map(tasks.map((t) => [`${t.platform}:${t.taskId}`, t])) });

  it('joins the stored copy under the HIT id to the imported assignment, and deletes it', () => {
    const plan = planImport(storing(suiteCopy), files([assignment]));
    expect(plan.counts.tasks).toEqual({ added: 0, duplicate: 0, updated: 1 });
    expect(plan.tasks).toHaveLength(1);
    expect(plan.tasks[0]).toMatchObject({ taskId: 'A1', status: 'approved', events: timedTask.events, requesterId: 'R1', countedDay: '2026-11-02' });
    expect(plan.tasks[0]?.untimed).toBeUndefined();
    expect(plan.removed).toEqual(['mturk:H1']);
  });

  it('joins an imported copy under the HIT id to the assignment a worker did, not to one returned', () => {
    const returned = { ...assignment, taskId: 'A0', status: 'returned' as const };
    const plan = planImport(storing(returned, assignment), files([suiteCopy]));
    expect(plan.tasks.map((t) => [t.taskId, t.status])).toEqual([['A1', 'approved']]);
    expect(plan.removed).toEqual([]);
  });

  it('takes a stored duplicate along when the backup brings the assignment unchanged', () => {
    const plan = planImport(storing(assignment, suiteCopy), files([assignment]));
    expect(plan.counts.tasks).toEqual({ added: 0, duplicate: 0, updated: 1 });
    expect(plan.tasks.map((t) => [t.taskId, t.status])).toEqual([['A1', 'approved']]);
    expect(plan.removed).toEqual(['mturk:H1']);
  });

  it('never joins a copy to an open task (the tracker holds it), nor across platforms', () => {
    const open = { ...assignment, status: 'open' as const, events: timedTask.events.slice(0, 1) };
    expect(planImport(storing(open), files([suiteCopy])).tasks.map((t) => t.taskId)).toEqual(['H1']);
    const study = { ...suiteCopy, platform: 'prolific', taskId: 'A1', external: true };
    expect(planImport(storing(study), files([suiteCopy])).tasks.map((t) => t.taskId)).toEqual(['H1']);
  });

  it('keeps a copy’s corrections but not its deletion (a duplicate the worker removed by hand)', () => {
    const deleted = edit({ field: 'deleted', value: true, at: T0 + 10 });
    const reward = edit({ field: 'reward', value: { minor: 80, currency: 'USD' }, at: T0 + 20 });
    const plan = planImport(storing({ ...suiteCopy, edits: [deleted, reward] }), files([assignment]));
    expect(plan.tasks[0]?.edits).toEqual([reward]);
    // The assignment's own deletion stands.
    expect(planImport(storing(suiteCopy), files([{ ...assignment, edits: [deleted] }])).tasks[0]?.edits).toEqual([deleted]);
  });

  it('moves the stored copy’s approval to the assignment, and keeps one approval of the reward', () => {
    const approval = (task: string, at: number) => ({ platform: 'mturk', approval: { at, minor: 75, currency: 'USD', task, part: 'reward' as const } });
    const existing = { ...storing(suiteCopy), approvals: new Set([approvalIdentity('mturk', approval('mturk:H1', T0).approval)]), approvalsOf: new Map([['mturk:H1', [approval('mturk:H1', T0)]]]) };
    const plan = planImport(existing, files([assignment], [approval('mturk:A1', T0 + 5000)]));
    expect(plan.removedApprovals).toEqual([approval('mturk:H1', T0)]);
    expect(plan.approvals).toEqual([approval('mturk:A1', T0)]);
    expect(plan.counts.approvals).toEqual({ added: 0, duplicate: 1, updated: 0 });
  });
});

describe('mergeLegacyDelays', () => {
  it('keeps the list of the requester seen earlier first, then the other’s extra samples, and the later time', () => {
    const older = { delays: [1, 2, 2, 3], at: 10 };
    const newer = { delays: [2, 3, 4, 4], at: 20 };
    expect(mergeLegacyDelays(older, newer)).toEqual({ delays: [1, 2, 2, 3, 4, 4], at: 20 });
    expect(mergeLegacyDelays(newer, older)).toEqual({ delays: [1, 2, 2, 3, 4, 4], at: 20 });
  });

  it('adds nothing (null) for a list whose every sample is stored, in any order, whatever its time', () => {
    expect(mergeLegacyDelays({ delays: [1, 2, 2, 3], at: 10 }, { delays: [2, 1, 2], at: 30 })).toBeNull();
    expect(mergeLegacyDelays({ delays: [1, 2], at: 10 }, { delays: [2, 2], at: 5 })).toEqual({ delays: [2, 2, 1], at: 10 });
  });

  it('is idempotent: merging the imported list again adds nothing', () => {
    for (const [a, b] of [[{ delays: [5, 6], at: 1 }, { delays: [6, 6, 7], at: 2 }], [{ delays: [5, 6], at: 2 }, { delays: [6, 6, 7], at: 1 }], [{ delays: [5], at: 1 }, { delays: [7], at: 1 }]]) {
      const once = mergeLegacyDelays(a!, b!)!;
      expect(mergeLegacyDelays(once, b!)).toBeNull();
      expect(mergeLegacyDelays(once, a!)).toBeNull();
    }
  });
});
