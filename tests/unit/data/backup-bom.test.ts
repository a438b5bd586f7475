import { describe, expect, it } from 'vitest';
import { backupTask, readBackup, writeBackup } from '../../../lib/data/backup';
import type { TaskRecord } from '../../../lib/storage/schemas';

/** A backup re-saved by an editor as "UTF-8 with BOM" and read other than through `File.text()` (which drops it). */
const stamp = (wall: number) => ({ wall, mono: wall, origin: 0 });
const T0 = Date.UTC(2026, 10, 2, 9);
const task: TaskRecord = {
  v: 2, platform: 'mturk', taskId: '3ASSIGNMENT1', title: 'Rate', requesterName: 'Lab', reward: { minor: 75, currency: 'USD' },
  firstSeenAt: T0, updatedAt: T0 + 1000, status: 'submitted', endedAt: T0 + 1000, countedDay: '2026-11-02', external: false, activeMs: 1000, idleMs: 0,
  events: [{ boot: 1, n: 0, type: 'front', at: stamp(T0) }, { boot: 1, n: 1, type: 'outcome', outcome: 'submitted', at: stamp(T0 + 1000) }],
};

describe('readBackup and a byte order mark', () => {
  it('reads a backup that starts with a UTF-8 BOM like the same backup without it', () => {
    const text = writeBackup({ exportedAt: T0, tasks: [backupTask(task)], stretches: [], bonuses: [], readings: [], approvals: [], transfers: [], legacyDelays: [], settings: null, customRules: [] });
    const read = readBackup(`\uFEFF${text}`, Date.UTC(2026, 10, 30));
    expect(read.problems).toEqual([]);
    expect(read.backup?.tasks).toEqual([backupTask(task)]);
  });
});
