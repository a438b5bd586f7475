/**
 * The IndexedDB half of the storage meter (storage-meter.ts): wraps the prototypes of the IDB classes that
 * fake-indexeddb installs globally, so that every caller (idb-keyval, the `idb` library, raw IDB) is seen.
 *
 * Cursor `continue`/`advance`/`continuePrimaryKey` are deliberately NOT wrapped: the `idb` library recognises
 * them by identity (`func === IDBCursor.prototype.continue`, cached on first use) to make them return a
 * promise, so a wrapper would break `await cursor.continue()`. Each cursor step fires `success` again on the
 * request that opened the cursor, so a listener on that request counts every step instead.
 */

/** What the IDB half reports; `bytes` follows the rule in storage-meter.ts. */
export interface IdbSink {
  /** A put/add/update (`deleted` false) or a delete/clear (`deleted` true) that committed. */
  write(store: string, key: unknown, bytes: number, deleted: boolean): void;
  /** Values returned (0 for a miss); `call` is 1 for a read call's first answer, 0 for a later cursor step. */
  read(store: string, records: number, call: 0 | 1): void;
}

type Method = (this: object, ...args: unknown[]) => unknown;
type Wrapper = (original: Method) => Method;

/** Approximate bytes of a key: a string's length, any other key (number, date, array) its JSON length. */
export function keyBytes(key: unknown): number {
  return typeof key === 'string' ? key.length : jsonBytes(key);
}

/** Length of the value's JSON (UTF-16 code units, i.e. bytes for ASCII); 0 for what JSON cannot say (BigInt, cycles). */
export function jsonBytes(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}

function idbClass(name: string): { prototype: object } {
  const found = (globalThis as Record<string, unknown>)[name] as { prototype: object } | undefined;
  if (!found) throw new Error(`storage meter: no global ${name} (import 'fake-indexeddb/auto' first)`);
  return found;
}

/** The object store behind a store, an index or a cursor. */
function storeName(source: unknown): string {
  const s = source as { name?: string; objectStore?: { name: string }; source?: unknown };
  if (s.objectStore) return s.objectStore.name;
  if (typeof s.name === 'string') return s.name;
  return s.source ? storeName(s.source) : '?';
}

/** Listeners must never throw: fake-indexeddb aborts the transaction when one does. */
function listen(target: EventTarget, type: string, run: () => void): void {
  target.addEventListener(type, () => {
    try {
      run();
    } catch (error) {
      console.warn('storage meter:', error);
    }
  });
}

/** Patches the IDB prototypes to report to `sink`; returns the function that restores them. */
export function patchIdb(sink: IdbSink): () => void {
  const restores: (() => void)[] = [];
  // Writes count when their transaction commits (an aborted one wrote nothing): per transaction, what to count.
  const pending = new WeakMap<object, (() => void)[]>();
  const atCommit = (request: IDBRequest, count: () => void) => {
    const tx = request.transaction;
    if (!tx) return count();
    let list = pending.get(tx);
    if (!list) {
      const queued: (() => void)[] = (list = []);
      pending.set(tx, queued);
      listen(tx, 'complete', () => queued.forEach((c) => c()));
      listen(tx, 'abort', () => (queued.length = 0));
    }
    list.push(count);
  };
  const patch = (cls: string, name: string, wrap: Wrapper) => {
    const proto = idbClass(cls).prototype;
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (!desc || typeof desc.value !== 'function') throw new Error(`storage meter: ${cls}.prototype.${name} is not a method`);
    Object.defineProperty(proto, name, { ...desc, value: wrap(desc.value as Method) });
    restores.push(() => Object.defineProperty(proto, name, desc));
  };
  /** Calls the original with the caller's arguments as given (some IDB methods look at how many there are). */
  const after = (then: (self: object, request: IDBRequest, args: unknown[]) => void): Wrapper => (original) =>
    function (this: object, ...args: unknown[]) {
      const request = original.apply(this, args) as IDBRequest;
      then(this, request, args);
      return request;
    };

  for (const name of ['put', 'add']) {
    patch('IDBObjectStore', name, after((store, request, [value]) => {
      const bytes = jsonBytes(value); // now: the value is cloned at the call
      // The request's result is the key (given, generated or in-line): known once the put succeeds.
      listen(request, 'success', () => atCommit(request, () => sink.write(storeName(store), request.result, bytes + keyBytes(request.result), false)));
    }));
  }
  patch('IDBObjectStore', 'delete', after((store, request, [query]) => {
    // A key range says nothing of how many records it removes: counted as one delete of no key bytes.
    const bytes = query instanceof (idbClass('IDBKeyRange') as unknown as typeof IDBKeyRange) ? 0 : keyBytes(query);
    listen(request, 'success', () => atCommit(request, () => sink.write(storeName(store), query, bytes, true)));
  }));
  patch('IDBObjectStore', 'clear', after((store, request) => {
    listen(request, 'success', () => atCommit(request, () => sink.write(storeName(store), undefined, 0, true)));
  }));
  patch('IDBCursor', 'update', after((cursor, request, [value]) => {
    const { primaryKey } = cursor as IDBCursor;
    const bytes = jsonBytes(value) + keyBytes(primaryKey);
    listen(request, 'success', () => atCommit(request, () => sink.write(storeName(cursor), primaryKey, bytes, false)));
  }));
  patch('IDBCursor', 'delete', after((cursor, request) => {
    const { primaryKey } = cursor as IDBCursor;
    listen(request, 'success', () => atCommit(request, () => sink.write(storeName(cursor), primaryKey, keyBytes(primaryKey), true)));
  }));

  // Reads: each value returned counts; a miss is a call that returned nothing; count() is one.
  const reads: [string, (result: unknown) => number][] = [
    ['get', (r) => (r === undefined ? 0 : 1)],
    ['getKey', (r) => (r === undefined ? 0 : 1)],
    ['getAll', (r) => (r as unknown[]).length],
    ['getAllKeys', (r) => (r as unknown[]).length],
    ['count', () => 1],
  ];
  for (const cls of ['IDBObjectStore', 'IDBIndex']) {
    for (const [name, records] of reads) {
      patch(cls, name, after((source, request) => listen(request, 'success', () => sink.read(storeName(source), records(request.result), 1))));
    }
    for (const name of ['openCursor', 'openKeyCursor']) {
      patch(cls, name, after((source, request) => {
        // Fires once per step (the same request is reused by continue/advance): each record reached is one read.
        let first = true;
        listen(request, 'success', () => {
          if (first || request.result) sink.read(storeName(source), request.result ? 1 : 0, first ? 1 : 0);
          first = false;
        });
      }));
    }
  }
  return () => {
    for (const restore of restores.reverse()) restore();
  };
}
