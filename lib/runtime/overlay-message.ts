import type { LiveView } from '../domain/live';

/** Where the overlay stands, in extension storage (never the page's). */
export const PLACE_KEY = 'overlay';

export interface OverlayPlace {
  x: number;
  y: number;
  collapsed: boolean;
}

/**
 * What the background sends the overlay it injected into a task tab (`bg-cs-overlay`): the task's live view at
 * `at` (wall ms), or null to take the overlay away. The amounts that do not move while the task runs come
 * formatted, so the page builds no `Intl` formatter before its first tick; `place` is read by the background,
 * so the page makes no storage round trip.
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
  text: { rate: string | null; reward: string | null; minimum: string; target: string };
  place: OverlayPlace;
}

export const OVERLAY_MESSAGE = 'bg-cs-overlay';

export function isOverlayMessage(value: unknown): value is OverlayMessage {
  const m = value as Partial<OverlayMessage> | null;
  return m?.type === OVERLAY_MESSAGE && typeof m.key === 'string' && (m.live === null || typeof m.live?.view === 'object');
}
