import { AUTO_APPROVAL_MS, balancesFrom, DAY_MS, isPresumablyApproved, latestPayment, thresholdProgress } from '../domain/ledger';
import { localDay } from '../domain/summary';
import type { BalanceView, PendingView } from '../messaging';
import { allAdapters, syncFor } from '../platforms/registry';
import { pendingPage } from '../storage/ledger-db';
import { getTransfers } from '../storage/transfers-db';
import { getMedians, getRecentApprovals, getSummaries } from '../storage/summaries';
import type { Settings } from '../storage/schemas';
import type { CustomAdapter } from '../platforms/custom';
import type { PlatformAdapter } from '../platforms/types';

/**
 * Platforms whose withdrawable comes from a dashboard reading (their BalanceSync says so); the others', custom
 * sites included, from the cash-outs the worker records.
 */
export const hasDashboard = (platform: string): boolean => syncFor(platform)?.withdrawable === 'dashboard';

/** The platform's longest auto-approval delay (its BalanceSync's; 30 days, MTurk's, where none is known). */
export function autoApprovalMs(platform: string): number {
  const days = syncFor(platform)?.autoApprovalDays;
  return days === undefined ? AUTO_APPROVAL_MS : days * DAY_MS;
}

/**
 * Pending (by day of submission), withdrawable (the last reading and the approvals after it) and the pace (the
 * recent dated approvals) from each platform's balance summary, paid out from the transfer history, and progress
 * to each payout threshold the settings name for that currency: a few records per platform, whatever the history.
 * `today` and the days of submission are local days of `timeZone`.
 */
export async function balanceViews(today: string, now: number, thresholds: Settings['payoutThresholds'], timeZone = 'UTC'): Promise<BalanceView[]> {
  const ids = allAdapters().map((p) => p.id);
  const [summaries, recents] = await Promise.all([getSummaries(ids), getRecentApprovals(ids)]);
  const views: BalanceView[] = [];
  for (const platform of allAdapters()) {
    const summary = summaries[platform.id]!;
    const pendingBy = new Map(Object.entries(summary.pending).map(([currency, byDay]) => [currency, Object.entries(byDay).map(([day, minor]) => ({ day, minor }))]));
    const approvedBy = new Map(Object.entries(summary.approved));
    const approvals = recents[platform.id] ?? [];
    const history = await getTransfers(platform.id);
    const transfers = history ? { at: history.at, amounts: history.transfers.map((t) => t.amount) } : null;
    // A currency with only transfers (the worker opened /earnings first) still shows what was paid out.
    const currencies = new Set([
      ...pendingBy.keys(), ...approvedBy.keys(), ...Object.keys(summary.lastReading ?? {}), ...(transfers?.amounts.map((m) => m.currency) ?? []),
    ]);
    const fromDashboard = hasDashboard(platform.id);
    // One order whatever the history's shape: by currency code.
    for (const currency of [...currencies].sort()) {
      const last = summary.lastReading?.[currency];
      const b = balancesFrom(currency, pendingBy.get(currency) ?? [], last, summary.afterReading?.[currency] ?? 0, today, transfers, autoApprovalMs(platform.id), timeZone);
      // No dashboard and no cash-out recorded yet: everything approved so far is still there to withdraw.
      if (!fromDashboard && b.withdrawable === null) b.withdrawable = approvedBy.get(currency) ?? 0;
      const threshold = thresholdOf(platform, currency, thresholds);
      views.push({
        platform: platform.id,
        ...b,
        withdrawableFrom: fromDashboard ? 'dashboard' : 'cash-out',
        ...(threshold ? { threshold: thresholdProgress(b, threshold.minor, approvals, now) } : {}),
      });
    }
  }
  return views;
}

/** The payout threshold in that currency: the worker's setting, else the custom site's rule's own. */
function thresholdOf(platform: PlatformAdapter, currency: string, thresholds: Settings['payoutThresholds']) {
  const set = thresholds[platform.id]?.find((m) => m.currency === currency);
  const rule = (platform as Partial<CustomAdapter>).rule?.payoutThreshold;
  return set ?? (rule?.currency === currency ? rule : undefined);
}

/** How many pending items the popup lists (the soonest to be paid first); the rest are counted. */
export const PENDING_SHOWN = 50;

/**
 * The pending items submitted longest ago (a bounded page, however many there are), each with its latest payment
 * date (auto-approval) and, from its requester's past, the expected one; soonest first. Those past the delay with
 * no news are marked presumably approved, as the balances count them (`today`: the local day of `timeZone`).
 */
export async function pendingViews(today: string, timeZone: string): Promise<{ items: PendingView[]; total: number }> {
  const items = await pendingPage(PENDING_SHOWN);
  // How many there are in all, from the summaries (counting the index would read every item).
  const total = Object.values(await getSummaries(allAdapters().map((p) => p.id))).reduce((n, s) => n + (s.pendingItems ?? 0), 0);
  // Each requester's median approval delay, one record per platform (summaries.ts).
  const medians = await getMedians(allAdapters().map((p) => p.id));
  const views = items.map((item): PendingView => ({
    platform: item.platform,
    key: item.key,
    title: item.title,
    requesterName: item.requesterName,
    reward: item.reward,
    submittedAt: item.submittedAt,
    latest: latestPayment(item.submittedAt, autoApprovalMs(item.platform)),
    expected: expectedAt(item.submittedAt, item.requesterId ? medians[item.platform]?.[item.requesterId]?.median : undefined),
    // Under the day its task is counted under, as the balances count it: the list and the balance agree.
    ...(isPresumablyApproved(item.day ?? localDay(item.submittedAt, timeZone), today, autoApprovalMs(item.platform)) ? { presumed: true as const } : {}),
  }));
  views.sort((a, b) => (a.expected ?? a.latest) - (b.expected ?? b.latest));
  return { items: views, total };
}

/** Submission + the requester's median approval delay (`medianDelay`, of at least 3), else unknown. */
const expectedAt = (submittedAt: number, median: number | undefined): number | null => (median === undefined ? null : submittedAt + median);
