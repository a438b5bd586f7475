import { get, getMany } from 'idb-keyval';
import { approvedAfterReading, DAY_MS, PACE_DAYS, type DashboardReading } from '../domain/ledger';
import type { Aggregates } from '../domain/summary';
import { del, kv, put, type Op } from './database';
import { allApprovals, approvalKey, compareApprovals, delaysKey, getApprovals, legacyDelays, withDelays, type Approval, type DelaySample } from './ledger-db';
import {
  delayRequester, delaysOf, getMedians, getSamples, lastDelayAt, mediansOf, mediansOp, requesterSamples, sameDelayView, storedSamples,
  withMedian, type DelayView, type Medians,
} from './delays';

export { getMedians, mediansOp, withMedian, type Medians } from './delays';

/**
 * Balance summaries (derived, docs/storage.md): per platform, all the popup's balances need, in two small records
 * kept in step with the primary records in the same transaction, so that opening the popup reads no reading and
 * no approval, whatever the history:
 * - `summary:<platform>`: pending money per currency and day of submission, approved money per currency, the last
 *   dashboard reading (or recorded cash-out) per currency, and the dated approvals after it, summed;
 * - `recent:<platform>`: the dated approvals of the last `RECENT_DAYS` before the latest one (the pace);
 * - `delays:<requester>`: its last approval delays, and `medians:<platform>`: each requester's median delay (of at
 *   least 3), which is all the popup reads for the expected payment dates of its pending items; each task's delay
 *   as its corrections make it (delays.ts).
 */
export interface BalanceSummary {
  pending: Record<string, Record<string, number>>;
  /** Approved money as the platform says it: the days' `approved` less what was approved on the worker's word. */
  approved: Record<string, number>;
  lastReading?: Record<string, DashboardReading>;
  /** Per currency with a reading: the dated approvals after it (`approvedAfterReading`), summed. */
  afterReading?: Record<string, number>;
  /** How many pending items the platform has (counting the index would read every one). */
  pendingItems?: number;
}

/** Approvals kept for the pace: those within this many days of the latest (a function of the records alone). */
export const RECENT_DAYS = PACE_DAYS + 1;

const summaryKey = (platform: string) => `summary:${platform}`;
const recentKey = (platform: string) => `recent:${platform}`;
export const emptySummary = (): BalanceSummary => ({ pending: {}, approved: {} });

export async function getSummaries(platforms: string[]): Promise<Record<string, BalanceSummary>> {
  const values = await getMany(platforms.map(summaryKey), kv());
  const result: Record<string, BalanceSummary> = {};
  platforms.forEach((p, i) => (result[p] = (values[i] as BalanceSummary | undefined) ?? emptySummary()));
  return result;
}

/** The dated approvals of each platform's last weeks (`recent:`), by platform. */
export async function getRecentApprovals(platforms: string[]): Promise<Record<string, Approval[]>> {
  const values = await getMany(platforms.map(recentKey), kv());
  return Object.fromEntries(platforms.map((p, i) => [p, Array.isArray(values[i]) ? (values[i] as Approval[]) : []]));
}

/**
 * Folds a change of daily totals (`before` → `after`, for the keys given) into the summaries, in place: a day's
 * pending money is what its totals say; approved money moves by the difference.
 */
export function foldTotals(summaries: Record<string, BalanceSummary>, keys: Iterable<string>, before: Aggregates, after: Aggregates): void {
  for (const key of keys) {
    const [day, platform] = key.split('|') as [string, string];
    const s = (summaries[platform] ??= emptySummary());
    const b = before[key];
    const a = after[key];
    for (const currency of new Set([...Object.keys(b?.pending ?? {}), ...Object.keys(a?.pending ?? {})])) {
      const byDay = (s.pending[currency] ??= {});
      const minor = a?.pending[currency] ?? 0;
      if (minor) byDay[day] = minor;
      else delete byDay[day];
      if (Object.keys(byDay).length === 0) delete s.pending[currency];
    }
    // Money approved on the worker's word has no approval date: never withdrawable, so not in `approved` here.
    const dated = (t: typeof a, currency: string) => (t?.approved[currency] ?? 0) - (t?.approvedUndated?.[currency] ?? 0);
    for (const currency of new Set([...Object.keys(b?.approved ?? {}), ...Object.keys(a?.approved ?? {})])) {
      const minor = (s.approved[currency] ?? 0) + dated(a, currency) - dated(b, currency);
      if (minor) s.approved[currency] = minor;
      else delete s.approved[currency];
    }
  }
}

/** A reading joins the summary when it is the latest in its currency; `after` are the approvals already after it. */
export function foldReading(s: BalanceSummary, reading: DashboardReading, after: readonly Approval[]): void {
  const { currency } = reading.available;
  const last = s.lastReading?.[currency];
  // Two readings in one millisecond (a refresh and an open dashboard): the larger amount stands, as the readings'
  // keys order them, so that a rebuild (which reads them in key order) keeps the one the writer kept.
  if (last && (last.at > reading.at || (last.at === reading.at && last.available.minor > reading.available.minor))) return;
  (s.lastReading ??= {})[currency] = reading;
  (s.afterReading ??= {})[currency] = after.reduce((sum, a) => (a.currency === currency && approvedAfterReading(a, reading.at) ? sum + a.minor : sum), 0);
}

