import { describe, expect, it } from 'vitest';
import { replay, type Stamp, type TimerEvent } from '../../../lib/domain/task-timer';
import { frontStretches } from '../../../lib/domain/work-stretches';

// A task's stretches in front carry the active and idle time counted in each (DESIGN.md, "Work session": a
// session counts its stretches where they happened), and they add up to the task's own rounded totals.
let n = 0;
const at = (wall: number, mono = wall, origin = 0): Stamp => ({ wall, mono, origin });
const ev = (type: TimerEvent['type'], stamp: Stamp, outcome?: TimerEvent['outcome']): TimerEvent => ({ boot: 1, n: ++n, type, at: stamp, ...(outcome ? { outcome } : {}) });

describe('frontStretches', () => {
  it('splits each stretch into its active and idle time', () => {
    const events = [
      ev('front', at(0)), ev('idle', at(60_000)), ev('active', at(90_000)), ev('not-front', at(100_000)),
      ev('front', at(1_000_000)), ev('outcome', at(1_030_000), 'submitted'),
    ];
    expect(frontStretches(events)).toEqual([
      { start: 0, end: 100_000, activeMs: 70_000, idleMs: 30_000 },
      { start: 1_000_000, end: 1_030_000, activeMs: 30_000, idleMs: 0 },
    ]);
  });

  it('rounds so that the parts add up exactly to the rounded totals, however many stretches', () => {
    // Monotonic readings with fractions of a millisecond, as performance.now() gives them.
    const events: TimerEvent[] = [];
    for (let i = 0; i < 7; i++) {
      events.push(ev('front', at(i * 10_000, i * 10_000 + 0.3)), ev('not-front', at(i * 10_000 + 1_000, i * 10_000 + 1_000.7)));
    }
    const parts = frontStretches(events);
    const state = replay(events);
    expect(parts).toHaveLength(7);
    expect(parts.reduce((s, p) => s + p.activeMs, 0)).toBe(Math.round(state.activeMs)); // 7 × 1000.4 = 7002.8 → 7003
    // Cumulative 1000.4, 2000.8, 3001.2, 4001.6, 5002, 6002.4, 7002.8, rounded: 1000, 2001, 3001, 4002, 5002, 6002, 7003.
    expect(parts.map((p) => p.activeMs)).toEqual([1000, 1001, 1000, 1001, 1000, 1000, 1001]);
  });

  it('ends the stretch under way at now when asked, with the time so far', () => {
    const events = [ev('front', at(0)), ev('not-front', at(5_000)), ev('front', at(10_000)), ev('idle', at(12_000))];
    expect(frontStretches(events)).toEqual([{ start: 0, end: 5_000, activeMs: 5_000, idleMs: 0 }]);
    expect(frontStretches(events, at(20_000))).toEqual([
      { start: 0, end: 5_000, activeMs: 5_000, idleMs: 0 },
      { start: 10_000, end: 20_000, activeMs: 2_000, idleMs: 8_000, open: true },
    ]);
  });

  it('counts a stretch across a restart of the background by the wall clock, and keeps what a clock jump leaves', () => {
    // The wall clock went back 3 s inside the second stretch: it ends before it starts, so it is no stretch, but
    // the monotonic clock counted 2 s in it; they stay with the task's last stretch.
    const events = [
      ev('front', at(0, 0, 1)), ev('not-front', at(4_000, 4_000, 1)),
      ev('front', at(10_000, 10_000, 1)), ev('not-front', at(7_000, 12_000, 1)),
    ];
    expect(frontStretches(events)).toEqual([{ start: 0, end: 4_000, activeMs: 6_000, idleMs: 0 }]);
    expect(Math.round(replay(events).activeMs)).toBe(6_000);
  });
});
