import type { Money } from './money';
import { compareToMinimum, hourlyRate, type RateBand } from './rate';

/** At least this many submitted tasks before their median time is trusted as an estimate. */
export const MIN_SAMPLES = 3;

/** Paid active times (ms) of the worker's own submitted tasks, per HIT group and per requester. */
export interface WorkHistory {
  byGroup: Record<string, number[]>;
  byRequester: Record<string, number[]>;
}

export interface RowToEstimate {
  groupId?: string;
  requesterId?: string;
  reward: Money | null;
  timeAllottedSec?: number;
  /** The platform's own estimate of the time a task takes (Prolific's "10 mins"). */
  estimatedSec?: number;
}

/**
 * The rate before accepting (DESIGN.md, "What a worker gets", 4): the worker's own median time for the group,
 * else for the requester, else the platform's own estimate of the time, gives the expected rate, and only it
 * can mark a row as under the minimum.
 * Reward ÷ time allotted is the "worst case", shown muted.
 */
export interface Estimate {
  /** `platform`: no history of the worker's own, the platform's estimate of the time instead. */
  basis: 'group' | 'requester' | 'platform' | 'none';
  samples: number;
  medianMs?: number;
  expected?: Money;
  /** Only from an expected rate: a worst case never marks a row under the minimum. */
  band?: RateBand;
  worstCase?: Money;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function estimate(row: RowToEstimate, history: WorkHistory, minimum: Money | null, target: Money | null): Estimate {
  const group = row.groupId ? (history.byGroup[row.groupId] ?? []) : [];
  const requester = row.requesterId ? (history.byRequester[row.requesterId] ?? []) : [];
  const platformMs = row.estimatedSec ? [row.estimatedSec * 1000] : [];
  const [basis, times] =
    group.length >= MIN_SAMPLES ? (['group', group] as const)
    : requester.length >= MIN_SAMPLES ? (['requester', requester] as const)
    : platformMs.length ? (['platform', platformMs] as const)
    : (['none', []] as const);
  const result: Estimate = { basis, samples: basis === 'platform' ? 0 : times.length };
  if (row.reward && row.timeAllottedSec) {
    const worst = hourlyRate(row.reward, row.timeAllottedSec * 1000);
    if (worst) result.worstCase = worst;
  }
  const medianMs = median(times);
  if (!row.reward || medianMs === undefined) return result;
  result.medianMs = medianMs;
  const expected = hourlyRate(row.reward, medianMs);
  if (!expected) return result;
  result.expected = expected;
  const sameCurrency = (m: Money | null) => (m && m.currency === expected.currency ? m : null);
  result.band = compareToMinimum(expected, sameCurrency(minimum), sameCurrency(target));
  return result;
}
