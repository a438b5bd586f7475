import { get, getMany } from 'idb-keyval';
import { DAY_MS, medianDelay } from '../domain/ledger';
import { applyEdits } from '../domain/apply-edits';
import { database, del, kv, put, type Op } from './database';
import { DELAYS_KEPT, delaysKey, withDelays, type Approval, type DelaySample, type LegacyDelays } from './ledger-db';
import { getRows } from './rows-db';
import type { TaskRecord } from './schemas';

/**
 * Whose approval delays a dated approval is one of (the `delays:` and `medians:` records, the popup's expected
 * payment dates). The approvals store keeps what was recorded when the platform approved; the delay follows the
 * task as its corrections make it, as the history's figures do (history-figures-load.ts): a task the worker
 * deleted is in no delay, and a task whose requester was corrected tells how fast the corrected one pays.
 */
export interface DelayView {
  deleted?: boolean;
  requesterId?: string;
}

/** A task's view for its delays (its row carries the same two fields). */
export function delayViewOf(task: TaskRecord): DelayView {
  const { task: view, deleted } = applyEdits(task);
  return { ...(deleted ? { deleted: true } : {}), ...(view.requesterId ? { requesterId: view.requesterId } : {}) };
}

export const sameDelayView = (a: DelayView, b: DelayView): boolean => !a.deleted === !b.deleted && a.requesterId === b.requesterId;

/**
 * The requester whose delays an approval's delay is one of: only a timed reward's approval has one; a task no
 * longer stored (set aside: no view) keeps the requester recorded, as the figures do.
 */
export function delayRequester(a: Approval, view: DelayView | undefined): string | undefined {
  if (!a.requesterId || a.submittedAt === undefined) return undefined;
  if (!view) return a.requesterId;
  return view.deleted ? undefined : view.requesterId;
}

/** The delays a requester's median is of: version 1's first, then the derived samples, the last `DELAYS_KEPT`. */
export const delaysOf = (samples: readonly DelaySample[], legacy: LegacyDelays | undefined): number[] =>
  [...(legacy?.delays ?? []), ...samples.map((d) => d.ms)].slice(-DELAYS_KEPT);

/** A requester's latest approval among its delays (samples are in time order). */
export const lastDelayAt = (samples: readonly DelaySample[], legacy: LegacyDelays | undefined): number =>
  Math.max(legacy?.at ?? 0, samples.at(-1)?.at ?? 0);

/** A platform's medians from every requester's samples and version 1's delays. */
export function mediansOf(samples: ReadonlyMap<string, readonly DelaySample[]>, legacy: Record<string, LegacyDelays>): Medians {
  let medians: Medians = {};
  for (const id of new Set([...samples.keys(), ...Object.keys(legacy)])) {
    const mine = samples.get(id) ?? [];
    medians = withMedian(medians, id, delaysOf(mine, legacy[id]), lastDelayAt(mine, legacy[id]));
  }
  return medians;
}

/** Each requester's samples (`withDelays`) from a platform's approvals, each task read as `viewOf` gives it. */
export function samplesOf(approvals: readonly Approval[], viewOf: (task: string | undefined) => DelayView | undefined): Map<string, DelaySample[]> {
  const byRequester = new Map<string, Approval[]>();
  for (const a of approvals) {
    const id = delayRequester(a, viewOf(a.task));
    if (!id) continue;
    const list = byRequester.get(id);
    if (list) list.push(a);
    else byRequester.set(id, [a]);
  }
  return new Map([...byRequester].map(([id, list]) => [id, withDelays([], list)]));
}

/**
 * The views of the tasks whose approvals carry a delay, from their rows (a task with no row: none). `known`: rows
 * the caller has just written (an import's), taken as they are instead of read back.
 */
export async function delayViewsFromRows(approvals: readonly Approval[], known?: ReadonlyMap<string, DelayView>): Promise<Map<string, DelayView>> {
  const views = new Map<string, DelayView>();
  const missing: string[] = [];
  for (const a of approvals) {
    if (a.task === undefined || !a.requesterId || a.submittedAt === undefined || views.has(a.task)) continue;
    const view = known?.get(a.task);
    if (view) views.set(a.task, view);
    else missing.push(a.task);
  }
  for (const row of await getRows([...new Set(missing)], { scan: true })) views.set(row.key, row);
  return views;
}

/**
 * One requester's samples on a platform, from the platform's approvals, `key`'s task read as `view` (its row is
 * not written yet) and every other task as its row says: the rows of that requester (the `requesterEnded` index
 * holds the corrected requester), and those recorded under it whose row is elsewhere or gone.
 */
export async function requesterSamples(platform: string, approvals: readonly Approval[], requesterId: string, key: string, view: DelayView): Promise<DelaySample[]> {
  const mine = await (await database()).getAllFromIndex('rows', 'requesterEnded', IDBKeyRange.bound([requesterId, -Infinity], [requesterId, Infinity]));
  const views = new Map<string, DelayView>((mine as { key: string; platform: string; deleted?: boolean; requesterId?: string }[]).filter((r) => r.platform === platform).map((r) => [r.key, r]));
  const recorded = approvals.flatMap((a) => (a.requesterId === requesterId && a.task !== undefined && a.task !== key && !views.has(a.task) ? [a.task] : []));
  for (const row of await getRows([...new Set(recorded)])) views.set(row.key, row);
  views.set(key, view);
  return samplesOf(approvals, (task) => (task === undefined ? undefined : views.get(task))).get(requesterId) ?? [];
}

/** Every requester's stored samples on a platform (`delays:<platform>:`), by requester. */
export async function storedSamples(platform: string): Promise<Map<string, DelaySample[]>> {
  const prefix = delaysKey(platform, '');
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  const tx = (await database()).transaction('records');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
  return new Map(keys.map((k, i) => [String(k).slice(prefix.length), values[i] as DelaySample[]]));
}

/** One requester's stored samples. */
export async function getSamples(platform: string, requesterId: string): Promise<DelaySample[]> {
  return ((await get(delaysKey(platform, requesterId), kv())) as DelaySample[] | undefined) ?? [];
}

/** Per requester of a platform: the median of its last approval delays (of at least 3), and its last approval. */
export type Medians = Record<string, { median: number; at: number }>;
/** Requesters with no approval within this long of the platform's latest are left out (the record stays small). */
const MEDIANS_KEPT_MS = 365 * DAY_MS;
const mediansKey = (platform: string) => `medians:${platform}`;

export async function getMedians(platforms: string[]): Promise<Record<string, Medians>> {
  const values = await getMany(platforms.map(mediansKey), kv());
  return Object.fromEntries(platforms.map((p, i) => [p, (values[i] as Medians | undefined) ?? {}]));
}

/** The medians with one requester's delays (`at`: its latest approval), those long silent left out. */
export function withMedian(medians: Medians, requesterId: string, delays: readonly number[], at: number): Medians {
  const next: Medians = { ...medians };
  const median = medianDelay(delays);
  if (median === null) delete next[requesterId];
  else next[requesterId] = { median, at };
  const latest = Math.max(...Object.values(next).map((m) => m.at), 0);
  for (const [id, m] of Object.entries(next)) if (m.at <= latest - MEDIANS_KEPT_MS) delete next[id];
  return Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
}

export const mediansOp = (platform: string, medians: Medians): Op =>
  Object.keys(medians).length ? put('records', mediansKey(platform), medians) : del('records', mediansKey(platform));
