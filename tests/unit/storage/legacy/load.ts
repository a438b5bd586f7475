import { readdirSync, readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LegacyDump } from './dump';

/**
 * Puts a version-1 dump (README.md here) back into fake IndexedDB and extension storage, as a previous Centime
 * left them, for a test to start a background on. Tests run from the repository root.
 */

export const LEGACY_DIR = 'tests/unit/storage/legacy/';

/** The dumps made by the background (`v1-<name>.json`, not the hand-written older shapes). */
export const legacyDumpNames = (): string[] =>
  readdirSync(LEGACY_DIR)
    .flatMap((file) => /^v1-(.+)\.json$/.exec(file)?.[1] ?? [])
    .filter((name) => name !== 'older-shapes')
    .sort();

export const readLegacyDump = (name: string): LegacyDump => JSON.parse(readFileSync(`${LEGACY_DIR}v1-${name}.json`, 'utf8')) as LegacyDump;

/**
 * Writes the dump's records into IndexedDB `centime` / `records` and its quarantine into `centime-quarantine` /
 * `entries` (each store emptied first), and its `browser.storage.local` into the fake browser. The stores are
 * written as idb-keyval writes them (out-of-line string keys) through a connection closed at once, so a newer
 * Centime can open and upgrade the database right after. Returns the dump: the figures the background and the
 * oracle gave at `now` in `zone`, and the browser state (`restoreBrowser` in legacy-background.ts).
 */
export async function loadLegacyDump(name: string): Promise<LegacyDump> {
  const dump = readLegacyDump(name);
  await writeStore('centime', 'records', dump.records);
  await writeStore('centime-quarantine', 'entries', dump.quarantine);
  await fakeBrowser.storage.local.clear();
  await fakeBrowser.storage.local.set(structuredClone(dump.storage));
  return dump;
}

/** Empties `store` of database `name` (made at version 1 if absent, as idb-keyval makes it) and puts `pairs`. */
export async function writeStore(name: string, store: string, pairs: [string, unknown][]): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onupgradeneeded = () => request.result.createObjectStore(store);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      const s = tx.objectStore(store);
      s.clear();
      for (const [key, value] of pairs) s.put(structuredClone(value), key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}
