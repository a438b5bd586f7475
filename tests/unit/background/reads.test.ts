// Reads (the popup, the badge, the overlay) run beside the writer's queue: they must never write.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { clearHistory, getTaskByKey, getTasks } from '../../../lib/storage/history-db';
import { clearQuarantine, quarantineCount } from '../../../lib/storage/quarantine';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { plantTask, storedTask } from '../storage/raw-records';

const v1 = JSON.parse(readFileSync('tests/unit/storage/examples/task-record.v1.json', 'utf8'));
const v2: TaskRecord = JSON.parse(readFileSync('tests/unit/storage/examples/task-record.v2.json', 'utf8'));
const KEY = `mturk:${v2.taskId}`;
// What an older or broken build left, planted in the stores, and what is stored.
const stored = () => storedTask(KEY);
const WALL = v2.updatedAt + 60_000;

/** Reads started while other work runs, each one turn of the event loop (where IndexedDB answers) after the last. */
function readsDuring(count: number, read: () => Promise<unknown>): Promise<unknown[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      for (let k = 0; k < i; k++) await new Promise((r) => setImmediate(r));
      return read();
    }),
  );
}

describe('reads of the task history', () => {
  let writer: TaskWriter;
  beforeEach(async () => {
    await clearHistory();
    await clearQuarantine();
    writer = new TaskWriter(() => 'UTC');
  });

  it('upgrade an old record in memory and leave it stored as it was; the next change stores it upgraded', async () => {
    await plantTask(KEY, v1);
    expect(await getTaskByKey(KEY)).toMatchObject({ v: 2, status: 'open', events: [] });
    expect(await getTasks([KEY])).toHaveLength(1);
    await writer.serial(async () => {}); // anything a read asked of the writer is done
    expect(await stored()).toMatchObject({ v: 1, title: v1.title });
    expect(await stored()).not.toHaveProperty('status');
    await writer.serial(() => writer.update(KEY, (old) => ({ ...old!, title: 'Renamed' }), WALL));
    expect(await stored()).toMatchObject({ v: 2, title: 'Renamed', status: 'open' });
  });

  // The popup lists the open tasks while the tracker appends to one of them: ten records read at once, the last
  // one changed by the writer in the meantime.
  const keys = Array.from({ length: 10 }, (_, i) => `mturk:${v2.taskId.slice(0, -1)}${i}`);
  const last = keys.at(-1)!;
  const plant = (record: object) => Promise.all(keys.map((key) => plantTask(key, { ...record, taskId: key.slice(6) })));
  const storedLast = () => storedTask(last);

  it('never put an old record back over the newer one the writer stored meanwhile', async () => {
    for (let round = 1; round <= 3; round++) {
      await plant(v1);
      const title = `Renamed ${round}`;
      const write = writer.serial(() => writer.update(last, (old) => ({ ...old!, title }), WALL));
      await Promise.all([write, readsDuring(20, () => getTasks(keys)), readsDuring(20, () => getTaskByKey(last))]);
      expect(await storedLast()).toMatchObject({ v: 2, title });
    }
  });

  it('never delete the valid record the writer stored over an invalid one meanwhile; each invalid one is kept aside once', async () => {
    for (let round = 1; round <= 3; round++) {
      await plant({ ...v2, reward: { minor: 0.5, currency: 'USD' } });
      const title = `Seen again ${round}`;
      // The task page is seen again: the writer stores a fresh record in place of the unreadable one.
      const write = writer.serial(() => writer.update(last, (old) => ({ ...(old ?? { ...v2, taskId: last.slice(6) }), title }), WALL));
      await Promise.all([write, readsDuring(20, () => getTasks(keys)), readsDuring(20, () => getTaskByKey(last))]);
      await writer.serial(async () => {});
      expect(await storedLast()).toMatchObject({ v: 2, title });
      expect(await quarantineCount()).toBe(10 * round);
      expect(await getTasks(keys)).toHaveLength(1);
    }
  });
});
