import type { LiveView } from '../domain/live';
import type { MoneyPattern } from '../domain/money-pattern';

/** Where the overlay stands, in extension storage (never the page's). */
export const PLACE_KEY = 'overlay';

export interface OverlayPlace {
  x: number;
  y: number;
  collapsed: boolean;
}

/**
 * What the background sends the overlay it injected into a task tab (`bg-cs-overlay`): the task's live view at
 * `at` (wall ms), or null to take the overlay away. Its words come translated and its amounts formatted, and the
 * rate as it moves on is written from `pattern` (how this locale writes the task's currency, read from Intl by
 * the background): the page neither builds an `Intl` formatter (the first costs it ~15–20 ms, ICU's start) nor
 * loads the message catalogue (a synchronous round trip to the browser). `place` is read by the background, so
 * the page makes no storage round trip either.
 */
export interface OverlayMessage {
  type: 'bg-cs-overlay';
  /** `<platform>:<task id>`. */
  key: string;
  live: OverlayLive | null;
}

export interface OverlayLive {
  view: LiveView;
  at: number;
  words: OverlayWords;
  /** How the task's currency is written here (null: no reward, so no rate). */
  pattern: MoneyPattern | null;
  place: OverlayPlace;
  /** The task's page gave no reward (issue 19): the overlay says so and asks for it. */
  ask?: OverlayAsk;
}

/** What the overlay needs to ask for a reward its page did not give, and its words. */
export interface OverlayAsk {
  platform: string;
  taskId: string;
  /** "Centime is timing this task but could not read its reward." */
  note: string;
  label: string;
  save: string;
}

/** The overlay's words; `perHour`, `active` and `left` hold `VALUE` where their value goes. */
export interface OverlayWords {
  name: string;
  move: string;
  expand: string;
  collapse: string;
  /** The view's own rate, formatted (null: no rate yet). */
  rate: string | null;
  noRate: string;
  /** With no minimum to count down to: the rate comes after a minute of active time. */
  rateSoon: string;
  perHour: string;
  active: string;
  /** The time left at or above the minimum, which the overlay leads with ("1:39:18 left at $7.25/h or more"). */
  left: string;
  /** The reward, formatted, or "reward unknown". */
  reward: string;
  /** What each band says, in words (the warning under the minimum names it). */
  status: Record<LiveView['band'], string>;
  /** The minimum or target was converted from the display currency: the mark, and its rates for hover. */
  converted?: { mark: string; title: string };
}

/**
 * Where a value goes in `perHour`, `active` and `left`: a private-use character, which no message holds. (Not NUL:
 * Chromium's `i18n.getMessage` drops a NUL substitution, which left "/h" and "active" with no value.)
 */
export const VALUE = '\uE000';

export const OVERLAY_MESSAGE = 'bg-cs-overlay';

export function isOverlayMessage(value: unknown): value is OverlayMessage {
  const m = value as Partial<OverlayMessage> | null;
  return m?.type === OVERLAY_MESSAGE && typeof m.key === 'string' && (m.live === null || typeof m.live?.view === 'object');
}
