import { AUTO_APPROVAL_MS, balances, DAY_MS, PACE_DAYS, expectedPayment, latestPayment, thresholdProgress } from '../domain/ledger';
import type { BalanceView, PendingView } from '../messaging';
import { allAdapters, syncFor } from '../platforms/registry';
import { getApprovalDelays, getApprovals, getReadings, getTransfers, pendingPage } from '../storage/ledger-db';
import { getSummaries } from '../storage/summaries';
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
 * Pending (by day of submission) from the daily aggregates, withdrawable from readings and approvals, paid out
 * from the transfer history, and progress to each payout threshold the settings name for that currency.
 */
export async function balanceViews(today: string, now: number, thresholds: Settings['payoutThresholds']): Promise<BalanceView[]> {
  const summaries = await getSummaries(allAdapters().map((p) => p.id));
  const views: BalanceView[] = [];
  for (const platform of allAdapters()) {
    const summary = summaries[platform.id]!;
    const pendingBy = new Map(Object.entries(summary.pending).map(([currency, byDay]) => [currency, Object.entries(byDay).map(([day, minor]) => ({ day, minor }))]));
    const approvedBy = new Map(Object.entries(summary.approved));
    const readings = await getReadings(platform.id);
    // The withdrawable estimate adds approvals since the last reading; the pace, those of the last 14 days.
    const since = Math.min(now - (PACE_DAYS + 1) * DAY_MS, ...readings.map((r) => r.at));
    const [approvals, history] = await Promise.all([getApprovals(platform.id, since), getTransfers(platform.id)]);
    const transfers = history ? { at: history.at, amounts: history.transfers.map((t) => t.amount) } : null;
    // A currency with only transfers (the worker opened /earnings first) still shows what was paid out.
    const currencies = new Set([
      ...pendingBy.keys(), ...approvedBy.keys(), ...readings.map((r) => r.available.currency), ...(transfers?.amounts.map((m) => m.currency) ?? []),
    ]);
    const fromDashboard = hasDashboard(platform.id);
    // One order whatever the history's shape: by currency code.
    for (const currency of [...currencies].sort()) {
      const b = balances(currency, pendingBy.get(currency) ?? [], approvals, readings, today, transfers, autoApprovalMs(platform.id));
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
 * date (auto-approval) and, from its requester's past, the expected one; soonest first.
 */
export async function pendingViews(): Promise<{ items: PendingView[]; total: number }> {
  const { items, total } = await pendingPage(PENDING_SHOWN);
  const delays = await getApprovalDelays(items.flatMap((i) => (i.requesterId ? [i.requesterId] : [])));
  const views = items.map((item): PendingView => ({
    platform: item.platform,
    key: item.key,
    title: item.title,
    requesterName: item.requesterName,
    reward: item.reward,
    submittedAt: item.submittedAt,
    latest: latestPayment(item.submittedAt, autoApprovalMs(item.platform)),
    expected: expectedPayment(item.submittedAt, (item.requesterId && delays[item.requesterId]) || []),
  }));
  views.sort((a, b) => (a.expected ?? a.latest) - (b.expected ?? b.latest));
  return { items: views, total };
}
