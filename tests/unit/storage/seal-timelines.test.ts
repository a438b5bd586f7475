// Closed tasks stored before their timelines moved into their records (issue 18 item 4) are sealed at start-up,
// a batch per step of the writer's queue; meanwhile, and after, every task reads the same.
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import type { Stamp } from '../../../lib/domain/task-timer';
import { database } from '../../../lib/storage/database';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { sealBatch, timelinesSealed } from '../../../lib/storage/seal-timelines';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 27, 14);
const stamp = (wall: number): Stamp => ({ wall, mono: wall, origin: 0 });

function task(id: string, status: TaskRecord['status'], count: number): TaskRecord {
  const events: TaskRecord['events'] = [];
  for (let n = 1; n <= count; n++) events.push({ boot: 1 + Math.floor(n / 40), n, type: n % 2 ? 'front' : 'not-front', at: stamp(T0 + n * 1000) });
  if (status !== 'open') events.push({ boot: 9, n: 1, type: 'outcome', outcome: status === 'returned' ? 'returned' : 'submitted', at: stamp(T0 + (count + 1) * 1000) });
  return {
    v: 2, platform: 'mturk', taskId: id, title: id, requesterName: 'Lab', reward: { minor: 10, currency: 'USD' },
    firstSeenAt: T0, updatedAt: T0, status, external: false, events, activeMs: 0, idleMs: 0,
    ...(status !== 'open' ? { endedAt: events.at(-1)!.at.wall } : {}),
  };
}

/** Writes tasks as the previous Centime did: a header, and one record per event. */
async function plantOldLayout(tasks: TaskRecord[]) {
  const tx = (await database()).transaction(['tasks', 'events'], 'readwrite');
  for (const t of tasks) {
    const key = `mturk:${t.taskId}`;
    const { events, activeMs: _a, idleMs: _i, updatedAt: _u, ...header } = t;
    await tx.objectStore('tasks').put(header, key);
    for (const e of events) await tx.objectStore('events').put({ ...e, task: key }, [key, e.boot, e.n]);
  }
  await tx.objectStore('events').put({ boot: 1, n: 1, type: 'front', at: stamp(T0), task: 'mturk:gone' }, ['mturk:gone', 1, 1]);
  await tx.done;
}

const eventRecordsOf = async (key: string) => (await database()).getAll('events', IDBKeyRange.bound([key], [key, []]));

describe('sealing the timelines of closed tasks stored before', () => {
  beforeEach(() => clearHistory());

  it("moves each closed task's event records into its record, in batches; open tasks keep theirs; reads never change", async () => {
    // 30 tasks of 150 events: more event records than one batch scans.
    const tasks = Array.from({ length: 30 }, (_, i) => task(`T${String(i).padStart(2, '0')}`, i % 5 === 0 ? 'open' : i % 3 ? 'submitted' : 'returned', 150));
    await plantOldLayout(tasks);
    const before = await Promise.all(tasks.map((t) => getTaskByKey(`mturk:${t.taskId}`)));
    expect(before.map((t) => t?.events)).toEqual(tasks.map((t) => t.events));

    const first = await sealBatch();
    expect(first.done).toBe(false);
    expect(first.sealed).toBeLessThan(24);
    // Half-way, a task reads the same whichever layout it is in.
    expect(await Promise.all(tasks.map((t) => getTaskByKey(`mturk:${t.taskId}`)))).toEqual(before);

    const writer = new TaskWriter(() => 'UTC');
    const sealed = await writer.sealTimelines();
    expect(first.sealed + sealed).toBe(24);
    expect(await timelinesSealed()).toBe(true);
    for (const t of tasks) {
      const key = `mturk:${t.taskId}`;
      const stored = (await (await database()).get('tasks', key)) as Record<string, unknown>;
      if (t.status === 'open') {
        expect(stored).not.toHaveProperty('events');
        expect(await eventRecordsOf(key)).toHaveLength(150);
      } else {
        expect(stored.events).toEqual(t.events);
        expect(await eventRecordsOf(key)).toEqual([]);
      }
    }
    expect(await Promise.all(tasks.map((t) => getTaskByKey(`mturk:${t.taskId}`)))).toEqual(before);
    // Done once: the next start-up reads one record and seals nothing.
    expect(await writer.sealTimelines()).toBe(0);
  });

  it('lets a live change of a task land between batches, and seals what it closed', async () => {
    await plantOldLayout([task('A', 'open', 3), task('B', 'submitted', 3)]);
    const writer = new TaskWriter(() => 'UTC');
    const sealing = writer.sealTimelines();
    const outcome = { boot: 9, n: 1, type: 'outcome' as const, outcome: 'submitted' as const, at: stamp(T0 + 5 * MIN) };
    await writer.serial(() => writer.update('mturk:A', (old) => ({ ...old!, status: 'submitted', endedAt: T0 + 5 * MIN, events: [...old!.events, outcome] }), T0 + 5 * MIN));
    await sealing;
    expect(await eventRecordsOf('mturk:A')).toEqual([]);
    expect((await getTaskByKey('mturk:A'))?.events).toEqual([...task('A', 'open', 3).events, outcome]);
    expect((await getTaskByKey('mturk:B'))?.events).toEqual(task('B', 'submitted', 3).events);
  });
});
