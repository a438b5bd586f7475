/**
 * The per-task timer: a pure replay of the events the background recorded for one task. Durations are derived
 * from the stored stamps, never counted by timers, so nothing is lost when the service worker is stopped.
 */

/** A reading of both clocks. `mono` is `performance.timeOrigin + performance.now()` of the clock `origin`. */
export interface Stamp {
  wall: number;
  mono: number;
  origin: number;
}

export type Outcome = 'submitted' | 'returned' | 'expired';
export type TimerEventType = 'front' | 'not-front' | 'idle' | 'active' | 'crash' | 'outcome';

/**
 * `boot` counts background start-ups (stored); `n` counts events within one boot. Together they order events
 * whatever the wall clock does, and identify duplicates.
 */
export interface TimerEvent {
  boot: number;
  n: number;
  type: TimerEventType;
  at: Stamp;
  outcome?: Outcome;
}

export interface TimerState {
  activeMs: number;
  idleMs: number;
  front: boolean;
  idle: boolean;
  outcome: Outcome | null;
  /** Start of the open segment: the task is in front and time is accruing to active or idle. */
  openSince: Stamp | null;
}

export const initialTimer: TimerState = { activeMs: 0, idleMs: 0, front: false, idle: false, outcome: null, openSince: null };

/**
 * Time between two stamps: the monotonic clock when both come from the same one (so a wall-clock jump changes
 * nothing), the wall clock across background restarts; never negative.
 */
export function elapsed(from: Stamp, to: Stamp): number {
  const ms = from.origin === to.origin ? to.mono - from.mono : to.wall - from.wall;
  return ms > 0 ? ms : 0;
}

export function compareEvents(a: TimerEvent, b: TimerEvent): number {
  return a.boot - b.boot || a.n - b.n;
}

/** Sorted by (boot, n), duplicates dropped: replaying any arrival order gives the same result. */
export function orderEvents(events: readonly TimerEvent[]): TimerEvent[] {
  const sorted = [...events].sort(compareEvents);
  return sorted.filter((e, i) => i === 0 || compareEvents(sorted[i - 1]!, e) !== 0);
}

function close(state: TimerState, at: Stamp): TimerState {
  if (!state.openSince) return state;
  const ms = elapsed(state.openSince, at);
  return state.idle
    ? { ...state, idleMs: state.idleMs + ms, openSince: null }
    : { ...state, activeMs: state.activeMs + ms, openSince: null };
}

export function applyEvent(state: TimerState, event: TimerEvent): TimerState {
  // Once submitted, returned or expired, a task accrues nothing more.
  if (state.outcome) return state;
  const closed = close(state, event.at);
  switch (event.type) {
    case 'front':
      return { ...closed, front: true, openSince: event.at };
    case 'not-front':
    case 'crash':
      return { ...closed, front: false };
    case 'idle':
      return { ...closed, idle: true, openSince: closed.front ? event.at : null };
    case 'active':
      return { ...closed, idle: false, openSince: closed.front ? event.at : null };
    case 'outcome':
      return { ...closed, front: false, outcome: event.outcome ?? 'submitted' };
  }
}

/** The totals after every event, plus the open segment up to `now` when given (live display). */
export function replay(events: readonly TimerEvent[], now?: Stamp): TimerState {
  const state = orderEvents(events).reduce(applyEvent, initialTimer);
  return now ? { ...close(state, now), openSince: state.openSince } : state;
}
