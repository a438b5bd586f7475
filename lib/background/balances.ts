import { AUTO_APPROVAL_MS, balances, DAY_MS, expectedPayment, latestPayment, thresholdProgress } from '../domain/ledger';
import type { BalanceView, PendingView } from '../messaging';
import { allAdapters, syncFor } from '../platforms/registry';
import { aggregatesByKey, getApprovals, getReadings } from '../storage/history-db';
import { getApprovalDelays, getTransfers, pendingItems } from '../storage/ledger-db';
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
  const aggregates = await aggregatesByKey();
  const views: BalanceView[] = [];
  for (const platform of allAdapters()) {
    const pendingBy = new Map<string, { day: string; minor: number }[]>();
    const approvedBy = new Map<string, number>();
    for (const [key, totals] of Object.entries(aggregates)) {
      const [day, id] = key.split('|');
      if (id !== platform.id || !day) continue;
      for (const [currency, minor] of Object.entries(totals.pending)) {
        pendingBy.set(currency, [...(pendingBy.get(currency) ?? []), { day, minor }]);
      }
      for (const [currency, minor] of Object.entries(totals.approved)) approvedBy.set(currency, (approvedBy.get(currency) ?? 0) + minor);
    }
    const [approvals, readings, history] = await Promise.all([getApprovals(platform.id), getReadings(platform.id), getTransfers(platform.id)]);
    const transfers = history ? { at: history.at, amounts: history.transfers.map((t) => t.amount) } : null;
    // A currency with only transfers (the worker opened /earnings first) still shows what was paid out.
    const currencies = new Set([
      ...pendingBy.keys(), ...approvedBy.keys(), ...readings.map((r) => r.available.currency), ...(transfers?.amounts.map((m) => m.currency) ?? []),
    ]);
    const fromDashboard = hasDashboard(platform.id);
    for (const currency of currencies) {
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

/** Each pending item with its latest payment date (auto-approval) and, from its requester's past, the expected one. */
export async function pendingViews(): Promise<{ items: PendingView[]; total: number }> {
  const items = await pendingItems();
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
  return { items: views.slice(0, PENDING_SHOWN), total: views.length };
}
