// Issue 18 item 4: a backup, an import and a rebuild of 100,000 tasks read or wrote over a million event records,
// and IndexedDB's cost is per record. A closed task's timeline now lives in its own record (database version 4);
// an open task's events stay one record each, so that an event never rewrites a timeline (issue 13 item 2).
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import type { Stamp } from '../../../lib/domain/task-timer';
import { database } from '../../../lib/storage/database';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { taskOps } from '../../../lib/storage/task-store';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 27, 14);
const stamp = (wall: number): Stamp => ({ wall, mono: wall, origin: 0 });

const task = (id: string, status: TaskRecord['status'], events: TaskRecord['events']): TaskRecord => ({
  v: 2, platform: 'mturk', taskId: id, title: id, requesterName: 'Lab', reward: { minor: 10, currency: 'USD' },
  firstSeenAt: T0, updatedAt: T0, status, external: false, events, activeMs: 0, idleMs: 0,
  ...(status !== 'open' ? { endedAt: events.at(-1)!.at.wall } : {}),
});

async function stored(key: string) {
  const db = await database();
  const [record, eventRecords] = await Promise.all([db.get('tasks', key), db.getAll('events', IDBKeyRange.bound([key], [key, []]))]);
  return { record: record as Record<string, unknown>, eventRecords };
}

describe('where a task keeps its timeline', () => {
  let writer: TaskWriter;
  beforeEach(async () => {
    await clearHistory();
    writer = new TaskWriter(() => 'UTC');
  });

  it('appends event records while the task is open, and moves them into its record when it closes', async () => {
    const opened: TaskRecord['events'] = [
      { boot: 1, n: 1, type: 'front', at: stamp(T0) },
      { boot: 1, n: 2, type: 'not-front', at: stamp(T0 + MIN) },
    ];
    await writer.serial(() => writer.update('mturk:A', () => task('A', 'open', opened), T0 + MIN));
    let now = await stored('mturk:A');
    expect(now.record).not.toHaveProperty('events');
    expect(now.eventRecords).toHaveLength(2);

    const front = { boot: 1, n: 3, type: 'front' as const, at: stamp(T0 + 2 * MIN) };
    await writer.serial(() => writer.append('mturk:A', [front], T0 + 2 * MIN));
    expect((await stored('mturk:A')).eventRecords).toHaveLength(3);

    const submitted = { boot: 1, n: 4, type: 'outcome' as const, outcome: 'submitted' as const, at: stamp(T0 + 5 * MIN) };
    await writer.serial(() => writer.update('mturk:A', (old) => ({ ...old!, status: 'submitted', endedAt: T0 + 5 * MIN, events: [...old!.events, submitted] }), T0 + 5 * MIN));
    now = await stored('mturk:A');
    expect(now.eventRecords).toEqual([]);
    expect(now.record.events).toEqual([...opened, front, submitted]);
    const read = await getTaskByKey('mturk:A');
    expect(read?.events).toEqual([...opened, front, submitted]);
    expect(read?.activeMs).toBe(4 * MIN);
  });

  it('writes a closed task as one record, with no event records', async () => {
    const events: TaskRecord['events'] = [
      { boot: 1, n: 1, type: 'front', at: stamp(T0) },
      { boot: 1, n: 2, type: 'outcome', outcome: 'returned', at: stamp(T0 + MIN) },
    ];
    await writer.serial(() => writer.update('mturk:B', () => task('B', 'returned', events), T0 + MIN));
    const now = await stored('mturk:B');
    expect(now.eventRecords).toEqual([]);
    expect(now.record.events).toEqual(events);
    expect((await getTaskByKey('mturk:B'))?.events).toEqual(events);
  });
});

describe('a closed task written whole', () => {
  it('drops the event records it may have left, even with no stored version to compare (an upgraded old record)', async () => {
    const events: TaskRecord['events'] = [
      { boot: 1, n: 1, type: 'front', at: stamp(T0) },
      { boot: 1, n: 2, type: 'outcome', outcome: 'submitted', at: stamp(T0 + MIN) },
    ];
    const ops = taskOps(undefined, task('E', 'submitted', events), []);
    expect(ops.some((op) => op.store === 'events' && op.value === undefined)).toBe(true);
    expect(ops.filter((op) => op.store === 'events' && op.value !== undefined)).toEqual([]);
  });
});
