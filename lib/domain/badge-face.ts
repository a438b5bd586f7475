/** What the toolbar badge shows for the task in front (DESIGN.md, "Rates"). Pure: time is passed in. */
import { badgeText, nextBandChange, RATE_AFTER_MS, type LiveState, type LiveView } from './live';
import { leftText, leftTextChange } from './time-left';

/**
 * `left`: the time left at or above the minimum; `rate`: the rate (under the minimum, or after a minute with no
 * minimum to count down to); `wait`: no minimum, and less than a minute of active time (a placeholder);
 * `none`: no reward, nothing to show.
 */
export type BadgeKind = 'left' | 'rate' | 'wait' | 'none';
/** The badge's colour: its band, or neutral (grey) where there is no band to tell. */
export type BadgeTone = 'good' | 'between' | 'under' | 'neutral';

export interface BadgeFace {
  kind: BadgeKind;
  text: string;
  tone: BadgeTone;
}

/** Language-neutral, so not a message: the rate comes after a minute (the badge's title says so in words). */
export const BADGE_WAIT = '…';

export function badgeFace(s: LiveState, minorDigits: number, decimal = '.'): BadgeFace {
  const tone: BadgeTone = s.band === 'no-minimum' || s.band === 'no-reward' ? 'neutral' : s.band;
  if (s.band === 'no-reward') return { kind: 'none', text: '', tone };
  if (s.leftMs !== null) return { kind: 'left', text: leftText(s.leftMs), tone };
  if (!s.showRate || !s.rate) return { kind: 'wait', text: BADGE_WAIT, tone };
  return { kind: 'rate', text: badgeText(s.rate, minorDigits, decimal), tone };
}

/**
 * How much more active time until the badge of a running task shows something else: its countdown's next text,
 * its band's next colour (the target), the crossing under the minimum, or the rate after a minute; a few ms past
 * each, so that the figures have changed by then. Null under the minimum (or with no reward): the rate moves on
 * slowly there, and the tracker's heartbeat redraws it.
 */
export function nextBadgeChange(task: Pick<LiveView, 'reward' | 'minimum' | 'target'>, s: LiveState): number | null {
  const band = nextBandChange(task, s.activeMs);
  const waits: number[] = band === null ? [] : [band];
  if (s.leftMs !== null) waits.push(leftTextChange(s.leftMs));
  else if (s.band !== 'no-reward' && !s.showRate) waits.push(RATE_AFTER_MS - s.activeMs);
  return s.band === 'under' || waits.length === 0 ? null : Math.max(0, Math.min(...waits)) + 5;
}
