import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { primaryData } from '../../../lib/storage/backup-read';
import { allTasks, clearHistory } from '../../../lib/storage/history-db';
import { readTasksInChunks } from '../../../lib/storage/task-chunks';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { seedFake } from '../../seed/seed-fake';
import { countRequests } from './count-requests';

// Issue 18 item 4 (bench:data): a backup read three IndexedDB requests per task (100,000 tasks: 300,000 requests,
// most of its 37 s in Chromium). It reads the stores a range at a time now, with the same tasks.

const seed = { tasks: 300, now: Date.UTC(2026, 10, 27, 14), timeZone: 'UTC' };

describe('reading every task store-wide, a range at a time', () => {
  beforeAll(async () => {
    await clearHistory();
    await seedFake(seed);
  }, 60_000);
  afterEach(() => vi.restoreAllMocks());

  it('gives the same tasks as reading them one by one, whatever the chunk', async () => {
    const expected = await allTasks();
    expect(expected).toHaveLength(seed.tasks);
    for (const chunk of [1, 7, 64, 300, 1000]) {
      const read: TaskRecord[] = [];
      const progress: number[] = [];
      const total = await readTasksInChunks((tasks, done, all) => {
        read.push(...tasks);
        progress.push(done);
        expect(all).toBe(seed.tasks);
      }, chunk);
      expect(total).toBe(seed.tasks);
      expect(read).toEqual(expected);
      expect(progress.at(-1)).toBe(seed.tasks);
    }
  });

  it("makes a backup's task reads a few requests per chunk, not three per task", async () => {
    let tasks = 0;
    const counts = await countRequests(async () => ({ tasks } = { tasks: (await primaryData()).tasks.length }));
    expect(tasks).toBe(seed.tasks);
    const onTasks = Object.entries(counts).filter(([k]) => /^(tasks|events|rows)\./.test(k)).reduce((n, [, c]) => n + c, 0);
    // 300 tasks in chunks of 500: one chunk, a count and six reads.
    expect(onTasks).toBeLessThanOrEqual(10);
  });
});
