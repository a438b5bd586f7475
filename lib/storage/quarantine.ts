import { clear, createStore, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { SummaryStretch, SummaryTask } from '../domain/summary';

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

/** How many entries are kept aside (counted by the store: none is read). */
export function quarantineCount(): Promise<number> {
  return db()('readonly', (store) => promisifyRequest(store.count()));
}

/**
 * Rewrites the entries `change` answers for (with their new key; null leaves one as it is), in one transaction: the
 * old key goes, the new one is written. Answers how many changed.
 */
export function rewriteQuarantine(change: (key: string, entry: QuarantineEntry) => { key: string; entry: QuarantineEntry } | null): Promise<number> {
  return db()('readwrite', async (store) => {
    const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys()), promisifyRequest(store.getAll())]);
    let changed = 0;
    keys.forEach((key, i) => {
      const next = change(String(key), values[i] as QuarantineEntry);
      if (!next) return;
      store.delete(key);
      store.put(next.entry, next.key);
      changed++;
    });
    await promisifyRequest(store.transaction);
    return changed;
  });
}

/** Tests only. */
export async function clearQuarantine(): Promise<void> {
  await clear(db());
}

const STATUSES = ['open', 'submitted', 'approved', 'rejected', 'returned', 'expired'] as const;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isMoney = (v: unknown): v is { minor: number; currency: string } =>
  isObject(v) && Number.isSafeInteger(v.minor) && typeof v.currency === 'string' && v.currency.length > 0;
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * What an invalid task record still says about its day's totals, read leniently (it failed validation, so
 * each field is checked on its own): platform, status, end, day, times, reward, bonus, untimed, and the day it
 * was counted under (`countedDay`) when it has one. Null when one of them is missing or unreadable: then what
 * the record added to its day cannot be known, and the caller leaves the totals as they are.
 */
export function lenientTask(raw: unknown): SummaryTask | null {
  if (!isObject(raw) || typeof raw.platform !== 'string' || !raw.platform) return null;
  const status = STATUSES.find((s) => s === raw.status);
  if (!status) return null;
  // An open task is in no day's totals: nothing more is needed.
  if (status === 'open') return { platform: raw.platform, status, reward: null, activeMs: 0, idleMs: 0 };
  const { endedAt, activeMs, idleMs, reward, bonus, untimed, day, countedDay } = raw;
  if (!isMs(activeMs) || !isMs(idleMs) || (endedAt !== undefined && !isMs(endedAt))) return null;
  if ((reward !== null && !isMoney(reward)) || (bonus !== undefined && !isMoney(bonus))) return null;
  if ((day !== undefined && !isDay(day)) || (countedDay !== undefined && !isDay(countedDay))) return null;
  if (untimed !== undefined && typeof untimed !== 'boolean') return null;
  const countedOn = countedDay ?? day;
  return {
    platform: raw.platform, status, reward, activeMs, idleMs,
    ...(endedAt !== undefined ? { endedAt } : {}),
    ...(bonus !== undefined ? { bonus } : {}),
    ...(untimed !== undefined ? { untimed } : {}),
    // The day it was counted under decides which totals hold it (the same key the writer added it to).
    ...(countedOn !== undefined ? { day: countedOn } : {}),
  };
}

/** The same for an invalid platform-time stretch: its platform, start and length. */
export function lenientStretch(raw: unknown): SummaryStretch | null {
  if (!isObject(raw) || typeof raw.platform !== 'string' || !raw.platform || !isMs(raw.ms)) return null;
  if (!isObject(raw.start) || !isMs(raw.start.wall)) return null;
  return { platform: raw.platform, start: { wall: raw.start.wall }, ms: raw.ms, ...(isDay(raw.day) ? { day: raw.day } : {}) };
}
