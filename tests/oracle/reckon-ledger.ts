import type { BalanceFigures, PendingFigure, Reach } from './figures';
import { addDays, dayIn, DAY_MS, HOUR_MS, median, MIN_MS } from './plain';
import type { OState, OTask } from './reckon-state';

/** DESIGN.md → "Outcomes and money (the ledger)": balances per platform and currency, and the pending items. */

export const LEDGER_PLATFORMS = ['mturk', 'prolific'] as const;
/** "latest = submission + 30 days (MTurk's longest auto-approval) or + 21 days (Prolific)". */
const AUTO_APPROVAL_DAYS: Record<string, number> = { mturk: 30, prolific: 21 };
const PACE_DAYS = 14;

const moneyOf = (task: OTask, currency: string): number =>
  [task.reward, task.bonus].reduce((sum, m) => (m && m.currency === currency ? sum + m.minor : sum), 0);

/** "Pending items past 30 days with no news become presumably approved": past their latest payment day. */
function presumed(task: OTask, today: string): boolean {
  return addDays(task.day!, AUTO_APPROVAL_DAYS[task.platform]!) < today;
}

/** The first instant of a local day in a zone: offsets are whole quarter hours, so it falls on one of them. */
function dayStartIn(zone: string, day: string): number {
  let t = Date.parse(`${day}T00:00:00Z`) - 15 * HOUR_MS;
  while (dayIn(zone, t) !== day) t += 15 * MIN_MS;
  return t;
}

export function balancesOf(s: OState, today: string): Record<string, BalanceFigures> {
  const result: Record<string, BalanceFigures> = {};
  for (const platform of LEDGER_PLATFORMS) {
    const tasks = [...s.tasks.values()].filter((t) => t.platform === platform);
    const currencies = new Set<string>();
    for (const t of tasks) if (t.status === 'submitted' || t.status === 'approved') for (const m of [t.reward, t.bonus]) if (m) currencies.add(m.currency);
    if (platform === 'mturk') for (const r of s.readings) currencies.add(r.available.currency);
    if (platform === 'mturk') for (const r of s.transferReadings) for (const t of r.transfers) currencies.add(t.amount.currency);
    else for (const c of s.cashOuts) currencies.add(c.currency);
    for (const currency of currencies) {
      const b: BalanceFigures = { pending: 0, presumablyApproved: 0, withdrawable: null, withdrawableSince: null, paidOut: null, approvedLast14Days: pace(s, platform, currency) };
      for (const t of tasks) {
        if (t.status !== 'submitted') continue;
        if (presumed(t, today)) b.presumablyApproved += moneyOf(t, currency);
        else b.pending += moneyOf(t, currency);
      }
      Object.assign(b, platform === 'mturk' ? mturkWithdrawable(s, currency) : prolificWithdrawable(s, tasks, currency));
      if (platform === 'mturk') b.paidOut = paidOut(s, currency);
      const threshold = s.world.settings.payoutThresholds[platform]?.find((m) => m.currency === currency);
      if (threshold) {
        // Presumably approved money whose latest payment day ended before the last reading is inside it already.
        const lastReading = platform === 'mturk' ? s.readings.filter((r) => r.available.currency === currency).at(-1)?.at : s.cashOuts.filter((c) => c.currency === currency).at(-1)?.at;
        let inReading = 0;
        for (const t of tasks) {
          if (t.status !== 'submitted' || !presumed(t, today) || lastReading === undefined) continue;
          // Its day ends where the worker's day ends (the zone of now), not at midnight UTC.
          if (dayStartIn(s.zone, addDays(t.day!, 1)) + AUTO_APPROVAL_DAYS[platform]! * DAY_MS <= lastReading) inReading += moneyOf(t, currency);
        }
        const have = (b.withdrawable ?? 0) + b.pending + b.presumablyApproved - inReading;
        b.threshold = { threshold: threshold.minor, have, reach: reach(threshold.minor, have, b.approvedLast14Days, s.now) };
      }
      result[`${platform}|${currency}`] = b;
    }
  }
  return result;
}

/**
 * "The last Current Earnings reading from the dashboard plus the approvals of items known to be pending after
 * that reading — submitted after it, or still listed as pending by a platform page read after it."
 */
