import { convertWith, divRound, type ExchangeRate, type Money } from './money';
import { compareToMinimum, hourlyRate, type RateBand } from './rate';
import { replay, type Stamp, type TimerEvent } from './task-timer';
import { timeLeftMs } from './time-left';

/** A rate from less active time than this means nothing (DESIGN.md, "Rates"): it is shown only after it. */
export const RATE_AFTER_MS = 60_000;

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
  /** Active time left at or above the minimum (`timeLeftMs`); null with no reward or minimum, and once under. */
  leftMs: number | null;
  /**
   * The worker's exchange rates that converted the minimum or target from the display currency (none set for the
   * task's own): shown marked as converted, with these rates. Absent when neither was converted.
   */
  converted?: ExchangeRate[];
}

/** A task's figures at some active time: what the overlay and the badge show, moved on locally between views. */
export interface LiveState {
  activeMs: number;
  rate: Money | null;
  band: LiveView['band'];
  leftMs: number | null;
  /** The rate means something: under the minimum (it is the warning), or after a minute of active time. */
  showRate: boolean;
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
  return rateWithConversion(kind, currency, s)?.money ?? null;
}

/** `rateFor`, with the worker's exchange rate that converted it (null: the one set for that currency). */
export function rateWithConversion(kind: 'min' | 'target', currency: string, s: RateSettings): { money: Money; rate: ExchangeRate | null } | null {
  const rates = kind === 'min' ? s.minRates : s.targetRates;
  const own = rates[currency];
  if (own !== undefined) return { money: { minor: own, currency }, rate: null };
  const display = rates[s.displayCurrency];
  if (display === undefined) return null;
  return convertWith({ minor: display, currency: s.displayCurrency }, currency, s.exchangeRates);
}

/** The exchange rates that convert the worker's minimum and target into `currency` (each once; none: its own). */
export function conversionsFor(currency: string, s: RateSettings): ExchangeRate[] {
  const used = (['min', 'target'] as const).flatMap((kind) => rateWithConversion(kind, currency, s)?.rate ?? []);
  return [...new Set(used)];
}

export function liveView(
  task: { events: TimerEvent[]; reward: Money | null },
  now: Stamp,
  settings: RateSettings,
): LiveView {
  const state = replay(task.events, now);
  const running = state.front && !state.idle && state.outcome === null;
  const reward = task.reward;
  const minimum = reward ? rateFor('min', reward.currency, settings) : null;
  const target = reward ? rateFor('target', reward.currency, settings) : null;
  const { rate, band, leftMs } = liveState({ reward, minimum, target }, state.activeMs);
  const converted = reward ? conversionsFor(reward.currency, settings) : [];
  return {
    activeMs: Math.round(state.activeMs), idleMs: Math.round(state.idleMs), running, reward, rate, minimum, target, band, leftMs,
    ...(converted.length ? { converted } : {}),
  };
}

/** A task's rate, band and time left at `activeMs` of active time. */
export function liveState(task: Pick<LiveView, 'reward' | 'minimum' | 'target'>, activeMs: number): LiveState {
  const { reward, minimum, target } = task;
  const rate = reward ? hourlyRate(reward, activeMs) : null;
  const band = liveBand(reward, rate, minimum, target);
  return { activeMs, rate, band, leftMs: timeLeftMs(reward, minimum, activeMs), showRate: showsRate(rate, band, activeMs) };
}

/** Whether a rate means something yet: under the minimum (it is the warning), or after a minute of active time. */
export function showsRate(rate: Money | null, band: LiveView['band'], activeMs: number): boolean {
  return !!rate && (band === 'under' || activeMs >= RATE_AFTER_MS);
}

/** A task's band from its rate; the overlay moves it on locally between the background's views. */
export function liveBand(reward: Money | null, rate: Money | null, minimum: Money | null, target: Money | null): LiveView['band'] {
  if (!reward) return 'no-reward';
  // Before the first second of work there is no rate yet: nothing is "under" anything.
  return rate ? compareToMinimum(rate, minimum, target) : minimum ? 'good' : 'no-minimum';
}

/**
 * How much more active time until the band changes: until the rate, rounded half up to the minor unit, drops
 * under the target or the minimum, at `reward × 1 h ÷ (limit − ½ minor unit)`; null when no limit is left ahead.
 */
export function nextBandChange(task: Pick<LiveView, 'reward' | 'minimum' | 'target'>, activeMs: number): number | null {
  const reward = task.reward;
  if (!reward) return null;
  const crossings = [task.target, task.minimum]
    .filter((limit): limit is Money => !!limit && limit.minor > 0.5 && limit.currency === reward.currency)
    .map((limit) => (reward.minor * 3_600_000) / (limit.minor - 0.5))
    .filter((at) => at > activeMs);
  return crossings.length ? Math.min(...crossings) - activeMs : null;
}

/**
 * Four characters at most (the toolbar badge's room): the rate in major units, e.g. "7.25", "12.5", "125",
 * "1.2k", "10k". The currency is in the badge's title. The most precise form that still fits once rounded
 * half up: 9.995 is "10.0", 99.95 is "100", 999.5 is "1.0k", 9,950 is "10k". Rounded on the integer minor units,
 * never on a float: 12.45 is "12.5" and 1,450 is "1.5k" (a float's `toFixed` gives "12.4" and "1.4k").
 * `separator` is the UI language's separator ("7,25" in French), read by the caller from `Intl`.
 */
export function badgeText(rate: Money, minorDigits: number, separator = '.'): string {
  // A task's rate is never negative (rewards are not); were one to be, it would not fit in four characters.
  const minor = BigInt(Math.max(0, rate.minor));
  // The rate × 10^places, rounded half up (places may be negative: hundreds of units for "x.yk").
  const at = (places: number) => {
    const shift = places - minorDigits;
    return shift >= 0 ? minor * 10n ** BigInt(shift) : divRound(minor, 10n ** BigInt(-shift));
  };
  const decimal = (n: bigint, places: number) => {
    const digits = String(n).padStart(places + 1, '0');
    return `${digits.slice(0, -places)}${separator}${digits.slice(-places)}`;
  };
  for (const places of [2, 1, 0]) {
    const n = at(places);
    if (n < 1000n) return places ? decimal(n, places) : String(n);
  }
  const hundreds = at(-2);
  if (hundreds < 100n) return `${decimal(hundreds, 1)}k`;
  const thousands = at(-3);
  return `${thousands > 999n ? 999n : thousands}k`;
}
