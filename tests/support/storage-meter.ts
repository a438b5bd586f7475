import { fakeBrowser } from 'wxt/testing/fake-browser';
import { jsonBytes, keyBytes, patchIdb } from './storage-meter-idb';

/**
 * Storage traffic in unit tests: what IndexedDB (fake-indexeddb, per object store) and extension storage
 * (wxt's fakeBrowser, per area) were asked to write and what they returned.
 *
 * Bytes are APPROXIMATE: a record written counts the length of `JSON.stringify(value)` plus the key's length
 * (a string key as is, any other key as JSON); a delete counts its key. That is Chrome's own rule for
 * extension storage quotas, and for IndexedDB it is the payload, not the disk: Chromium stores V8-serialised,
 * compressed values in LevelDB and rewrites them on compaction. Lengths are UTF-16 code units (= bytes for
 * ASCII text). A write counts when its transaction commits (an aborted transaction wrote nothing).
 *
 * Reads count each value returned: a get that finds its record is one, getAll/getAllKeys one per element,
 * each cursor step one, count() one. `readCalls` counts the calls themselves (a miss is a call with no read).
 */
export interface Traffic {
  /** Records put, added or updated. */
  writes: number;
  /** Approximate bytes of those records and of the keys deleted (see above). */
  bytesWritten: number;
  /** Deletes (a key, a key range, or a whole clear, each one). */
  deletes: number;
  reads: number;
  readCalls: number;
}

export interface MeterReport {
  /** Per IndexedDB object store (by store name, whatever the database). */
  idb: Record<string, Traffic>;
  /** Per extension storage area: local, session, sync. */
  ext: Record<string, Traffic>;
  /**
   * Writes by finer group: `<store> <prefix>:` for string keys of IndexedDB with a `prefix:` (idb-keyval's
   * `task:…`), `<store>` for other keys; `<area>:<key>` for extension storage (wxt's own key names).
   */
  groups: Record<string, Pick<Traffic, 'writes' | 'bytesWritten' | 'deletes'>>;
  totals: Traffic;
}

export interface Meter {
  /** Stops counting and restores what was wrapped (writes already under way still land in the count). */
  stop(): void;
  /** A copy of the counts so far. */
  report(): MeterReport;
}

const AREAS = ['local', 'session', 'sync'] as const;
const empty = (): Traffic => ({ writes: 0, bytesWritten: 0, deletes: 0, reads: 0, readCalls: 0 });
let running = false;

/** Starts counting (one meter at a time); call `stop()` in a `finally` or `afterEach`. */
export function startMeter(): Meter {
  if (running) throw new Error('storage meter: one is already running');
  running = true;
  const report: MeterReport = { idb: {}, ext: {}, groups: {}, totals: empty() };
  const entry = (kind: 'idb' | 'ext', name: string) => (report[kind][name] ??= empty());
  const write = (kind: 'idb' | 'ext', name: string, group: string, bytes: number, deleted: boolean) => {
    const g = (report.groups[group] ??= { writes: 0, bytesWritten: 0, deletes: 0 });
    for (const t of [entry(kind, name), report.totals, g]) {
      if (deleted) t.deletes++;
      else t.writes++;
      t.bytesWritten += bytes;
    }
  };
  const read = (kind: 'idb' | 'ext', name: string, records: number, calls: number) => {
    for (const t of [entry(kind, name), report.totals]) {
      t.reads += records;
      t.readCalls += calls;
    }
  };
  const restoreIdb = patchIdb({
    write: (store, key, bytes, deleted) => {
      const prefix = typeof key === 'string' ? /^([^:]+):/.exec(key)?.[1] : undefined;
      write('idb', store, prefix ? `${store} ${prefix}:` : store, bytes, deleted);
    },
    read: (store, records, call) => read('idb', store, records, call),
  });
  const restoreExt = AREAS.map((area) => wrapArea(area, write, read));
  return {
    stop() {
      if (!running) return;
      restoreIdb();
      for (const restore of restoreExt) restore();
      running = false;
    },
    report: () => structuredClone(report),
  };
}

type Area = Record<'get' | 'set' | 'remove' | 'clear', (...args: unknown[]) => Promise<unknown>>;

/** Wraps one fakeBrowser storage area (wxt's `storage` and `browser.storage` both go through it). */
function wrapArea(
  name: (typeof AREAS)[number],
  write: (kind: 'ext', area: string, group: string, bytes: number, deleted: boolean) => void,
  read: (kind: 'ext', area: string, records: number, calls: number) => void,
): () => void {
  const area = fakeBrowser.storage[name] as unknown as Area;
  const original = { get: area.get, set: area.set, remove: area.remove, clear: area.clear };
  const keys = (k: unknown) => (Array.isArray(k) ? (k as string[]) : [k as string]);
  area.set = async (items) => {
    await original.set.call(area, items);
    for (const [key, value] of Object.entries(items as Record<string, unknown>)) {
      if (value !== undefined) write('ext', name, `${name}:${key}`, key.length + jsonBytes(value), false);
    }
  };
  area.remove = async (k) => {
    await original.remove.call(area, k);
    for (const key of keys(k)) write('ext', name, `${name}:${key}`, keyBytes(key), true);
  };
  area.clear = async () => {
    await original.clear.call(area);
    write('ext', name, `${name}:*`, 0, true);
  };
  area.get = async (k) => {
    const result = (await original.get.call(area, k)) as Record<string, unknown>;
    read('ext', name, Object.values(result).filter((v) => v !== undefined).length, 1);
    return result;
  };
  return () => Object.assign(area, original);
}
