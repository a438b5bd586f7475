// Issue 18 item 4: an import wrote its primary records, then rebuilt every derived record of the whole history
// (100,000 tasks: 106 s of a 198 s import). It now derives only what it touches, in the same transaction; what it
// writes must be exactly what a rebuild gives, whatever was stored before.
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import type { BackupParts } from '../../../lib/data/backup';
import { planImport } from '../../../lib/data/merge';
import type { Stamp } from '../../../lib/domain/task-timer';
import { existingFor, primaryData } from '../../../lib/storage/backup-read';
import { database } from '../../../lib/storage/database';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { rebuild } from '../../../lib/storage/rebuild';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { seedFake } from '../../seed/seed-fake';
import { derivedSnapshot } from './raw-records';

const seed = { tasks: 120, now: Date.UTC(2026, 10, 27, 14), timeZone: 'Europe/Paris' };
const MIN = 60_000;
const stamp = (wall: number): Stamp => ({ wall, mono: wall, origin: 0 });

async function importParts(writer: TaskWriter, parts: BackupParts) {
  return writer.serial(async () => {
    const existing = await existingFor(parts);
    const plan = planImport(existing, parts);
    await writer.writeImport(plan, existing.tasks, seed.now);
    return plan.counts;
  });
}

/** What a rebuild of the same primary records gives. */
async function rebuilt() {
  await rebuild(seed.timeZone);
  return derivedSnapshot();
}

describe("an import's derived records", () => {
  let full: BackupParts;
  beforeEach(async () => {
    await clearHistory();
    await seedFake(seed);
    full = await primaryData();
    await clearHistory();
  }, 60_000);

  it('into an empty browser: exactly what a rebuild gives', async () => {
    const writer = new TaskWriter(() => seed.timeZone);
    await importParts(writer, full);
    const written = await derivedSnapshot();
    expect(written.rows).toHaveLength(seed.tasks);
    expect(await rebuilt()).toEqual(written);
  });

  it('merged into a history that has part of it, an open copy of a task and one more task: what a rebuild gives', async () => {
    const writer = new TaskWriter(() => seed.timeZone);
    // Half of the history first, with one submitted task of it still open here and its money unknown.
    const submitted = full.tasks.find((t) => t.status === 'submitted' && t.events.length > 1 && !t.untimed)!;
    const open = { ...submitted, status: 'open' as const, events: submitted.events.slice(0, 1) };
    delete (open as Partial<typeof open>).endedAt;
    const half = {
      ...full,
      tasks: [...full.tasks.filter((t, i) => i % 2 === 0 && t !== submitted), open],
      approvals: full.approvals.slice(0, Math.floor(full.approvals.length / 2)),
      stretches: full.stretches.filter((_, i) => i % 3 === 0),
    };
    await importParts(writer, half);
    expect(await derivedSnapshot()).toEqual(await rebuilt());
    // A task of this browser alone, worked on here.
    const own: TaskRecord = {
      v: 2, platform: 'prolific', taskId: 'own-study', title: 'Own', requesterName: 'Lab', reward: { minor: 150, currency: 'GBP' },
      firstSeenAt: seed.now - 30 * MIN, updatedAt: seed.now, status: 'submitted', external: false, endedAt: seed.now - 10 * MIN, activeMs: 0, idleMs: 0,
      events: [{ boot: 9, n: 1, type: 'front', at: stamp(seed.now - 30 * MIN) }, { boot: 9, n: 2, type: 'outcome', outcome: 'submitted', at: stamp(seed.now - 10 * MIN) }],
    };
    await writer.serial(() => writer.update('prolific:own-study', () => own, seed.now));

    const counts = await importParts(writer, full);
    expect(counts.tasks.updated).toBeGreaterThanOrEqual(1);
    const key = `${submitted.platform}:${submitted.taskId}`;
    expect((await getTaskByKey(key))?.status).toBe(submitted.status);
    // The backup's timeline goes on from this browser's open copy (its first event, then the rest: lib/data/merge.ts),
    // so it is the one kept, now closed: no event record is left, and the whole timeline is in the task's record.
    expect(await (await database()).getAll('events', IDBKeyRange.bound([key], [key, []]))).toEqual([]);
    expect(((await (await database()).get('tasks', key)) as TaskRecord).events).toEqual(submitted.events);
    // What is stored under the backup's keys reads the same task by task and a range at a time.
    const byKey = await existingFor(full, Infinity);
    expect(byKey.tasks.size).toBe(seed.tasks);
    expect(await existingFor(full, 0)).toEqual(byKey);
    const written = await derivedSnapshot();
    expect(written.rows).toHaveLength(seed.tasks + 1);
    expect(await rebuilt()).toEqual(written);
  });
});
