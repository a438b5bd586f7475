import { openDB } from 'idb';
import { createStore, entries, get, getMany, set, setMany, del, promisifyRequest } from 'idb-keyval';
import { afterEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { startMeter, type Meter } from '../../support/storage-meter';

// The meter's own test: a known sequence of operations gives exactly these counts (bytes: JSON length + key).

let meter: Meter | undefined;
afterEach(() => meter?.stop());

let dbs = 0;
/** A fresh database with an out-of-line store `s` and an in-line store `inline` (keyPath `id`, index `x`). */
function rawDb(): Promise<IDBDatabase> {
  const open = indexedDB.open(`meter-raw-${++dbs}`, 1);
  open.onupgradeneeded = () => {
    open.result.createObjectStore('s');
    open.result.createObjectStore('inline', { keyPath: 'id' }).createIndex('x', 'x');
  };
  return promisifyRequest(open);
}

describe('storage meter: IndexedDB', () => {
  it('counts writes and their bytes per store, when the transaction commits', async () => {
    const db = await rawDb();
    meter = startMeter();
    const tx = db.transaction(['s', 'inline'], 'readwrite');
    tx.objectStore('s').put({ a: 1 }, 'k1'); // {"a":1} 7 + k1 2 = 9
    tx.objectStore('s').add('hello', 'k22'); // "hello" 7 + k22 3 = 10
    tx.objectStore('s').put([1, 2], ['c', 3]); // [1,2] 5 + ["c",3] 7 = 12
    tx.objectStore('inline').put({ id: 7, x: 'b' }); // {"id":7,"x":"b"} 16 + in-line key 7 → 1 = 17
    tx.objectStore('s').delete('k1'); // 2
    tx.objectStore('s').delete(IDBKeyRange.bound('x', 'z')); // a range: one delete, no key bytes
    tx.objectStore('inline').clear(); // one delete
    expect(meter.report().totals.writes).toBe(0); // not committed yet
    await promisifyRequest(tx);
    const r = meter.report();
    expect(r.idb.s).toEqual({ writes: 3, bytesWritten: 9 + 10 + 12 + 2, deletes: 2, reads: 0, readCalls: 0 });
    expect(r.idb.inline).toEqual({ writes: 1, bytesWritten: 17, deletes: 1, reads: 0, readCalls: 0 });
    expect(r.totals).toMatchObject({ writes: 4, bytesWritten: 50, deletes: 3 });
  });

  it('counts nothing written by an aborted transaction, nor a failed add', async () => {
    const db = await rawDb();
    await promisifyRequest(db.transaction('s', 'readwrite').objectStore('s').put(1, 'taken'));
    meter = startMeter();
    const tx = db.transaction('s', 'readwrite');
    tx.objectStore('s').put('x', 'y');
    tx.abort();
    await promisifyRequest(tx).catch(() => {});
    const failing = db.transaction('s', 'readwrite');
    const add = failing.objectStore('s').add(2, 'taken');
    add.onerror = (e) => e.preventDefault();
    await promisifyRequest(failing).catch(() => {});
    expect(meter.report().totals).toEqual({ writes: 0, bytesWritten: 0, deletes: 0, reads: 0, readCalls: 0 });
  });

  it('counts each value returned, each cursor step, count() as one, and a miss as a call only', async () => {
    const db = await rawDb();
    const w = db.transaction(['s', 'inline'], 'readwrite');
    for (const k of ['a', 'b', 'c']) w.objectStore('s').put(k, k);
    for (const id of [1, 2]) w.objectStore('inline').put({ id, x: 'same' });
    await promisifyRequest(w);
    meter = startMeter();
    const tx = db.transaction(['s', 'inline'], 'readwrite');
    const s = tx.objectStore('s');
    const reqs: IDBRequest[] = [s.get('a'), s.get('missing'), s.getAll(), s.getAllKeys(), s.count(), s.getKey('b')];
    reqs.push(tx.objectStore('inline').index('x').getAll('same'), tx.objectStore('inline').index('x').count());
    await Promise.all(reqs.map(promisifyRequest));
    // 1 + 0 + 3 + 3 + 1 + 1 on `s`; 2 + 1 on `inline` through its index.
    expect(meter.report().idb.s).toMatchObject({ reads: 9, readCalls: 6 });
    expect(meter.report().idb.inline).toMatchObject({ reads: 3, readCalls: 2 });
    // A cursor over 3 records, updating one and deleting another on the way: 3 steps, 1 write, 1 delete.
    let steps = 0;
    await new Promise<void>((done) => {
      const cursor = s.openCursor();
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c) return done();
        if (steps === 0) c.update('AA'); // "AA" 4 + a 1
        if (steps === 1) c.delete(); // b 1
        steps++;
        c.continue();
      };
    });
    await promisifyRequest(tx);
    expect(meter.report().idb.s).toEqual({ writes: 1, bytesWritten: 6, deletes: 1, reads: 12, readCalls: 7 });
  });

  it('works through idb-keyval, grouping keys by prefix', async () => {
    const store = createStore('meter-keyval', 'records');
    meter = startMeter();
    await set('task:a', { events: [1, 2] }, store); // 16 + 6
    await setMany([['agg:x', 1], ['plain', 'v']], store); // 1 + 5, 3 + 5
    expect(await get('task:a', store)).toEqual({ events: [1, 2] });
    expect(await getMany(['task:a', 'nope'], store)).toHaveLength(2);
    expect(await entries(store)).toHaveLength(3); // getAllKeys and getAll: 3 + 3
    await del('plain', store);
    const r = meter.report();
    expect(r.idb.records).toEqual({ writes: 3, bytesWritten: 22 + 6 + 8 + 5, deletes: 1, reads: 1 + 1 + 6, readCalls: 5 });
    expect(r.groups).toEqual({
      'records task:': { writes: 1, bytesWritten: 22, deletes: 0 },
      'records agg:': { writes: 1, bytesWritten: 6, deletes: 0 },
      records: { writes: 1, bytesWritten: 13, deletes: 1 },
    });
  });

  it('works through the idb library, its cursors included, and stop() restores the prototypes', async () => {
    const put = IDBObjectStore.prototype.put;
    const db = await openDB('meter-idb', 1, { upgrade: (d) => void d.createObjectStore('events').createIndex('task', 'task') });
    meter = startMeter();
    expect(IDBObjectStore.prototype.put).not.toBe(put);
    await db.put('events', { task: 't', n: 1 }, ['t', 1]); // {"task":"t","n":1} 18 + ["t",1] 7
    await db.put('events', { task: 't', n: 2 }, ['t', 2]);
    const tx = db.transaction('events');
    let steps = 0;
    for (let c = await tx.store.index('task').openCursor('t'); c; c = await c.continue()) steps++;
    await tx.done;
    expect(steps).toBe(2);
    expect(await db.getAllFromIndex('events', 'task', 't')).toHaveLength(2);
    expect(meter.report().idb.events).toEqual({ writes: 2, bytesWritten: 50, deletes: 0, reads: 4, readCalls: 2 });
    meter.stop();
    expect(IDBObjectStore.prototype.put).toBe(put);
    // idb's cursors still advance once the originals are back.
    let after = 0;
    for (let c = await db.transaction('events').store.openCursor(); c; c = await c.continue()) after++;
    expect(after).toBe(2);
    expect(meter.report().idb.events!.reads).toBe(4);
    db.close();
  });

  it('runs one meter at a time', () => {
    meter = startMeter();
    expect(() => startMeter()).toThrow(/already running/);
  });
});