/** One pending item more (1) or less (-1). */
export function countPending(s: BalanceSummary, change: 1 | -1): void {
  const n = (s.pendingItems ?? 0) + change;
  if (n > 0) s.pendingItems = n;
  else delete s.pendingItems;
}

/** A dated approval joins the sum after its currency's last reading, when it came after it. */
export function foldApproval(s: BalanceSummary, a: Approval): void {
  const last = s.lastReading?.[a.currency];
  if (last && approvedAfterReading(a, last.at)) (s.afterReading ??= {})[a.currency] = (s.afterReading?.[a.currency] ?? 0) + a.minor;
}

/** The recent approvals with `added`: in time order, those within `RECENT_DAYS` of the latest kept. */
export function withRecent(list: readonly Approval[], added: readonly Approval[]): Approval[] {
  const all = [...list, ...added].sort(compareApprovals);
  const latest = all.at(-1)?.at ?? 0;
  return all.filter((a) => a.at > latest - RECENT_DAYS * DAY_MS);
}

/** A summary with nothing in it is no record at all (as a rebuild leaves it). */
export function summaryOp(platform: string, summary: BalanceSummary): Op {
  const empty = Object.keys(summary.pending).length === 0 && Object.keys(summary.approved).length === 0 && !summary.lastReading && !summary.pendingItems;
  return empty ? del('records', summaryKey(platform)) : put('records', summaryKey(platform), summary);
}

export const recentOp = (platform: string, list: readonly Approval[]): Op =>
  list.length ? put('records', recentKey(platform), list) : del('records', recentKey(platform));

/**
 * The summaries and recent approvals one change moves: read once, changed in memory by each part of the change,
 * written once (only those that changed).
 */
export class SummaryEdit {
  private readonly summaries = new Map<string, { value: BalanceSummary; was: string }>();
  private readonly recents = new Map<string, { value: Approval[]; was: string }>();
  private readonly delays = new Map<string, { value: DelaySample[]; was: string }>();
  private readonly medians = new Map<string, { value: Medians; was: string }>();

  async summary(platform: string): Promise<BalanceSummary> {
    let entry = this.summaries.get(platform);
    if (!entry) {
      const value = ((await get(summaryKey(platform), kv())) as BalanceSummary | undefined) ?? emptySummary();
      entry = { value, was: JSON.stringify(value) };
      this.summaries.set(platform, entry);
    }
    return entry.value;
  }

  async addRecent(platform: string, approvals: readonly Approval[]): Promise<void> {
    const entry = await this.recent(platform);
    entry.value = withRecent(entry.value, approvals);
  }

  /** A platform's recent approvals (`recent:`), read once. */
  private async recent(platform: string): Promise<{ value: Approval[]; was: string }> {
    let entry = this.recents.get(platform);
    if (!entry) {
      const value = (await getRecentApprovals([platform]))[platform]!;
      entry = { value, was: JSON.stringify(value) };
      this.recents.set(platform, entry);
    }
    return entry;
  }

  /** A requester's samples (`delays:`), read once. */
  private async samples(platform: string, requesterId: string): Promise<{ value: DelaySample[]; was: string }> {
    const key = delaysKey(platform, requesterId);
    let entry = this.delays.get(key);
    if (!entry) {
      const value = await getSamples(platform, requesterId);
      entry = { value, was: JSON.stringify(value) };
      this.delays.set(key, entry);
    }
    return entry;
  }

  private async platformMedians(platform: string): Promise<{ value: Medians; was: string }> {
    let entry = this.medians.get(platform);
    if (!entry) {
      const value = (await getMedians([platform]))[platform] ?? {};
      entry = { value, was: JSON.stringify(value) };
      this.medians.set(platform, entry);
    }
    return entry;
  }

  /**
   * The approval delays of requesters (`delays:`), for the dated approvals of timed rewards of a task seen as
   * `view` (delays.ts: none when it is deleted, its corrected requester's).
   */
  async addDelays(platform: string, approvals: readonly Approval[], view: DelayView): Promise<void> {
    for (const a of approvals) {
      const requesterId = delayRequester(a, view);
      if (!requesterId) continue;
      const entry = await this.samples(platform, requesterId);
      entry.value = withDelays(entry.value, [a]);
      const medians = await this.platformMedians(platform);
      const legacy = (await legacyDelays(platform, [requesterId]))[requesterId];
      medians.value = withMedian(medians.value, requesterId, delaysOf(entry.value, legacy), lastDelayAt(entry.value, legacy));
    }
  }

