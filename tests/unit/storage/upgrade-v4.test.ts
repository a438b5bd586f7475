// @vitest-environment node
// Database version 4 (issue 18 item 4): a closed task's timeline moves into its record. Its own file: the
// upgrade needs a database that no earlier test of the file has opened at version 4.
import { describe, expect, it } from 'vitest';
import type { Stamp } from '../../../lib/domain/task-timer';
import { database, DB_NAME } from '../../../lib/storage/database';
import { getTaskByKey } from '../../../lib/storage/history-db';
import type { TaskRecord } from '../../../lib/storage/schemas';

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

describe('the version 3 → 4 upgrade', () => {
  it("moves each closed task's event records into its record and leaves open tasks' as they are", async () => {
    // A version 3 database as the previous Centime left it (only the stores this upgrade and the reads touch,
    // with the indexes version 4 expects).
    const v3 = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(`${DB_NAME}`, 3);
      open.onupgradeneeded = () => {
        const db = open.result;
        for (const name of ['records', 'tasks', 'events', 'stretches', 'bonuses', 'readings', 'days', 'pending']) db.createObjectStore(name);
        db.createObjectStore('approvals').createIndex('requester', ['requesterId', 'at']);
        const dayIndex = db.createObjectStore('dayIndex');
        dayIndex.createIndex('task', 'taskKey');
        dayIndex.createIndex('end', 'end');
        const rows = db.createObjectStore('rows');
        for (const index of ['day', 'status']) rows.createIndex(index, index);
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const closed = task('C', 'submitted', [
      { boot: 1, n: 1, type: 'front', at: stamp(T0) },
      { boot: 2, n: 1, type: 'idle', at: stamp(T0 + MIN) },
      { boot: 2, n: 2, type: 'outcome', outcome: 'submitted', at: stamp(T0 + 2 * MIN) },
    ]);
    const open = task('D', 'open', [{ boot: 1, n: 1, type: 'front', at: stamp(T0) }]);
    await new Promise<void>((resolve, reject) => {
      const tx = v3.transaction(['tasks', 'events'], 'readwrite');
      for (const t of [closed, open]) {
        const key = `mturk:${t.taskId}`;
        const { events, activeMs: _a, idleMs: _i, updatedAt: _u, ...header } = t;
        tx.objectStore('tasks').put(header, key);
        // Written in reverse: the upgrade keeps the key order [task, boot, n].
        for (const e of [...events].reverse()) tx.objectStore('events').put({ ...e, task: key }, [key, e.boot, e.n]);
      }
      tx.objectStore('events').put({ boot: 1, n: 1, type: 'front', at: stamp(T0), task: 'mturk:gone' }, ['mturk:gone', 1, 1]);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    v3.close();

    expect((await database()).version).toBe(4);
    const c = await stored('mturk:C');
    expect(c.record.events).toEqual(closed.events);
    expect(c.eventRecords).toEqual([]);
    const d = await stored('mturk:D');
    expect(d.record).not.toHaveProperty('events');
    expect(d.eventRecords).toEqual([{ ...open.events[0], task: 'mturk:D' }]);
    expect((await getTaskByKey('mturk:C'))?.events).toEqual(closed.events);
    expect((await getTaskByKey('mturk:D'))?.events).toEqual(open.events);
  });
});
