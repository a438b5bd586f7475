import type { Money } from './money';
import { dayStart, nextDay } from './summary';

/**
 * Balances a worker can act on (DESIGN.md, "Outcomes and money"), for one platform and currency. Pure: the
 * background passes in what it recorded and the time.
 */
export const DAY_MS = 86_400_000;
/** MTurk's longest auto-approval: a HIT still pending after this is "presumably approved", never dropped. */
export const AUTO_APPROVAL_MS = 30 * DAY_MS;
/** The pace that dates a payout threshold: the mean daily approved amount over this many days. */
export const PACE_DAYS = 14;

/** One reading of MTurk's dashboard: "Current Earnings" (available for transfer) and the lifetime bonuses. */
export interface DashboardReading {
  at: number;
  available: Money;
  bonuses?: Money;
}

/**
 * Money Centime saw become approved (a task it knew pending, now listed as approved), dated when seen. Approvals
 * first seen already approved are never entries: their date is unknown.
 */
export interface ApprovalEntry {
  at: number;
  minor: number;
  currency: string;
  /**
   * The last time the item was known not yet approved (submitted here, or listed as pending by a page read
   * then). Absent in entries recorded before it existed: those count from `at`.
   */
  knownAt?: number;
}

/**
 * Whether an approval is surely not inside a dashboard reading taken at `readingAt`: the item was known pending
 * after it (submitted after it, or still listed as pending by a page read after it; the pages of one refresh are
 * read after its dashboard, hence "at or after").
 */
export function approvedAfterReading(a: ApprovalEntry, readingAt: number): boolean {
  return a.knownAt !== undefined ? a.knownAt >= readingAt && a.at >= readingAt : a.at > readingAt;
}

export interface LedgerBalances {
  currency: string;
  /** Submitted, awaiting approval, within the auto-approval delay. */
  pending: number;
  /** Past its latest payment day (30 days on MTurk, 21 on Prolific) with no news: shown as such, counted as approved. */
  presumablyApproved: number;
  /**
   * The part of `presumablyApproved` whose latest payment date came before the last reading: presumably paid
   * and so already inside it (never added to it again).
   */
  presumablyInReading: number;
  /** The last dashboard reading plus the approvals of items known pending after it; null before any reading. */
  withdrawable: number | null;
  /** When that reading was taken: the estimate is "since" then. */
  withdrawableSince: number | null;
  /** Transferred out of the platform (MTurk `/earnings`), as of `paidOutSince`; null before any reading. */
  paidOut: number | null;
  paidOutSince: number | null;
}

/** Progress to a payout threshold: what is withdrawable or pending, and when it gets there at the recent pace. */
export interface ThresholdProgress {
  threshold: number;
  have: number;
  reach: ReturnType<typeof thresholdDate>;
}

/**
 * Withdrawable (0 before any reading) plus pending and the presumably approved money not already inside the last
 * reading, against the threshold.
 */
export function thresholdProgress(
  b: LedgerBalances,
  threshold: number,
  approvals: readonly ApprovalEntry[],
  now: number,
): ThresholdProgress {
  const have = (b.withdrawable ?? 0) + b.pending + b.presumablyApproved - b.presumablyInReading;
  const ours = approvals.filter((a) => a.currency === b.currency);
  return { threshold, have, reach: thresholdDate(threshold, have, ours, now) };
}

/**
 * Balances from the dated approvals and the dashboard readings: pending amounts per day of submission (the daily
 * aggregates), and withdrawable from the last reading in that currency plus the approvals after it.
 * `today` is the local day, YYYY-MM-DD.
 */
export function balances(
  currency: string,
  pendingByDay: readonly { day: string; minor: number }[],
  approvals: readonly ApprovalEntry[],
  readings: readonly DashboardReading[],
  today: string,
  transfers: { at: number; amounts: readonly Money[] } | null = null,
  autoApprovalMs = AUTO_APPROVAL_MS,
  timeZone = 'UTC',
): LedgerBalances {
  const last = lastReading(readings, currency);
  return balancesFrom(currency, pendingByDay, last, last ? approvedAfter(approvals, currency, last.at) : 0, today, transfers, autoApprovalMs, timeZone);
}

/**
 * The last reading in that currency (the latest `at`; of two in one millisecond, the larger amount, as the writer's
 * `foldReading` keeps it, whatever order they come in).
 */
export function lastReading(readings: readonly DashboardReading[], currency: string): DashboardReading | undefined {
  return readings
    .filter((r) => r.available.currency === currency)
    .sort((a, b) => a.at - b.at || a.available.minor - b.available.minor)
    .at(-1);
}

/** What the dated approvals in that currency add to a reading taken at `readingAt` (`approvedAfterReading`). */
export function approvedAfter(approvals: readonly ApprovalEntry[], currency: string, readingAt: number): number {
  return approvals.reduce((sum, a) => (a.currency === currency && approvedAfterReading(a, readingAt) ? sum + a.minor : sum), 0);
}

