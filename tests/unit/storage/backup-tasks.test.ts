import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { backupFileParts } from '../../../lib/pages/data-io';
import { primaryData } from '../../../lib/storage/backup-read';
import { readBackupTasks, splitTaskKeys, type BackupTaskChunk } from '../../../lib/storage/backup-tasks';
import { database } from '../../../lib/storage/database';
import { clearHistory } from '../../../lib/storage/history-db';
import { seedFake } from '../../seed/seed-fake';
import { countRequests } from './count-requests';
import v1Example from './examples/task-record.v1.json';
import { eventKey } from '../../../lib/storage/task-store';
import { plantTask } from './raw-records';

// Issue 18 item 4: the backup reads its tasks with a reader of its own (no rows, no replay, the next chunk asked
// while the current one is written). It must give exactly what the general reader gave (`primaryData`, through
// `readTasksInChunks` and `backupTask`): the same tasks, same keys in the same order, for any chunk size.

const seed = { tasks: 300, now: Date.UTC(2026, 10, 27, 14), timeZone: 'UTC' };

async function readAll(size: number): Promise<BackupTaskChunk[]> {
  const chunks: BackupTaskChunk[] = [];
  await readBackupTasks((chunk) => void chunks.push(chunk), size);
  return chunks;
}

describe("the backup's own task reader", () => {
  beforeAll(async () => {
    await clearHistory();
    await seedFake(seed);
    // An old record (version 1), upgraded on the way as every read does.
    await plantTask('mturk:OLDV1', { ...v1Example, platform: 'mturk', taskId: 'OLDV1' });
    // An open task, whose events are records of their own, and a closed one that a broken write left with both.
    const [seeded] = (await primaryData()).tasks;
    const { endedAt: _e, countedDay: _c, ...open } = seeded!;
    await plantTask('mturk:OPEN1', { ...open, taskId: 'OPEN1', status: 'open' });
    await plantTask('mturk:BOTH1', { ...seeded!, taskId: 'BOTH1' });
    const late = { ...seeded!.events.at(-1)!, n: seeded!.events.at(-1)!.n + 1, type: 'not-front', task: 'mturk:BOTH1' };
    await (await database()).put('events', late, eventKey('mturk:BOTH1', late as never) as never);
  }, 60_000);
  afterEach(() => vi.restoreAllMocks());

  it('gives the same tasks, as the same text, as the general reader, whatever the chunk', async () => {
    const expected = JSON.stringify((await primaryData()).tasks);
    // Open tasks keep their events as records of their own: the reader must join them.
    expect(await (await database()).count('events')).toBeGreaterThan(1);
    expect(expected).toContain('"taskId":"BOTH1"');
    expect(JSON.parse(expected)).toHaveLength(seed.tasks + 3);
    for (const size of [1, 7, 64, 303, 1000]) {
      const chunks = await readAll(size);
      expect(JSON.stringify(chunks.flatMap((c) => c.tasks))).toBe(expected);
      expect(chunks.map((c) => c.done)).toEqual(chunks.map((_, i) => Math.min((i + 1) * size, seed.tasks + 3)));
      expect(chunks.every((c) => c.total === seed.tasks + 3 && c.invalid.length === 0)).toBe(true);
    }
  });

  it('splits the keys in spans of about equal counts that cover every task once, in key order', async () => {
    const whole = (await readAll(1000)).flatMap((c) => c.tasks);
    for (const parts of [2, 3, 7, 303]) {
      const { spans, total } = await splitTaskKeys(parts);
      expect(total).toBe(seed.tasks + 3);
      expect(spans).toHaveLength(parts);
      const read: BackupTaskChunk[][] = [];
      for (const span of spans) {
        const chunks: BackupTaskChunk[] = [];
        // A span may end on a chunk's last key (101 = 303 / 3): nothing is read after it.
        await readBackupTasks((chunk) => void chunks.push(chunk), parts === 3 ? 101 : 50, span);
        read.push(chunks);
      }
      expect(read.flat().flatMap((c) => c.tasks)).toEqual(whole);
      const counts = read.map((chunks) => chunks.reduce((n, c) => n + c.tasks.length, 0));
      const step = Math.floor(total / parts);
      expect(counts.slice(0, -1).every((n) => n === step)).toBe(true);
      expect(counts.at(-1)).toBe(total - step * (parts - 1));
    }
    expect((await splitTaskKeys(1000)).spans).toEqual([{}]);
  });

  it('asks a few requests per chunk and never reads the rows', async () => {
    const counts = await countRequests(() => readAll(100));
    expect(Object.keys(counts).some((k) => k.startsWith('rows.'))).toBe(false);
    // 303 tasks by 100: four chunks of four requests (keys and records of tasks and events), a last empty read
    // of two (none: 303 is no multiple of 100), and the count.
    const all = Object.values(counts).reduce((n, c) => n + c, 0);
    // The archive (empty here): its counts record, and one read of its parts (keys and records).
    expect(all).toBeLessThanOrEqual(4 * 4 + 2 + 1 + 3);
  });

  it('leaves out a task that fails validation, and counts it for the page to say, keeping every other', async () => {
    const expected = (await primaryData()).tasks;
    await plantTask('mturk:BROKEN', { ...v1Example, v: 2, platform: 'mturk', taskId: 'BROKEN', reward: 'a lot', status: 'submitted', external: false, events: [] });
    const chunks = await readAll(64);
    expect(chunks.flatMap((c) => c.invalid)).toEqual(['mturk:BROKEN']);
    expect(JSON.stringify(chunks.flatMap((c) => c.tasks))).toBe(JSON.stringify(expected));
    const file = await backupFileParts(seed.now);
    expect(file.leftOut).toBe(1);
    const text = await new Blob(file.parts).text();
    expect((JSON.parse(text) as { tasks: unknown[] }).tasks).toHaveLength(expected.length);
    await (await database()).delete('tasks', 'mturk:BROKEN');
  });
});
