// How a task's derived records follow its corrections (issue 16, docs/storage.md): its day-index entries carry a
// corrected active time on its last stretches, its row shows what was corrected, and a deleted task has no entry.
import { describe, expect, it } from 'vitest';
import type { Stamp } from '../../../lib/domain/task-timer';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { dayEntriesOf, pendingItemOf, rowOf } from '../../../lib/storage/task-store';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T = Date.UTC(2026, 10, 27, 9, 0);
const stamp = (wall: number): Stamp => ({ wall, mono: wall, origin: 0 });

/** In front 09:00–09:10 and 09:20–09:25, submitted at 09:25: 10 + 5 minutes active. */
const task = (edits: TaskRecord['edits'] = []): TaskRecord => ({
  v: 2, platform: 'mturk', taskId: 'A1', title: 'Label', requesterName: 'Lab', reward: { minor: 50, currency: 'USD' },
  firstSeenAt: T, updatedAt: T + 25 * MIN, status: 'submitted', endedAt: T + 25 * MIN, external: false, activeMs: 15 * MIN, idleMs: 0,
  events: [
    { boot: 1, n: 1, type: 'front', at: stamp(T) },
    { boot: 1, n: 2, type: 'not-front', at: stamp(T + 10 * MIN) },
    { boot: 1, n: 3, type: 'front', at: stamp(T + 20 * MIN) },
    { boot: 1, n: 4, type: 'outcome', outcome: 'submitted', at: stamp(T + 25 * MIN) },
  ],
  edits,
});
const actives = (record: TaskRecord) => dayEntriesOf(record).map((e) => e.activeMs);

describe('derived records of a corrected task', () => {
  it('keeps the recorded stretches when nothing is corrected', () => {
    expect(actives(task())).toEqual([10 * MIN, 5 * MIN]);
  });

  it('adds a longer corrected time to the last stretch', () => {
    // 25 minutes instead of 15: the 10 more on the last stretch (5 → 15).
    expect(actives(task([{ field: 'activeMs', value: 25 * MIN, at: T + 1 * HOUR }]))).toEqual([10 * MIN, 15 * MIN]);
  });

  it('takes a shorter corrected time from the last stretch back, never below nothing', () => {
    // 3 minutes instead of 15: 12 fewer — the last stretch gives its 5 (→ 0), the one before 7 (10 → 3).
    expect(actives(task([{ field: 'activeMs', value: 3 * MIN, at: T + 1 * HOUR }]))).toEqual([3 * MIN, 0]);
    // None at all: both at 0; the stretches stay (the events are as recorded), their idle parts untouched.
    expect(dayEntriesOf(task([{ field: 'activeMs', value: 0, at: T + 1 * HOUR }]))).toMatchObject([{ activeMs: 0, idleMs: 0, start: T }, { activeMs: 0, start: T + 20 * MIN }]);
  });

  it('gives a deleted task no entry and no pending item, and keeps its row, marked', () => {
    const deleted = task([{ field: 'reward', value: { minor: 70, currency: 'USD' }, at: T + 1 * HOUR }, { field: 'deleted', value: true, at: T + 2 * HOUR }]);
    expect(dayEntriesOf(deleted)).toEqual([]);
    expect(pendingItemOf('mturk:A1', deleted)).toBeNull();
    expect(rowOf(deleted)).toMatchObject({ deleted: true, corrected: ['reward'], reward: { minor: 70, currency: 'USD' }, updatedAt: T + 2 * HOUR });
    // The recorded record itself is untouched.
    expect(deleted.reward).toEqual({ minor: 50, currency: 'USD' });
  });
});
