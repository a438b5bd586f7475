import { nextBadgeChange } from '../domain/badge-face';
import { liveState, type LiveState, type LiveView } from '../domain/live';

export interface BadgeTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: BadgeTimers = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What the badge shows, as last set through a clock (a new service worker's clock sets everything again). */
export interface BadgeShown {
  text?: string;
  color?: string;
  title?: string;
}

/**
 * Keeps the toolbar badge of the task in front up to date between the tracker's beats. Each beat reads the task
 * once (`updateBadge`) and hands its view here; while the task runs (in front, not idle, open), the clock moves
 * that view on locally, as the overlay does, and redraws the badge exactly when it next shows something else
 * (`nextBadgeChange`: each second in the last minute, each minute before, at the crossing under the minimum),
 * rather than reading the history every second. A new beat replaces the schedule; nothing runs while nothing
 * does. Draws happen one at a time, and only for the latest beat: a read that began earlier and ended later
 * (two beats at once) never draws over it.
 */
export class BadgeClock {
  /** Draws set only what changed (`updateBadge`). */
  readonly shown: BadgeShown = {};
  private ticket = 0;
  private timer: unknown;
  private drawing: Promise<void> = Promise.resolve();

  constructor(private readonly timers: BadgeTimers = realTimers) {}

  /** A beat begins reading: what came before stops, and reads begun earlier may no longer draw. */
  claim(): number {
    this.stop();
    return ++this.ticket;
  }

  stop(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  /** Draws with `draw` if `ticket` is still the latest beat, after any draw under way. */
  paint(ticket: number, draw: () => Promise<void>): Promise<void> {
    const run = this.drawing.then(() => (ticket === this.ticket ? draw() : undefined));
    this.drawing = run.catch(() => {});
    return run;
  }

  /**
   * Draws `view` (taken just now) for beat `ticket`, then, while it runs, again at each change; `tick` says
   * whether a draw comes from the clock rather than from the beat's own read.
   */
  follow(ticket: number, view: LiveView, draw: (state: LiveState, tick: boolean) => Promise<void>): Promise<void> {
    const at = this.timers.now();
    const stateAt = (now: number) => liveState(view, view.activeMs + (view.running ? Math.max(0, now - at) : 0));
    const schedule = () => {
      const wait = view.running ? nextBadgeChange(view, stateAt(this.timers.now())) : null;
      if (wait === null || ticket !== this.ticket) return;
      this.timer = this.timers.set(() => {
        this.timer = undefined;
        const next = stateAt(this.timers.now());
        void this.paint(ticket, () => draw(next, true))
          .catch((error: unknown) => console.warn('Centime: badge', error))
          .finally(schedule);
      }, Math.ceil(wait));
    };
    return this.paint(ticket, () => draw(stateAt(at), false)).finally(schedule);
  }
}