function mturkWithdrawable(s: OState, currency: string): Pick<BalanceFigures, 'withdrawable' | 'withdrawableSince'> {
  const mine = s.readings.filter((r) => r.available.currency === currency);
  // The last reading; of two taken in one millisecond, the larger amount (README, ambiguity 34).
  const last = mine.filter((r) => r.at === mine.at(-1)?.at).reduce<(typeof mine)[number] | undefined>((a, r) => (a && a.available.minor > r.available.minor ? a : r), undefined);
  if (!last) return { withdrawable: null, withdrawableSince: null };
  return { withdrawable: last.available.minor + knownAfter(s, 'mturk', currency, last.at), withdrawableSince: last.at };
}

/**
 * The approvals that cannot be inside a reading (or cash-out) taken at `since`: dated ones whose money was known
 * not approved yet at or after it (a refresh reads its status pages after its dashboard, hence "at or after").
 */
function knownAfter(s: OState, platform: string, currency: string, since: number): number {
  let sum = 0;
  for (const a of s.approvals) {
    if (a.platform === platform && a.money.currency === currency && a.dated && a.known !== null && a.known >= since) sum += a.money.minor;
  }
  return sum;
}

/** "Approved since the last cash-out the worker records": before any, everything approved. */
function prolificWithdrawable(s: OState, tasks: OTask[], currency: string): Pick<BalanceFigures, 'withdrawable' | 'withdrawableSince'> {
  const last = s.cashOuts.filter((c) => c.currency === currency).at(-1);
  if (!last) {
    // Approved on the worker's word (a correction, a task added by hand): no known date, never withdrawable.
    const approved = tasks.filter((t) => t.status === 'approved' && !t.approvedByWord).reduce((sum, t) => sum + moneyOf(t, currency), 0);
    return { withdrawable: approved, withdrawableSince: null };
  }
  // The cash-out took all that was approved then: like a reading of zero (README, ambiguity 15).
  return { withdrawable: knownAfter(s, 'prolific', currency, last.at), withdrawableSince: last.at };
}

/** Transfers as a multiset: for each (date, amount), the highest count seen in any one reading. */
function paidOut(s: OState, currency: string): number | null {
  if (s.transferReadings.length === 0) return null;
  const most = new Map<string, number>();
  for (const reading of s.transferReadings) {
    const counts = new Map<string, number>();
    for (const t of reading.transfers) {
      if (t.amount.currency !== currency) continue;
      const id = `${t.date}|${t.amount.minor}`;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const [id, n] of counts) most.set(id, Math.max(most.get(id) ?? 0, n));
  }
  let sum = 0;
  for (const [id, n] of most) sum += Number(id.split('|')[1]) * n;
  return sum;
}

/**
 * "At the pace = the mean daily approved amount over the last 14 days, counting only approvals whose date is
 * known"; "not at this pace" when it is 0.
 */
function pace(s: OState, platform: string, currency: string): number {
  const since = s.now - PACE_DAYS * DAY_MS;
  return s.approvals
    .filter((a) => a.platform === platform && a.money.currency === currency && a.dated && a.at > since && a.at <= s.now)
    .reduce((sum, a) => sum + a.money.minor, 0);
}

function reach(threshold: number, have: number, approved: number, now: number): Reach {
  if (have >= threshold) return { kind: 'reached' };
  if (approved <= 0) return { kind: 'not-at-this-pace' };
  const days = Math.ceil(((threshold - have) * PACE_DAYS) / approved);
  return { kind: 'date', at: now + days * DAY_MS };
}

/**
 * Each item awaiting approval with its latest and expected payment dates (untimed ones have only a day). `s` is
 * the corrected state: a deleted task's delay is in no requester's, a corrected task's is its new requester's.
 */
export function pendingOf(s: OState): PendingFigure[] {
  const items: PendingFigure[] = [];
  const delaysOf = (requesterId: string) => s.delays.filter((d) => s.tasks.get(d.task)?.requesterId === requesterId).map((d) => d.ms);
  for (const t of s.tasks.values()) {
    if (t.status !== 'submitted' || t.platform === 'manual' || !t.reward) continue;
    const at = t.untimed ? null : t.submittedAt;
    const delay = t.requesterId ? median(delaysOf(t.requesterId), 3) : null;
    items.push({
      key: t.key, platform: t.platform, reward: t.reward, submittedAt: at,
      latest: at === null ? null : at + AUTO_APPROVAL_DAYS[t.platform]! * DAY_MS,
      expected: at === null || delay === null ? null : at + delay,
    });
  }
  return items.sort((a, b) => a.key.localeCompare(b.key));
}
