import { liveBand, nextBandChange, type LiveView } from '../domain/live';
import type { Money } from '../domain/money';
import { hourlyRate } from '../domain/rate';

/** A running task's figures at `now`, moved on locally from the background's view taken at `at`. */
export function liveAt(view: LiveView, at: number, now: number): { activeMs: number; rate: Money | null; band: LiveView['band'] } {
  if (!view.running) return { activeMs: view.activeMs, rate: view.rate, band: view.band };
  const activeMs = view.activeMs + Math.max(0, now - at);
  const rate = view.reward ? hourlyRate(view.reward, activeMs) : null;
  return { activeMs, rate, band: liveBand(view.reward, rate, view.minimum, view.target) };
}

/**
 * When the overlay next has something new to show, in ms from now; null: nothing until the background says
 * otherwise. Expanded, a running task's time moves on every second. Collapsed, only its band is shown, which
 * changes when the rate falls past the target or the minimum: at the active time where reward ÷ time, rounded
 * half up to the minor unit, drops under that rate (after `reward × 1 h ÷ (rate − ½ minor unit)`).
 */
export function nextChange(view: LiveView, activeMs: number, collapsed: boolean): number | null {
  if (!view.running) return null;
  if (!collapsed) return 1000 - (activeMs % 1000);
  const crossing = nextBandChange(view, activeMs);
  // A few ms past the crossing, so that the exact rate has fallen by then.
  return crossing === null ? null : crossing + 5;
}
