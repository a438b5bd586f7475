import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  orderEvents,
  replay,
  type Stamp,
  type TimerEvent,
  type TimerEventType,
} from '../../../lib/domain/task-timer';

const ORIGIN = 1_795_000_000_000;
/** A stamp `s` seconds after the clock origin, with the wall clock off by `skewMs`. */
const at = (s: number, skewMs = 0, origin = ORIGIN): Stamp => ({
  wall: origin + s * 1000 + skewMs,
  mono: origin + s * 1000,
  origin,
});
let n = 0;
const ev = (type: TimerEventType, stamp: Stamp, boot = 1, extra: Partial<TimerEvent> = {}): TimerEvent => ({
  boot,
  n: ++n,
  type,
  at: stamp,
  ...extra,
});

describe('task timer', () => {
  it('counts active time while in front and idle time while in front and idle', () => {
    const state = replay([
      ev('front', at(0)),
      ev('idle', at(10)),
      ev('active', at(40)),
      ev('not-front', at(50)),
      ev('front', at(100)),
      ev('outcome', at(105), 1, { outcome: 'submitted' }),
    ]);
    expect(state).toMatchObject({ activeMs: 25_000, idleMs: 30_000, outcome: 'submitted', front: false });
  });

  it('accrues nothing in the background, and nothing after the outcome', () => {
    const state = replay([
      ev('idle', at(0)),
      ev('active', at(5)),
      ev('front', at(10)),
      ev('outcome', at(20), 1, { outcome: 'returned' }),
      ev('front', at(30)),
      ev('not-front', at(90)),
    ]);
    expect(state).toMatchObject({ activeMs: 10_000, idleMs: 0, outcome: 'returned' });
  });

  it('adds the open segment up to now for live display, without closing it', () => {
    const events = [ev('front', at(0))];
    expect(replay(events, at(7))).toMatchObject({ activeMs: 7_000, openSince: at(0) });
    expect(replay(events)).toMatchObject({ activeMs: 0, openSince: at(0) });
  });

  it.each([
    ['back', -3_600_000],
    ['forward', 3_600_000],
  ])('ignores the wall clock jumping an hour %s mid-task', (_, jump) => {
    const steady = replay([ev('front', at(0)), ev('idle', at(20)), ev('not-front', at(30))]);
    const jumped = replay([ev('front', at(0)), ev('idle', at(20, jump)), ev('not-front', at(30, jump))]);
    expect(jumped).toEqual(steady);
    expect(jumped).toMatchObject({ activeMs: 20_000, idleMs: 10_000 });
  });

  it('uses the wall clock across a background restart, never a negative duration', () => {
    const later = ORIGIN + 50_000; // the new worker's clock origin
    const state = replay([ev('front', at(0)), ev('not-front', at(10, 0, later), 2)]);
    expect(state.activeMs).toBe(60_000);
    // The wall clock went back across the restart: zero, not negative.
    expect(replay([ev('front', at(0)), ev('not-front', at(10, -3_600_000, later), 2)]).activeMs).toBe(0);
  });

  it('after a crash, ends the open stretch at the last heartbeat', () => {
    const lastSeen = at(42);
    // The background appends a crash event stamped with the last heartbeat, sorted last in the old boot.
    const state = replay([
      ev('front', at(0)),
      { boot: 1, n: Number.MAX_SAFE_INTEGER, type: 'crash', at: lastSeen },
      ev('front', at(1, 0, ORIGIN + 600_000), 2),
      ev('not-front', at(6, 0, ORIGIN + 600_000), 2),
    ]);
    expect(state.activeMs).toBe(47_000);
  });

  it('gives the same result for duplicate and out-of-order events', () => {
    const events = [ev('front', at(0)), ev('idle', at(10)), ev('active', at(15)), ev('not-front', at(25))];
    const expected = replay(events);
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: 4, maxLength: 4 }), fc.array(fc.nat(3)), (shuffled, dups) => {
        const withDups = [...shuffled, ...dups.map((i) => events[i]!)];
        expect(replay(withDups)).toEqual(expected);
      }),
    );
    expect(orderEvents([...events, ...events])).toEqual(events);
  });

  it('keeps the parts apart: active + idle never exceed the time in front, whatever the events', () => {
    const types: TimerEventType[] = ['front', 'not-front', 'idle', 'active', 'crash'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...types), fc.nat(60_000)), { maxLength: 40 }), (steps) => {
        let t = 0;
        const events = steps.map(([type, gap], i): TimerEvent => ({ boot: 1, n: i, type, at: at((t += gap) / 1000) }));
        const end = at(t / 1000 + 1);
        const state = replay([...events, { boot: 1, n: events.length, type: 'not-front', at: end }]);
        // Time in front, measured independently of the reducer.
        let front = 0;
        let since: number | null = null;
        for (const e of [...events, { type: 'not-front', at: end }]) {
          if (since !== null) front += e.at.mono - since;
          since = e.type === 'front' || (since !== null && e.type !== 'not-front' && e.type !== 'crash') ? e.at.mono : null;
        }
        expect(state.activeMs + state.idleMs).toBe(front);
        expect(state.activeMs).toBeGreaterThanOrEqual(0);
        expect(state.idleMs).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
