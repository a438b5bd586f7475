import type { Aggregates } from '../domain/summary';
import { get, getMany } from 'idb-keyval';
import { del, kv, put, type Op } from './database';

/**
 * Balance summaries (derived): per platform, the pending money per currency and day of submission and the
 * approved money per currency — what the popup's balances need, in one small record per platform, kept in
 * step with the daily totals in the same transaction.
 */
export interface BalanceSummary {
  pending: Record<string, Record<string, number>>;
  approved: Record<string, number>;
}

const summaryKey = (platform: string) => `summary:${platform}`;
export const emptySummary = (): BalanceSummary => ({ pending: {}, approved: {} });

export async function getSummaries(platforms: string[]): Promise<Record<string, BalanceSummary>> {
  const values = await getMany(platforms.map(summaryKey), kv());
  const result: Record<string, BalanceSummary> = {};
  platforms.forEach((p, i) => (result[p] = (values[i] as BalanceSummary | undefined) ?? emptySummary()));
  return result;
}

export const getSummary = async (platform: string): Promise<BalanceSummary> =>
  ((await get(summaryKey(platform), kv())) as BalanceSummary | undefined) ?? emptySummary();

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
    for (const currency of new Set([...Object.keys(b?.approved ?? {}), ...Object.keys(a?.approved ?? {})])) {
      const minor = (s.approved[currency] ?? 0) + (a?.approved[currency] ?? 0) - (b?.approved[currency] ?? 0);
      if (minor) s.approved[currency] = minor;
      else delete s.approved[currency];
    }
  }
}

/** The writes of the daily totals' change to the summaries it touches (read, folded, written). */
export async function summaryOps(keys: string[], before: Aggregates, after: Aggregates): Promise<Op[]> {
  const platforms = [...new Set(keys.map((k) => k.split('|')[1]!))];
  const summaries = await getSummaries(platforms);
  const original = platforms.map((p) => JSON.stringify(summaries[p]));
  foldTotals(summaries, keys, before, after);
  return platforms.flatMap((p, i) => (JSON.stringify(summaries[p]) === original[i] ? [] : [summaryOp(p, summaries[p]!)]));
}

/** A summary with nothing in it is no record at all (as a rebuild leaves it). */
export function summaryOp(platform: string, summary: BalanceSummary): Op {
  const empty = Object.keys(summary.pending).length === 0 && Object.keys(summary.approved).length === 0;
  return empty ? del('records', summaryKey(platform)) : put('records', summaryKey(platform), summary);
}
