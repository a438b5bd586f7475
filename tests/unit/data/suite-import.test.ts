import { describe, expect, it } from 'vitest';
import { planImport, type Existing } from '../../../lib/data/merge';
import type { BackupTask } from '../../../lib/data/backup';
import { readHitTrackerBackup } from '../../../lib/data/mturk-suite';
import { pacificNoon, suiteTasks } from '../../../lib/data/suite-import';

const hits = [
  { hit_id: 'HIT1', assignment_id: 'ASG1', requester_id: 'R1', requester_name: 'Lab', reward: { amount_in_dollars: 0.5 }, state: 'Approved', title: 'Survey', date: '20261101' },
  { hit_id: 'HIT2', requester_id: 'R2', requester_name: 'Shop', reward: { amount_in_dollars: 1.25 }, state: 'Submitted', title: 'Tags', date: '20261102' },
];
const { tasks: imported } = readHitTrackerBackup(JSON.stringify({ hits, days: [] }));

/** Centime timed HIT2 under its assignment id, with no HIT id known to the status pages yet. */
const timed: BackupTask = {
  v: 2, platform: 'mturk', taskId: 'ASG2', hitId: 'HIT2', title: 'Tags', requesterName: 'Shop', reward: { minor: 125, currency: 'USD' },
  firstSeenAt: 1, status: 'submitted', endedAt: 2, countedDay: '2026-11-02', external: false,
  events: [{ boot: 1, n: 0, type: 'front', at: { wall: 1, mono: 1, origin: 0 } }, { boot: 1, n: 1, type: 'outcome', outcome: 'submitted', at: { wall: 2, mono: 2, origin: 0 } }],
};

describe('suiteTasks', () => {
  it('makes untimed records dated at the Pacific day’s noon, with no approval date', () => {
    const [first] = suiteTasks(imported);
    expect(first).toMatchObject({ platform: 'mturk', taskId: 'ASG1', status: 'approved', untimed: true, day: '2026-11-01', endedAt: pacificNoon('2026-11-01'), events: [] });
    expect(first).not.toHaveProperty('approvedAt');
    expect(new Date(pacificNoon('2026-11-01')).toISOString()).toBe('2026-11-01T20:00:00.000Z');
  });

  it('keys a HIT without an assignment id by its HIT id; the merge joins it to the task Centime timed, never replacing its time', () => {
    const [, second] = suiteTasks(imported);
    expect(second?.taskId).toBe('HIT2');
    const existing: Existing = { tasks: new Map([['mturk:ASG2', timed]]), approvals: new Set(), readingTimes: new Set(), stretchKeys: new Set(), bonusKeys: new Set(), transfers: new Map() };
    const plan = planImport(existing, { tasks: [second!], stretches: [], bonuses: [], readings: [], approvals: [], transfers: [] });
    expect(plan.counts.tasks).toEqual({ added: 0, duplicate: 0, updated: 1 });
    const [task, ...others] = plan.tasks;
    expect(others).toEqual([]);
    expect(task?.taskId).toBe('ASG2');
    expect(task?.events).toEqual(timed.events);
    expect(task?.untimed).toBeUndefined();
    expect([task?.requesterId, task?.countedDay, task?.status]).toEqual(['R2', '2026-11-02', 'submitted']);
  });
});
