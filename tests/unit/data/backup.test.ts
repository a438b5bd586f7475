import { describe, expect, it } from 'vitest';
import { backupTask, readBackup, restoredTask, writeBackup, type Backup } from '../../../lib/data/backup';
import type { TaskRecord } from '../../../lib/storage/schemas';

const at = (wall: number) => ({ wall, mono: wall - 1_000_000, origin: 1_000_000 });
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
/** When the worker imports the backups of these tests. */
const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

/** A timed, submitted MTurk task: 3 minutes in front, of which 1 minute idle. */
const task: TaskRecord = {
  v: 2, platform: 'mturk', taskId: '3ASSIGNMENT1', hitId: '3HIT1', title: 'Rate 20 images', requesterName: 'Lab',
  reward: { minor: 75, currency: 'USD' }, firstSeenAt: T0, updatedAt: T0 + 180_000, status: 'submitted', endedAt: T0 + 180_000,
  countedDay: '2026-11-02', external: false, activeMs: 120_000, idleMs: 60_000,
  events: [
    { boot: 1, n: 0, type: 'front', at: at(T0) },
    { boot: 1, n: 1, type: 'idle', at: at(T0 + 60_000) },
    { boot: 1, n: 2, type: 'active', at: at(T0 + 120_000) },
    { boot: 1, n: 3, type: 'outcome', outcome: 'submitted', at: at(T0 + 180_000) },
  ],
};

const parts = (over: Partial<Backup> = {}): Omit<Backup, 'format' | 'version'> => ({
  exportedAt: T0 + 86_400_000, tasks: [backupTask(task)], stretches: [], bonuses: [], readings: [],
  approvals: [{ platform: 'mturk', approval: { at: T0 + 3_600_000, minor: 75, currency: 'USD', task: 'mturk:3ASSIGNMENT1', part: 'reward' } }],
  transfers: [{ platform: 'mturk', at: T0, transfers: [{ requestedDate: '2026-11-01', amount: { minor: 1000, currency: 'USD' } }] }],
  legacyDelays: [], settings: { v: 4 }, customRules: [], ...over,
});

