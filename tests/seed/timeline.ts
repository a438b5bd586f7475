import type { TimerEvent } from '../../lib/domain/task-timer';
import { MIN, SEC } from './calendar';
import type { DayClock } from './clock';
import type { Rng } from './prng';

/** How one timed task goes, in the events the tracker records for it. */
export interface Work {
  /** When it comes to the front. */
  start: number;
  /** Time in front and active, interruptions left out. */
  workMs: number;
  /** Chances of one idle spell (the worker away from the keyboard) and one spell in another tab. */
  idleChance: number;
  awayChance: number;
  /** How it ends: submitted or returned when the work is done, or expired at its deadline (left in a background tab). */
  ending: 'submitted' | 'returned' | { expireAt: number };
}

/**
 * The timeline, as the tracker writes it: `[active, front]` at one instant when the task comes to the front,
 * `idle` / `active` when the idle state changes (`idle` only once the idle timeout has passed with no input),
 * `not-front` when another tab takes the front and `[active, front]` when it comes back, `outcome` at the end.
 * Returns the events and when the task ended (the outcome, or the last moment in front for an expiry).
 */
export function timeline(clock: DayClock, r: Rng, w: Work): { events: TimerEvent[]; end: number; lastFront: number } {
  const events = [clock.event('active', w.start), clock.event('front', w.start)];
  const breaks: { at: number; idle: boolean; ms: number }[] = [];
  if (r.chance(w.idleChance)) breaks.push({ at: r.next(), idle: true, ms: r.spread(20 * SEC, 2 * MIN, 25 * MIN) });
  if (r.chance(w.awayChance)) breaks.push({ at: r.next(), idle: false, ms: r.spread(5 * SEC, 40 * SEC, 6 * MIN) });
  breaks.sort((a, b) => a.at - b.at);
  let t = w.start;
  let done = 0;
  for (const b of breaks) {
    const upTo = Math.round(b.at * w.workMs);
    t += upTo - done;
    done = upTo;
    if (b.idle) {
      events.push(clock.event('idle', t));
      t += b.ms;
      events.push(clock.event('active', t));
    } else {
      events.push(clock.event('not-front', t));
      t += b.ms;
      events.push(clock.event('active', t), clock.event('front', t));
    }
  }
  t += w.workMs - done;
  if (typeof w.ending === 'string') {
    events.push(clock.event('outcome', t, w.ending));
    return { events, end: t, lastFront: t };
  }
  // Left in a background tab: it expires at its deadline (its alarm), later.
  events.push(clock.event('not-front', t));
  const expiry = Math.max(w.ending.expireAt, t + SEC);
  events.push(clock.event('outcome', expiry, 'expired'));
  return { events, end: expiry, lastFront: t };
}
