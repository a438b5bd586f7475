import type { Stamp, TimerEvent } from '../../lib/domain/task-timer';
import { MIN } from './calendar';
import type { Rng } from './prng';

/**
 * The service worker's clocks through one day, as the tracker reads them: each start-up of the worker (the
 * browser opened for a session, or the worker woken again after the browser stopped it) is a new `boot` with a
 * new clock origin (`performance.timeOrigin`), and `mono` runs from it with sub-millisecond readings. Events get
 * their `n` (order within a boot) once the whole day is laid out, since a task's expiry is drawn before the
 * tasks that follow it.
 */
export class DayClock {
  private readonly boots: { boot: number; from: number; origin: number }[] = [];
  private readonly made: { event: TimerEvent; order: number }[] = [];

  /** Boots numbered from `firstBoot`: one at each session's start, then every 5–45 min until the next, or `until`. */
  constructor(r: Rng, firstBoot: number, starts: readonly number[], until: number) {
    let boot = firstBoot;
    starts.forEach((start, i) => {
      const end = starts[i + 1] ?? until;
      for (let from = start - r.int(200, 4_000); from < end; from += r.int(5 * MIN, 45 * MIN)) {
        // timeOrigin: when the worker started, to a tenth of a millisecond.
        this.boots.push({ boot: boot++, from, origin: from - r.int(5, 80) + r.int(0, 9) / 10 });
      }
    });
  }

  private segment(wall: number) {
    let found = this.boots[0]!;
    for (const b of this.boots) if (b.from <= wall) found = b;
    return found;
  }

  stamp(wall: number): Stamp {
    const { from, origin } = this.segment(wall);
    // performance.now() in a worker is coarsened to 0.1 ms; the fraction follows from the instant alone, so two
    // events at one instant (the tracker's [active, front]) share one stamp.
    return { wall, mono: origin + (wall - from) + ((wall * 7) % 10) / 10, origin };
  }

  event(type: TimerEvent['type'], wall: number, outcome?: TimerEvent['outcome']): TimerEvent {
    const event: TimerEvent = { boot: this.segment(wall).boot, n: 0, type, at: this.stamp(wall), ...(outcome ? { outcome } : {}) };
    this.made.push({ event, order: this.made.length });
    return event;
  }

  /** Numbers every event made, per boot, in time order (events at one instant in the order they were made). */
  number(): void {
    const counts = new Map<number, number>();
    const sorted = [...this.made].sort((a, b) => a.event.at.wall - b.event.at.wall || a.order - b.order);
    for (const { event } of sorted) {
      const n = (counts.get(event.boot) ?? 0) + 1;
      counts.set(event.boot, n);
      event.n = n;
    }
  }
}