/**
 * The same from what the popup keeps at hand (the balance summary): the last reading in that currency and the
 * sum of the approvals after it. `timeZone` is the worker's: the days of `pendingByDay` are its local days.
 */
export function balancesFrom(
  currency: string,
  pendingByDay: readonly { day: string; minor: number }[],
  last: DashboardReading | undefined,
  afterLast: number,
  today: string,
  transfers: { at: number; amounts: readonly Money[] } | null = null,
  autoApprovalMs = AUTO_APPROVAL_MS,
  timeZone = 'UTC',
): LedgerBalances {
  let pending = 0;
  let presumablyApproved = 0;
  let presumablyInReading = 0;
  for (const { day, minor } of pendingByDay) {
    if (!isPresumablyApproved(day, today, autoApprovalMs)) {
      pending += minor;
      continue;
    }
    presumablyApproved += minor;
    // Paid at the latest by the end of its local day + the delay: before the reading, it is in it. The end of the
    // worker's day, not of the UTC day: in Tokyo a day ends 9 hours sooner, in California 8 hours later.
    if (last && dayStart(nextDay(day), timeZone) + autoApprovalMs <= last.at) presumablyInReading += minor;
  }
  return {
    currency,
    pending,
    presumablyApproved,
    presumablyInReading,
    withdrawable: last ? last.available.minor + afterLast : null,
    withdrawableSince: last?.at ?? null,
    paidOut: transfers ? transfers.amounts.filter((m) => m.currency === currency).reduce((sum, m) => sum + m.minor, 0) : null,
    paidOutSince: transfers?.at ?? null,
  };
}

/**
 * Whether an item submitted on `day` and still pending on `today` (local days) is past the auto-approval delay with no
 * news: "presumably approved". The balances and the list of pending items both ask here, so that they agree.
 */
export function isPresumablyApproved(day: string, today: string, autoApprovalMs = AUTO_APPROVAL_MS): boolean {
  return Date.parse(`${day}T00:00:00Z`) < Date.parse(`${today}T00:00:00Z`) - autoApprovalMs;
}

/** Each rise of the lifetime Bonuses total between consecutive readings, dated at the later reading. */
export function bonusRises(readings: readonly DashboardReading[]): { at: number; minor: number }[] {
  const rises: { at: number; minor: number }[] = [];
  let previous: Money | undefined;
  for (const reading of [...readings].sort((a, b) => a.at - b.at)) {
    const bonuses = reading.bonuses;
    if (!bonuses) continue;
    if (previous && previous.currency === bonuses.currency && bonuses.minor > previous.minor) {
      rises.push({ at: reading.at, minor: bonuses.minor - previous.minor });
    }
    previous = bonuses;
  }
  return rises;
}

/** The latest date a pending item should be paid: submission + the platform's longest auto-approval. */
export function latestPayment(submittedAt: number, autoApprovalMs = AUTO_APPROVAL_MS): number {
  return submittedAt + autoApprovalMs;
}

/** Submission + the median of at least 3 past approval delays of that requester, else unknown (null). */
export function expectedPayment(submittedAt: number, pastDelaysMs: readonly number[]): number | null {
  const median = medianDelay(pastDelaysMs);
  return median === null ? null : submittedAt + median;
}

/** The median of a requester's past approval delays, when there are at least 3 (else unknown: null). */
export function medianDelay(pastDelaysMs: readonly number[]): number | null {
  if (pastDelaysMs.length < 3) return null;
  const sorted = [...pastDelaysMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * When withdrawable plus pending reach the payout threshold, at the pace of the mean daily approved amount over
 * the last 14 days: 'reached', a date, or 'not-at-this-pace' when the pace is 0. `approvals` are dated ones only
 * (seen as a change from pending to approved), so a refresh that reveals old approvals never moves the date.
 */
export function thresholdDate(
  threshold: number,
  have: number,
  approvals: readonly { at: number; minor: number }[],
  now: number,
): { kind: 'reached' } | { kind: 'date'; at: number } | { kind: 'not-at-this-pace' } {
  if (have >= threshold) return { kind: 'reached' };
  const since = now - PACE_DAYS * DAY_MS;
  const approved = approvals.filter((a) => a.at > since && a.at <= now).reduce((sum, a) => sum + a.minor, 0);
  if (approved <= 0) return { kind: 'not-at-this-pace' };
  // Days to go = ⌈(threshold − have) ÷ (approved ÷ 14)⌉, in integers: a float pace can land a whole day late
  // (300 to go at 300 per 14 days is 14 days, not 14.000000000000002 → 15).
  const owed = (threshold - have) * PACE_DAYS;
  const days = Math.floor((owed + approved - 1) / approved);
  return { kind: 'date', at: now + days * DAY_MS };
}
