import { convertMoney, type ExchangeRate, type Money } from './money';
import { compareToMinimum, hourlyRate, type RateBand } from './rate';
import { replay, type Stamp, type TimerEvent } from './task-timer';

/** What the overlay and the badge show for one task, right now. */
export interface LiveView {
  activeMs: number;
  idleMs: number;
  /** Time is accruing to `activeMs` (in front and not idle): the page may tick it forward locally. */
  running: boolean;
  reward: Money | null;
  rate: Money | null;
  minimum: Money | null;
  target: Money | null;
  /** `no-reward` when the page showed no reward (nothing to divide). */
  band: RateBand | 'no-reward';
}

export interface RateSettings {
  minRates: Record<string, number>;
  targetRates: Record<string, number>;
  displayCurrency: string;
  exchangeRates: ExchangeRate[];
}

/**
 * The worker's minimum (or target) in a task's own currency: the one set for that currency, else the display
 * currency's converted with the worker's own rates, else none (DESIGN.md, "Minimum rates").
 */
export function rateFor(kind: 'min' | 'target', currency: string, s: RateSettings): Money | null {
  const rates = kind === 'min' ? s.minRates : s.targetRates;
  const own = rates[currency];
  if (own !== undefined) return { minor: own, currency };
  const display = rates[s.displayCurrency];
  if (display === undefined) return null;
  return convertMoney({ minor: display, currency: s.displayCurrency }, currency, s.exchangeRates);
}

export function liveView(
  task: { events: TimerEvent[]; reward: Money | null },
  now: Stamp,
  settings: RateSettings,
): LiveView {
  const state = replay(task.events, now);
  const running = state.front && !state.idle && state.outcome === null;
  const reward = task.reward;
  const rate = reward ? hourlyRate(reward, state.activeMs) : null;
  const minimum = reward ? rateFor('min', reward.currency, settings) : null;
  const target = reward ? rateFor('target', reward.currency, settings) : null;
  const band = liveBand(reward, rate, minimum, target);
  return { activeMs: Math.round(state.activeMs), idleMs: Math.round(state.idleMs), running, reward, rate, minimum, target, band };
}

/** A task's band from its rate; the overlay moves it on locally between the background's views. */
export function liveBand(reward: Money | null, rate: Money | null, minimum: Money | null, target: Money | null): LiveView['band'] {
  if (!reward) return 'no-reward';
  // Before the first second of work there is no rate yet: nothing is "under" anything.
  return rate ? compareToMinimum(rate, minimum, target) : minimum ? 'good' : 'no-minimum';
}

/**
 * Four characters at most (the toolbar badge's room): the rate in major units, e.g. "7.25", "12.5", "125",
 * "1.2k". The currency is in the badge's title.
 */
export function badgeText(rate: Money, minorDigits: number): string {
  const major = rate.minor / 10 ** minorDigits;
  if (major >= 9_950) return `${Math.min(999, Math.round(major / 1000))}k`;
  if (major >= 999.5) return `${(major / 1000).toFixed(1)}k`;
  if (major >= 99.5) return String(Math.round(major));
  if (major >= 9.995) return major.toFixed(1);
  return major.toFixed(2);
}
