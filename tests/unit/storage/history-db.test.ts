import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { allTasks, clearHistory, getTask, onInvalidRecord, taskKey } from '../../../lib/storage/history-db';
import { clearQuarantine, quarantineCount } from '../../../lib/storage/quarantine';
import type { TaskRecord } from '../../../lib/storage/schemas';

const example: TaskRecord = JSON.parse(readFileSync('tests/unit/storage/examples/task-record.v2.json', 'utf8'));
import { plantTask, storedTask } from './raw-records';

/** Stores a task through a writer, as the background does; then no writer listens to reads (as in a page). */
async function putTask(record: TaskRecord): Promise<void> {
  await new TaskWriter(() => 'UTC').update(taskKey(record.platform, record.taskId), () => record, record.updatedAt);
  onInvalidRecord(() => {});
}

describe('history database', () => {
  beforeEach(async () => {
    await clearHistory();
    await clearQuarantine();
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // "kept aside invalid …"
  });

  it('stores one record per key and reads it back', async () => {
    await putTask(example);
    await putTask({ ...example, taskId: 'OTHER', title: 'Second' });
    expect(await getTask('mturk', example.taskId)).toEqual(example);
    expect((await allTasks()).map((t) => t.title).sort()).toEqual(['Label the objects in 10 street images', 'Second']);
  });

  it('reads an invalid record as absent; the writer, not the read, moves it to quarantine, once', async () => {
    await putTask(example);
    const broken = { ...example, taskId: 'BROKEN', reward: { minor: 0.5, currency: 'USD' } };
    await plantTask(taskKey('mturk', 'BROKEN'), broken);
    expect(await getTask('mturk', 'BROKEN')).toBeUndefined();
    expect(await allTasks()).toEqual([example]);
    // A read writes nothing: the record is still there until a writer sets it aside.
    expect(await storedTask(taskKey('mturk', 'BROKEN'))).toMatchObject({ reward: broken.reward });
    expect(await quarantineCount()).toBe(0);
    const writer = new TaskWriter(() => 'UTC');
    await allTasks();
    await getTask('mturk', 'BROKEN');
    await writer.serial(async () => {});
    expect(await quarantineCount()).toBe(1);
    expect(await storedTask(taskKey('mturk', 'BROKEN'))).toBeUndefined();
    // Read once more: it is not quarantined twice.
    await allTasks();
    await writer.serial(async () => {});
    expect(await quarantineCount()).toBe(1);
  });

  it('keeps a record written by a newer version aside rather than misreading it', async () => {
    const writer = new TaskWriter(() => 'UTC');
    await plantTask(taskKey('mturk', 'FUTURE'), { ...example, taskId: 'FUTURE', v: 99 });
    expect(await allTasks()).toEqual([]);
    await writer.serial(async () => {});
    expect(await quarantineCount()).toBe(1);
  });
});