  /**
   * A task's view changed (deleted or restored, its requester corrected): its approvals' delays move from the
   * requester they were of to the one they are of now. Those requesters' samples are made again from the
   * platform's approvals (a sample taken out of the last `DELAYS_KEPT` lets an older one back in), and the
   * platform's medians from every requester's samples (a requester's latest approval may go back, and with it
   * which requesters are long silent).
   */
  async moveDelays(platform: string, key: string, before: DelayView, after: DelayView): Promise<void> {
    if (sameDelayView(before, after)) return;
    const approvals = await getApprovals(platform);
    const moved = new Set(
      approvals.flatMap((a) => (a.task === key ? [delayRequester(a, before), delayRequester(a, after)] : [])).filter((id): id is string => id !== undefined),
    );
    if (moved.size === 0) return;
    await this.resample(platform, approvals, moved, key, after);
  }

  /**
   * Requesters' samples made again from the platform's `approvals` (`key`'s task read as `view`, every other as its
   * row says), and the platform's medians from every requester's samples.
   */
  private async resample(platform: string, approvals: readonly Approval[], requesters: ReadonlySet<string>, key: string, view: DelayView): Promise<void> {
    for (const requesterId of requesters) {
      (await this.samples(platform, requesterId)).value = await requesterSamples(platform, approvals, requesterId, key, view);
    }
    const samples = await storedSamples(platform);
    for (const [k, e] of this.delays) if (k.startsWith(delaysKey(platform, ''))) samples.set(k.slice(delaysKey(platform, '').length), e.value);
    for (const [id, list] of samples) if (list.length === 0) samples.delete(id);
    (await this.platformMedians(platform)).value = mediansOf(samples, await legacyDelays(platform));
  }

  /**
   * A task's approvals move to another task (an MTurk HIT's copy under its HIT id joining its assignment's record,
   * lib/data/hit-fold.ts): `removed` are gone, `added` are put (the same approvals under the task `key` that took
   * them, less those whose money it had an approval of already). `from` and `to` are the two tasks' views. What a
   * rebuild would make of the approvals then: the sums after the last readings, the recent approvals, and the delays
   * of the requesters either list names (read again from the platform's approvals, as `moveDelays` does).
   */
  async moveApprovals(platform: string, removed: readonly Approval[], added: readonly Approval[], key: string, from: DelayView, to: DelayView): Promise<void> {
    if (removed.length === 0 && added.length === 0) return;
    const s = await this.summary(platform);
    for (const a of removed) {
      const last = s.lastReading?.[a.currency];
      if (last && approvedAfterReading(a, last.at)) (s.afterReading ??= {})[a.currency] = (s.afterReading?.[a.currency] ?? 0) - a.minor;
    }
    for (const a of added) foldApproval(s, a);
    const id = (a: Approval) => JSON.stringify(approvalKey(platform, a));
    const gone = new Set(removed.map(id));
    // The same approvals under another task keep the window of the recent ones; one dropped may move it back, to
    // approvals no longer kept there: they are read again.
    const recent = await this.recent(platform);
    if (added.length >= removed.length) recent.value = withRecent(recent.value.filter((a) => !gone.has(id(a))), added);
    else {
      const all = (await allApprovals()).flatMap(({ platform: p, ...a }) => (p === platform && !gone.has(id(a)) ? [a] : []));
      recent.value = withRecent(all, added);
    }
    const requesters = new Set([...removed.map((a) => delayRequester(a, from)), ...added.map((a) => delayRequester(a, to))].filter((r): r is string => r !== undefined));
    if (requesters.size === 0) return;
    const approvals = [...(await getApprovals(platform)).filter((a) => !gone.has(id(a))), ...added];
    await this.resample(platform, approvals, requesters, key, to);
  }

  /** Folds a change of daily totals into the summaries of the platforms it touches. */
  async foldTotals(keys: string[], before: Aggregates, after: Aggregates): Promise<void> {
    const touched: Record<string, BalanceSummary> = {};
    for (const key of keys) {
      const platform = key.split('|')[1]!;
      touched[platform] = await this.summary(platform);
    }
    foldTotals(touched, keys, before, after);
  }

  ops(): Op[] {
    return [
      ...[...this.summaries].flatMap(([p, e]) => (JSON.stringify(e.value) === e.was ? [] : [summaryOp(p, e.value)])),
      ...[...this.recents].flatMap(([p, e]) => (JSON.stringify(e.value) === e.was ? [] : [recentOp(p, e.value)])),
      ...[...this.delays].flatMap(([key, e]) => (JSON.stringify(e.value) === e.was ? [] : [e.value.length ? put('records', key, e.value) : del('records', key)])),
      ...[...this.medians].flatMap(([p, e]) => (JSON.stringify(e.value) === e.was ? [] : [mediansOp(p, e.value)])),
    ];
  }
}

/** The writes of a change of daily totals to the summaries it touches (read, folded, written). */
export async function summaryOps(keys: string[], before: Aggregates, after: Aggregates): Promise<Op[]> {
  const edit = new SummaryEdit();
  await edit.foldTotals(keys, before, after);
  return edit.ops();
}

