/** Hourly rates from integer money and milliseconds. Pure: time is passed in. */
import { assertSameCurrency, divRound, exactFraction, type Money } from './money';

const HOUR_MS = 3_600_000n;

/**
 * Earnings per hour, rounded half up to the minor unit (half away from zero for a negative amount).
 * Null when there is no time to divide by, or when the rate is beyond 2^53 minor units (a few ms of work), or when
 * `earned` is no whole number of minor units (a corrupt record: BigInt would throw on it).
 * `activeMs` may carry fractions from `performance.now()`: it is taken as its exact decimal, not rounded first.
 */
export function hourlyRate(earned: Money, activeMs: number): Money | null {
  if (!Number.isFinite(activeMs) || activeMs <= 0 || !Number.isSafeInteger(earned.minor)) return null;
  const [num, den] = exactFraction(activeMs);
  const minor = Number(divRound(BigInt(earned.minor) * HOUR_MS * den, num));
  return Number.isSafeInteger(minor) ? { minor, currency: earned.currency } : null;
}

export type RateBand = 'no-minimum' | 'under' | 'between' | 'good';

/**
 * Where a rate falls against the worker's minimum and target: `between` is ≥ minimum and < target; with no
 * target, anything ≥ minimum is `good`. A rate is only compared in its own currency: the caller converts
 * first, so a minimum or target in another currency throws a CurrencyMismatchError, even with no minimum.
 */
export function compareToMinimum(rate: Money, minimum: Money | null, target?: Money | null): RateBand {
  if (minimum) assertSameCurrency(rate, minimum);
  if (target) assertSameCurrency(rate, target);
  if (!minimum) return 'no-minimum';
  if (rate.minor < minimum.minor) return 'under';
  return target && rate.minor < target.minor ? 'between' : 'good';
}
