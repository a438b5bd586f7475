import { readFileSync } from 'node:fs';
import { set, createStore } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { allTasks, clearHistory, getTask, putTask, taskKey } from '../../../lib/storage/history-db';
import { clearQuarantine, quarantineCount } from '../../../lib/storage/quarantine';
import type { TaskRecord } from '../../../lib/storage/schemas';

const example: TaskRecord = JSON.parse(readFileSync('tests/unit/storage/examples/task-record.v2.json', 'utf8'));
// The same database the module opens, to plant what an older or broken build might have left.
const raw = createStore('centime', 'records');

describe('history database', () => {
  beforeEach(async () => {
    await clearHistory();
    await clearQuarantine();
  });

  it('stores one record per key and reads it back', async () => {
    await putTask(example);
    await putTask({ ...example, taskId: 'OTHER', title: 'Second' });
    expect(await getTask('mturk', example.taskId)).toEqual(example);
    expect((await allTasks()).map((t) => t.title).sort()).toEqual(['Label the objects in 10 street images', 'Second']);
  });

  it('moves an invalid record to quarantine instead of dropping it, and counts it', async () => {
    await putTask(example);
    const broken = { ...example, taskId: 'BROKEN', reward: { minor: 0.5, currency: 'USD' } };
    await set(`task:${taskKey('mturk', 'BROKEN')}`, broken, raw);
    expect(await getTask('mturk', 'BROKEN')).toBeUndefined();
    expect(await quarantineCount()).toBe(1);
    expect(await allTasks()).toEqual([example]);
    // Read once more: it is not quarantined twice.
    await allTasks();
    expect(await quarantineCount()).toBe(1);
  });

  it('keeps a record written by a newer version aside rather than misreading it', async () => {
    await set(`task:${taskKey('mturk', 'FUTURE')}`, { ...example, taskId: 'FUTURE', v: 99 }, raw);
    expect(await allTasks()).toEqual([]);
    expect(await quarantineCount()).toBe(1);
  });
});