describe('Centime backup', () => {
  it('keeps no derived figure: a task is written without its cached active and idle time', () => {
    const written = JSON.parse(writeBackup(parts())) as { tasks: Record<string, unknown>[] };
    expect(written.tasks[0]).not.toHaveProperty('activeMs');
    expect(written.tasks[0]).not.toHaveProperty('idleMs');
    expect(written.tasks[0]).not.toHaveProperty('updatedAt');
  });

  it('reads back what it wrote, and the task’s figures come again from its events', () => {
    const { backup, problems } = readBackup(writeBackup(parts()), NOW);
    expect(problems).toEqual([]);
    expect(backup?.tasks).toEqual([backupTask(task)]);
    expect(backup?.approvals).toEqual(parts().approvals);
    expect(backup?.transfers).toEqual(parts().transfers);
    const restored = restoredTask(backup!.tasks[0]!);
    expect([restored.activeMs, restored.idleMs, restored.updatedAt]).toEqual([120_000, 60_000, T0 + 180_000]);
  });

  it('reads a custom site’s task and its approval without the worker’s own id that older Centime kept in its id', () => {
    const id = 'survey.example.org/s/1?PROLIFIC_PID=5fWORKER&STUDY_ID=s1';
    const custom = { ...backupTask(task), platform: 'custom:survey', taskId: id };
    const approval = { at: T0 + 3_600_000, minor: 75, currency: 'USD', task: `custom:survey:${id}`, part: 'reward' as const };
    const { backup } = readBackup(writeBackup(parts({ tasks: [custom], approvals: [{ platform: 'custom:survey', approval }] })), NOW);
    expect(backup?.tasks).toEqual([{ ...custom, taskId: 'survey.example.org/s/1?STUDY_ID=s1' }]);
    expect(backup?.approvals).toEqual([{ platform: 'custom:survey', approval: { ...approval, task: 'custom:survey:survey.example.org/s/1?STUDY_ID=s1' } }]);
    // Other platforms' ids are theirs: never read as URLs.
    const mturk = { ...backupTask(task), taskId: '3ASSIGN?workerId=x' };
    expect(readBackup(writeBackup(parts({ tasks: [mturk] })), NOW).backup?.tasks).toEqual([mturk]);
  });

  it("carries version 1's approval delays, and reads a backup made before it carried them as having none", () => {
    const legacyDelays = [{ platform: 'mturk', requesterId: 'AREQ1', delays: [258_211_973, 146_387_211, 146_387_211], at: T0 }];
    const { backup, problems } = readBackup(writeBackup(parts({ legacyDelays })), NOW);
    expect(problems).toEqual([]);
    expect(backup?.legacyDelays).toEqual(legacyDelays);
    const older = JSON.parse(writeBackup(parts())) as Record<string, unknown>;
    delete older.legacyDelays;
    const read = readBackup(JSON.stringify(older), NOW);
    expect(read.problems).toEqual([]);
    expect(read.backup?.legacyDelays).toEqual([]);
    expect(read.backup?.tasks).toEqual([backupTask(task)]);
    // Each entry is checked: a negative delay, no requester, a platform no id names, a time after the import.
    const bad = [
      { ...legacyDelays[0]!, delays: [1, -5] }, { ...legacyDelays[0]!, requesterId: '' }, { ...legacyDelays[0]!, platform: 'Not a platform' },
      { ...legacyDelays[0]!, at: Date.UTC(2099, 0, 1) }, { ...legacyDelays[0]!, delays: [] }, legacyDelays[0],
    ];
    const checked = readBackup(JSON.stringify({ ...older, legacyDelays: bad }), NOW);
    expect(checked.backup?.legacyDelays).toEqual(legacyDelays);
    expect(checked.problems.map((p) => [p.list, p.index])).toEqual([0, 1, 2, 3, 4].map((i) => ['legacyDelays', i]));
  });

  it('reports a bad record with its list and position and keeps the others', () => {
    const text = JSON.stringify({
      ...JSON.parse(writeBackup(parts())),
      tasks: [backupTask(task), { ...backupTask(task), reward: { minor: 1.5, currency: 'USD' } }, 'junk'],
      approvals: [{ platform: 'mturk', approval: { at: -1, minor: 1, currency: 'USD' } }],
    });
    const { backup, problems } = readBackup(text, NOW);
    expect(backup?.tasks).toHaveLength(1);
    expect(backup?.approvals).toEqual([]);
    expect(problems.map((p) => [p.list, p.index])).toEqual([['tasks', 1], ['tasks', 2], ['approvals', 0]]);
    expect(problems[0]?.reason).toMatch(/reward\.minor/);
  });

  it('refuses a record dated after the import (a day of margin for clocks and time zones), and keeps the others', () => {
    const Y2099 = Date.UTC(2099, 11, 31, 12);
    const within = NOW + 20 * 3_600_000;
    const later = (wall: number) => ({ wall, mono: wall - 1_000_000, origin: 1_000_000 });
    const future = backupTask({ ...task, taskId: '3FUTURE', firstSeenAt: Y2099, endedAt: Y2099 + 180_000, countedDay: '2099-12-31', events: task.events.map((e, i) => ({ ...e, at: later(Y2099 + i * 60_000) })) });
    const text = JSON.stringify({
      ...JSON.parse(writeBackup(parts())),
      tasks: [
        backupTask(task), future, { ...backupTask(task), taskId: '3DAY', countedDay: '2099-12-31' }, { ...backupTask(task), taskId: '3APPROVED', approvedAt: Y2099 },
        // Another browser's clock a few hours fast, in a time zone a day ahead: still imported.
        { ...backupTask(task), taskId: '3AHEAD', endedAt: within, countedDay: '2026-12-01' },
      ],
      stretches: [{ v: 1, platform: 'mturk', start: later(Y2099), end: later(Y2099 + 60_000), ms: 60_000, day: '2099-12-31' }],
      bonuses: [{ entry: { platform: 'mturk', at: Y2099, minor: 100, currency: 'USD' }, fromTotal: 1000 }],
      readings: [{ platform: 'mturk', reading: { at: Y2099, available: { minor: 100, currency: 'USD' } } }],
      approvals: [...parts().approvals, { platform: 'mturk', approval: { at: Y2099, minor: 75, currency: 'USD', task: 'mturk:3FUTURE', part: 'reward' } }],
      transfers: [
        { platform: 'mturk', at: T0, transfers: [{ requestedDate: '2099-12-31', amount: { minor: 1000, currency: 'USD' } }] },
        // A failed transfer's row is dated too.
        { platform: 'mturk', at: T0, transfers: [], undone: [{ requestedDate: '2099-12-31', amount: { minor: 500, currency: 'USD' } }] },
      ],
    });
    const { backup, problems } = readBackup(text, NOW);
    expect(backup?.tasks.map((t) => t.taskId)).toEqual(['3ASSIGNMENT1', '3AHEAD']);
    expect(backup?.approvals).toEqual(parts().approvals);
    expect([backup?.stretches, backup?.bonuses, backup?.readings, backup?.transfers]).toEqual([[], [], [], []]);
    expect(problems.map((p) => [p.list, p.index, p.reason])).toEqual([
      ['tasks', 1, 'a date in the future'], ['tasks', 2, 'a date in the future'], ['tasks', 3, 'a date in the future'],
      ['stretches', 0, 'a date in the future'], ['bonuses', 0, 'a date in the future'], ['readings', 0, 'a date in the future'],
      ['approvals', 1, 'a date in the future'], ['transfers', 0, 'a date in the future'], ['transfers', 1, 'a date in the future'],
    ]);
  });

  it('refuses a record with an amount under zero, which would take money off a day, and keeps the others', () => {
    const text = JSON.stringify({
      ...JSON.parse(writeBackup(parts())),
      tasks: [backupTask(task), { ...backupTask(task), taskId: 'NEG', reward: { minor: -50_000, currency: 'USD' } }, { ...backupTask(task), taskId: 'NEGB', bonus: { minor: -1, currency: 'USD' } }],
      approvals: [{ platform: 'mturk', approval: { at: T0, minor: -50_000, currency: 'USD' } }, { platform: 'mturk', approval: { at: T0, minor: 50, currency: 'USD' } }],
    });
    const { backup, problems } = readBackup(text, NOW);
    expect(backup?.tasks.map((t) => t.taskId)).toEqual([task.taskId]);
    expect(backup?.approvals.map((a) => a.approval.minor)).toEqual([50]);
    expect(problems.map((p) => [p.list, p.index, p.reason])).toEqual([
      ['tasks', 1, 'an amount under zero'], ['tasks', 2, 'an amount under zero'], ['approvals', 0, 'an amount under zero'],
    ]);
  });

  it('upgrades a task written by an older Centime like a stored one', () => {
    const v1 = { v: 1, platform: 'mturk', taskId: 'OLD1', title: 't', requesterName: 'r', reward: null, firstSeenAt: T0 };
    const { backup, problems } = readBackup(JSON.stringify({ ...JSON.parse(writeBackup(parts())), tasks: [v1] }), NOW);
    expect(problems).toEqual([]);
    expect(backup?.tasks[0]).toMatchObject({ v: 2, taskId: 'OLD1', status: 'open', events: [] });
  });

  it('says what a file that is not a backup is, and never throws', () => {
    expect(readBackup('{', NOW).problems).toEqual([{ list: 'file', index: -1, reason: 'not JSON: not a Centime backup' }]);
    expect(readBackup('{"hits":[]}', NOW).problems[0]?.reason).toBe('not a Centime backup');
    expect(readBackup(JSON.stringify({ format: 'centime-backup', version: 9 }), NOW).problems[0]?.reason).toBe('written by a newer Centime');
    expect(readBackup(JSON.stringify({ format: 'centime-backup', version: 1, tasks: {} }), NOW).problems).toEqual([{ list: 'tasks', index: -1, reason: 'not a list' }]);
  });
});
