import { describe, expect, it, vi } from 'vitest';
import { database, DB_NAME, DB_VERSION } from '../../../lib/storage/database';

// Database version 4 deletes the indexes no reader needs, three of the rows' and the approvals' one (issue 18: each
// was one more entry written at every change of a task and at each record an import writes). A database of version
// 3 keeps its records.

const request = <T>(r: IDBRequest<T> | IDBOpenDBRequest): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result as T);
    r.onerror = () => reject(r.error);
  });

/** A database as version 3 left it: every store, the rows' seven indexes, one row and one task in it. */
async function versionThree(): Promise<void> {
  const open = indexedDB.open(DB_NAME, 3);
  open.onupgradeneeded = () => {
    const db = open.result;
    for (const name of ['records', 'tasks', 'events', 'stretches', 'bonuses', 'readings', 'days']) db.createObjectStore(name);
    db.createObjectStore('approvals').createIndex('requester', ['requesterId', 'at']);
    db.createObjectStore('pending').createIndex('submittedAt', 'submittedAt');
    const dayIndex = db.createObjectStore('dayIndex');
    dayIndex.createIndex('task', 'taskKey');
    dayIndex.createIndex('end', 'end');
    const rows = db.createObjectStore('rows');
    rows.createIndex('day', 'day');
    rows.createIndex('status', 'status');
    rows.createIndex('statusDay', ['status', 'day']);
    rows.createIndex('platform', ['platform', 'day']);
    rows.createIndex('requester', ['requester', 'day']);
    rows.createIndex('group', ['groupId', 'endedAt']);
    rows.createIndex('requesterEnded', ['requesterId', 'endedAt']);
    rows.put({ key: 'mturk:A1', platform: 'mturk', status: 'approved', day: '2026-11-02', requester: 'R1' }, 'mturk:A1');
    dayIndex.put({ start: 1_000, end: 2_000, platform: 'mturk', taskKey: 'mturk:A1' }, [1_000, 'mturk:A1']);
    open.transaction!.objectStore('records').put('kept', 'index:derived-version');
  };
  (await request<IDBDatabase>(open)).close();
}

describe('database version 4', () => {
  it('deletes the rows indexes statusDay, platform and requester and the approvals index of a version 3 database, and keeps its records', async () => {
    await request(indexedDB.deleteDatabase(DB_NAME));
    await versionThree();
    const db = await database();
    expect(DB_VERSION).toBe(7);
    expect(db.version).toBe(7);
    // Version 5 adds the archive's two stores, empty (lib/storage/archive.ts).
    expect(await db.count('archive')).toBe(0);
    expect(await db.count('archiveKeys')).toBe(0);
    // Version 7 adds the backup texts of parts and of months of packs (archive-keys.ts `PartText`, packs.ts
    // `MonthText`), empty.
    expect(await db.count('archiveText')).toBe(0);
    expect(await db.count('packText')).toBe(0);
    const rows = db.transaction('rows').store;
    expect([...rows.indexNames].sort()).toEqual(['day', 'group', 'requesterEnded', 'status']);
    expect(await db.getAllFromIndex('rows', 'status', 'approved')).toEqual([{ key: 'mturk:A1', platform: 'mturk', status: 'approved', day: '2026-11-02', requester: 'R1' }]);
    expect([...db.transaction('approvals').store.indexNames]).toEqual([]);
    // Version 6: the day index by the hour (lib/storage/day-hours.ts), with no index, emptied: its entries are
    // made again by the rebuild that the derived version kept here (not 6) asks at start-up.
    expect([...db.transaction('dayIndex').store.indexNames]).toEqual([]);
    expect(await db.count('dayIndex')).toBe(0);
    expect([...db.transaction('pending').store.indexNames]).toEqual(['submittedAt']);
    expect(await db.get('records', 'index:derived-version')).toBe('kept');
  });

  it('makes a new database with the same indexes', async () => {
    await request(indexedDB.deleteDatabase(DB_NAME));
    vi.resetModules();
    const fresh = await (await import('../../../lib/storage/database')).database();
    expect(fresh.version).toBe(7);
    expect([...fresh.objectStoreNames]).toEqual(expect.arrayContaining(['archive', 'archiveKeys', 'archiveText', 'packText']));
    expect([...fresh.transaction('rows').store.indexNames].sort()).toEqual(['day', 'group', 'requesterEnded', 'status']);
    expect([...fresh.transaction('approvals').store.indexNames]).toEqual([]);
    expect([...fresh.transaction('dayIndex').store.indexNames]).toEqual([]);
    fresh.close();
  });
});
