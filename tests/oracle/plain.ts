import type { Money } from '../../lib/domain/money';

/**
 * The oracle's own arithmetic, written again on purpose (nothing from lib/): calendar days through `Intl`,
 * integer minor units, rates rounded half up with BigInt, conversion with the worker's typed rates.
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MIN_MS = 60_000;

/** The calendar day of an instant in a time zone, YYYY-MM-DD, read from `Intl`'s parts (no string guessing). */
export function dayIn(zone: string, instant: number): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A calendar date plus some days, as a date (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** n / d rounded half up (n, d ≥ 0, d > 0). */
export function halfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** Money per hour of `ms`, rounded half up to the minor unit; null with no time. */
export function perHour(minor: number, ms: number): number | null {
  if (ms <= 0) return null;
  return Number(halfUp(BigInt(minor) * BigInt(HOUR_MS), BigInt(ms)));
}

function digitsOf(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** A typed rate as the exact fraction of its decimal digits: 0.79 → 79/100. */
function fraction(rate: number): [bigint, bigint] {
  const [int, frac = ''] = String(rate).split('.');
  if (/e/i.test(String(rate))) throw new Error(`the oracle's worlds type plain decimals, not ${rate}`);
  return [BigInt(int + frac), 10n ** BigInt(frac.length)];
}

/**
 * An amount in another currency with the worker's rates: the rate typed for that pair, else the inverse of the
 * rate typed the other way; null when neither was typed. Rounded half up to the target's minor unit.
 */
export function convert(money: Money, to: string, rates: readonly { from: string; to: string; rate: number }[]): number | null {
  if (money.currency === to) return money.minor;
  const direct = rates.find((r) => r.from === money.currency && r.to === to);
  const inverse = rates.find((r) => r.from === to && r.to === money.currency);
  if (!direct && !inverse) return null;
  const [n, d] = direct ? fraction(direct.rate) : fraction(inverse!.rate).reverse() as [bigint, bigint];
  const shift = digitsOf(to) - digitsOf(money.currency);
  const num = BigInt(money.minor) * n * 10n ** BigInt(Math.max(0, shift));
  const den = d * 10n ** BigInt(Math.max(0, -shift));
  return Number(halfUp(num, den));
}

/** Adds `minor` to `into[currency]`. */
export function addTo(into: Record<string, number>, currency: string, minor: number): void {
  into[currency] = (into[currency] ?? 0) + minor;
}

/** The median of at least `min` values (the mean of the two middle ones rounded half up), else null. */
export function median(values: readonly number[], min: number): number | null {
  if (values.length < min) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.floor((sorted[mid - 1]! + sorted[mid]! + 1) / 2);
}
