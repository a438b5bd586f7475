import { liveState, nextBandChange, showsRate, type LiveState, type LiveView } from '../domain/live';

/**
 * A running task's figures at `now`, moved on locally from the background's view taken at `at`. At `at` itself
 * (the overlay's first render, as it arrives) they are the view's own: nothing is worked out again in the page.
 */
export function liveAt(view: LiveView, at: number, now: number): LiveState {
  const { activeMs, rate, band, leftMs } = view;
  if (!view.running || now <= at) return { activeMs, rate, band, leftMs, showRate: showsRate(rate, band, activeMs) };
  return liveState(view, activeMs + Math.max(0, now - at));
}

/**
 * The countdown as the overlay writes it ("1:39:18"): whole seconds rounded up, as a timer counts down, so that
 * it shows "0:00" only once no time is left.
 */
export const countdownSeconds = (leftMs: number): number => Math.ceil(leftMs / 1000);

/**
 * When the overlay next has something new to show, in ms from now; null: nothing until the background says
 * otherwise. Expanded, a running task's active time moves on every second, and its countdown (in its own phase)
 * too. Collapsed, only its band is shown, which changes when the rate falls past the target or the minimum:
 * at the active time where reward ÷ time, rounded half up to the minor unit, drops under that rate.
 */
export function nextChange(view: LiveView, now: LiveState, collapsed: boolean): number | null {
  if (!view.running) return null;
  if (!collapsed) {
    const tick = 1000 - (now.activeMs % 1000);
    const left = now.leftMs;
    if (left === null) return tick;
    // The last second ends at the crossing under the minimum: a few ms past it, so that the rate has fallen.
    // Whole ms, rounded up: a timer's delay is truncated, which would wake it a fraction early, to no change.
    return Math.ceil(Math.min(tick, left <= 1000 ? left + 5 : left - (countdownSeconds(left) - 1) * 1000));
  }
  const crossing = nextBandChange(view, now.activeMs);
  return crossing === null ? null : crossing + 5;
}
