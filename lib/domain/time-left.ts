/** How long a task stays at or above the worker's minimum (DESIGN.md, "Rates"). Pure: time is passed in. */
import type { Money } from './money';
import { hourlyRate } from './rate';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The active time left before `reward` ÷ active time falls under `minimum` (reward ÷ minimum − active time so
 * far), in ms; null with no reward, no minimum (or one in another currency, or 0: nothing is ever under it), and
 * once under. The rate is rounded half up to the minor unit (`hourlyRate`), so it stays at the minimum until the
 * exact rate drops under minimum − ½ minor unit: at `reward × 1 h ÷ (minimum − ½)` of active time. The end is
 * checked on the rounded rate itself, so that "no time left" and the band turning `under` never disagree.
 */
export function timeLeftMs(reward: Money | null, minimum: Money | null, activeMs: number): number | null {
  if (!reward || !minimum || minimum.currency !== reward.currency || minimum.minor <= 0) return null;
  const rate = hourlyRate(reward, activeMs);
  if (rate && rate.minor < minimum.minor) return null;
  return Math.max(0, (reward.minor * HOUR) / (minimum.minor - 0.5) - activeMs);
}

/** The unit and value `leftText` shows for `ms`, rounded to the nearest unit (at least 1 s while time remains). */
function leftUnits(ms: number): { unit: 's' | 'm' | 'hm' | 'h'; n: number } {
  const secs = Math.round(ms / SECOND);
  if (secs < 60) return { unit: 's', n: Math.max(1, secs) };
  const mins = Math.round(ms / MINUTE);
  if (mins < 60) return { unit: 'm', n: mins };
  if (mins < 600) return { unit: 'hm', n: mins };
  return { unit: 'h', n: Math.min(99, Math.round(ms / HOUR)) };
}

/**
 * The time left in the toolbar badge's four characters: "45s" under a minute, "39m" under an hour, "1h39" under
 * ten hours, then "12h" (at most "99h"); each rounded to the nearest unit it shows, and never "0s" while time
 * remains (the last second and a half show "1s").
 */
export function leftText(ms: number): string {
  const { unit, n } = leftUnits(ms);
  if (unit === 'hm') return `${Math.floor(n / 60)}h${String(n % 60).padStart(2, '0')}`;
  return `${n}${unit}`;
}

/**
 * How much more active time until `leftText` changes, from `ms` left: until the time left falls under the lower
 * edge of what it shows now ("5s" is shown from 5.5 s down to 4.5 s); from "1s", until no time is left (the
 * crossing under the minimum). Each unit's lowest value ends where the smaller unit's highest begins ("1m" at
 * 59.5 s, "1h00" at 59.5 min, "10h" at 599.5 min).
 */
export function leftTextChange(ms: number): number {
  const { unit, n } = leftUnits(ms);
  const edge =
    unit === 's' ? (n > 1 ? (n - 0.5) * SECOND : 0)
    : unit === 'h' ? Math.max((n - 0.5) * HOUR, 599.5 * MINUTE)
    : Math.max((n - 0.5) * MINUTE, unit === 'm' ? 59.5 * SECOND : 59.5 * MINUTE);
  return Math.max(0, ms - edge);
}
