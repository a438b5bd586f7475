import { applyEvent, initialTimer, orderEvents, replay, type Stamp, type TimerEvent } from './task-timer';

export type { WorkStretch } from './sessions';

/** A stretch a task spent in front, in wall-clock ms, with how much of it was active and how much idle. */
export interface FrontStretch {
  start: number;
  end: number;
  activeMs: number;
  idleMs: number;
  /** Still running at `now` (only with `now` given): its end is `now`. */
  open?: true;
}

/**
 * The stretches a task spent in front (active or idle), from its timeline: each runs from a `front` event to the
 * `not-front`, `crash` or `outcome` that ends it. Each carries the active and idle time the timer counted in it,
 * so that a work session counts time where it happened (DESIGN.md, "Work session"); rounded so that the
 * stretches' parts add up exactly to the task's rounded totals (`Math.round` of `replay`), whatever their number.
 * With `now`, a stretch still open ends there (the task in front: its time so far); without, it is left out.
 * Empty stretches are left out; the little time a wall-clock jump leaves in one goes to the next stretch (to the
 * last one when it is the stretch under way).
 */
export function frontStretches(events: readonly TimerEvent[], now?: Stamp): FrontStretch[] {
  const stretches: FrontStretch[] = [];
  let state = initialTimer;
  let since: number | null = null;
  // Unrounded time counted so far, and what the stretches already pushed hold (rounded).
  let [active, idle, activeGiven, idleGiven] = [0, 0, 0, 0];
  // Time counted up to the last stretch that ended (time of a stretch still open is not in it).
  let [activeClosed, idleClosed] = [0, 0];
  const push = (start: number, end: number, open: boolean) => {
    // A stretch still open that a wall clock set back leaves empty: its time so far stays with the last stretch too.
    if (!open || end <= start) [activeClosed, idleClosed] = [active, idle];
    if (end <= start) return;
    const a = Math.round(active) - activeGiven;
    const i = Math.round(idle) - idleGiven;
    [activeGiven, idleGiven] = [activeGiven + a, idleGiven + i];
    stretches.push({ start, end, activeMs: a, idleMs: i, ...(open ? { open: true as const } : {}) });
  };
  for (const event of orderEvents(events)) {
    const next = applyEvent(state, event);
    active += next.activeMs - state.activeMs;
    idle += next.idleMs - state.idleMs;
    state = next;
    if (event.type === 'front') {
      if (since === null) since = event.at.wall;
    } else if (event.type === 'not-front' || event.type === 'crash' || event.type === 'outcome') {
      if (since !== null) push(since, event.at.wall, false);
      else [activeClosed, idleClosed] = [active, idle];
      since = null;
      if (event.type === 'outcome') break;
    }
  }
  if (now && since !== null && state.outcome === null) {
    const live = replay(events, now);
    [active, idle] = [live.activeMs, live.idleMs];
    push(since, now.wall, true);
  }
  // Time left over by an empty last stretch (a wall-clock jump) stays with the task's last stretch.
  const last = stretches[stretches.length - 1];
  if (last && !last.open) {
    last.activeMs += Math.round(activeClosed) - activeGiven;
    last.idleMs += Math.round(idleClosed) - idleGiven;
  }
  return stretches;
}
