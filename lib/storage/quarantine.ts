import { clear, createStore, keys, set, type UseStore } from 'idb-keyval';

/**
 * Stored data that fails validation is moved here, never dropped: a later version (or a person) can still
 * recover it. Its own database, so that counting it never walks the task history.
 * Only the background and extension pages import this (in a content script it would use the site's IndexedDB).
 */
let store: UseStore | undefined;
const db = () => (store ??= createStore('centime-quarantine', 'entries'));

export interface QuarantineEntry {
  /** Where it came from, e.g. `task:mturk:3ABC…` or `settings`. */
  source: string;
  reason: string;
  raw: unknown;
  at: number;
}

export async function quarantine(entry: QuarantineEntry): Promise<void> {
  const key = `${entry.source}@${entry.at}@${Math.random().toString(36).slice(2, 8)}`;
  console.warn(`Centime: kept aside invalid ${entry.source}: ${entry.reason}`);
  await set(key, entry, db());
}

export async function quarantineCount(): Promise<number> {
  return (await keys(db())).length;
}

/** Tests only. */
export async function clearQuarantine(): Promise<void> {
  await clear(db());
}
