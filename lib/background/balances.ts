import { balances } from '../domain/ledger';
import type { BalanceView } from '../messaging';
import { platforms } from '../platforms/registry';
import { aggregatesByKey, getApprovals, getReadings } from '../storage/history-db';

/** Pending (by day of submission) from the daily aggregates, withdrawable from readings and approvals. */
export async function balanceViews(today: string): Promise<BalanceView[]> {
  const aggregates = await aggregatesByKey();
  const views: BalanceView[] = [];
  for (const platform of platforms) {
    const pendingBy = new Map<string, { day: string; minor: number }[]>();
    for (const [key, totals] of Object.entries(aggregates)) {
      const [day, id] = key.split('|');
      if (id !== platform.id || !day) continue;
      for (const [currency, minor] of Object.entries(totals.pending)) {
        pendingBy.set(currency, [...(pendingBy.get(currency) ?? []), { day, minor }]);
      }
    }
    const [approvals, readings] = await Promise.all([getApprovals(platform.id), getReadings(platform.id)]);
    const currencies = new Set([...pendingBy.keys(), ...readings.map((r) => r.available.currency)]);
    for (const currency of currencies) {
      const b = balances(currency, pendingBy.get(currency) ?? [], approvals, readings, today);
      views.push({ platform: platform.id, ...b });
    }
  }
  return views;
}

/**
 * The status days worth asking about: days with the platform's money still pending, newest first, each with
 * the day before (a platform day may run on another time zone, MTurk's on Pacific time), at most 9.
 */
export async function recentPendingDays(platform: string): Promise<string[]> {
  const days = new Set<string>();
  const pending = Object.entries(await aggregatesByKey())
    .filter(([key, totals]) => key.endsWith(`|${platform}`) && Object.keys(totals.pending).length > 0)
    .map(([key]) => key.split('|')[0]!)
    .sort()
    .reverse();
  for (const day of pending) {
    days.add(day);
    days.add(new Date(Date.parse(`${day}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
  }
  return [...days].slice(0, 9);
}