describe('storage meter: extension storage', () => {
  it('counts wxt storage items and browser.storage per area, with the same byte rule', async () => {
    const front = storage.defineItem<{ task: string } | null>('local:front', { fallback: null });
    await new Promise((resolve) => setTimeout(resolve, 0)); // wxt reads a new item once on its own
    meter = startMeter();
    await front.setValue({ task: 'mturk:1' }); // front 5 + {"task":"mturk:1"} 18
    await front.getValue();
    await browser.storage.session.set({ alive: true, tabs: { a: 1 } }); // 5 + 4, 4 + 7
    await browser.storage.session.get(['alive', 'gone']);
    await front.removeValue(); // 5
    const r = meter.report();
    expect(r.ext.local).toEqual({ writes: 1, bytesWritten: 28, deletes: 1, reads: 1, readCalls: 1 });
    expect(r.ext.session).toEqual({ writes: 2, bytesWritten: 20, deletes: 0, reads: 1, readCalls: 1 });
    expect(r.groups['local:front']).toEqual({ writes: 1, bytesWritten: 28, deletes: 1 });
    expect(r.totals).toMatchObject({ writes: 3, bytesWritten: 48, deletes: 1 });
    meter.stop();
    await front.setValue({ task: 'x' });
    expect(meter.report().totals.writes).toBe(3);
  });
});
