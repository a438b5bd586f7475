import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay, type Stamp, type TimerEvent, type TimerEventType } from '../../../lib/domain/task-timer';
import { frontStretches } from '../../../lib/domain/work-stretches';

/*
 * Audit of DESIGN.md → Definitions → Time: the per-task reducer and the stretches in front. The expected figures
 * come from a simulation in *true* time: what happened, second by second, against which the clocks' readings
 * (wall jumps, background restarts with a new monotonic origin) must change nothing.
 */
const T0 = 1_800_000_000_000;

/** What happened to the task, in true time. */
type Step =
  | { kind: 'event'; type: Exclude<TimerEventType, 'crash' | 'outcome'>; dt: number }
  | { kind: 'restart'; dt: number; monoFromZero: boolean }
  | { kind: 'jump'; ms: number }
  | { kind: 'outcome'; dt: number };

interface Played {
  events: TimerEvent[];
  /** True active and idle time, and the true time in front. */
  active: number;
  idle: number;
  now: Stamp;
  /** Whether a wall jump happened while the task was in front across a restart (a case no clock can see). */
  blind: boolean;
}

function play(steps: readonly Step[]): Played {
  let t = T0; // true time
  let skew = 0; // wall − true
  let boot = 1;
  let n = 0;
  let origin = T0;
  let monoBase = T0; // mono at true time `bootAt`
  let bootAt = T0;
  const stamp = (): Stamp => ({ wall: t + skew, mono: monoBase + (t - bootAt), origin });
  const events: TimerEvent[] = [];
  let [front, idle, done, active, idleMs, blind] = [false, false, false, 0, 0, false];
  let jumpedSinceOpen = false;
  let restartedSinceOpen = false;
  const pass = (dt: number) => {
    if (front && !done) {
      if (idle) idleMs += dt;
      else active += dt;
    }
    t += dt;
  };
  for (const step of steps) {
    if (step.kind === 'jump') {
      skew += step.ms;
      if (front && !done) jumpedSinceOpen = true;
      continue;
    }
    pass(step.dt);
    if (step.kind === 'restart') {
      boot++;
      n = 0;
      origin = t + skew + 0.5; // performance.timeOrigin: the wall clock as the new background starts
      monoBase = step.monoFromZero ? 0 : origin;
      bootAt = t;
      if (front && !done) restartedSinceOpen = true;
      continue;
    }
    const type: TimerEventType = step.kind === 'outcome' ? 'outcome' : step.type;
    // A segment is measured between two events: across a restart by the wall clock, which a jump fools.
    if (front && !done && jumpedSinceOpen && restartedSinceOpen) blind = true;
    events.push({ boot, n: ++n, type, at: stamp(), ...(type === 'outcome' ? { outcome: 'submitted' as const } : {}) });
    if (!done) {
      if (type === 'front') front = true;
      if (type === 'not-front' || type === 'outcome') front = false;
      if (type === 'idle') idle = true;
      if (type === 'active') idle = false;
      if (type === 'outcome') done = true;
    }
    jumpedSinceOpen = false;
    restartedSinceOpen = false;
  }
  if (front && !done && jumpedSinceOpen && restartedSinceOpen) blind = true;
  return { events, active, idle: idleMs, now: stamp(), blind };
}

const dt = fc.integer({ min: 0, max: 120_000 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('event' as const), type: fc.constantFrom('front', 'not-front', 'idle', 'active'), dt }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), dt, monoFromZero: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('jump' as const), ms: fc.constantFrom(-3_600_000, 3_600_000, -1_000, 86_400_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('outcome' as const), dt }) },
);

describe('task timer against time as it happened', () => {
  it('counts every second in front exactly once, as active or idle, whatever the clocks and restarts do', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        const p = play(steps);
        const live = replay(p.events, p.now);
        expect(live.activeMs).toBeGreaterThanOrEqual(0);
        expect(live.idleMs).toBeGreaterThanOrEqual(0);
        if (p.blind) return; // a wall jump across a restart: no clock can tell (reported as a definition question)
        expect(live.activeMs).toBeCloseTo(p.active, 6);
        expect(live.idleMs).toBeCloseTo(p.idle, 6);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same totals whatever order the events arrive in, duplicated or not', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 20 }), fc.integer(), (steps, seed) => {
        const p = play(steps);
        const shuffled = [...p.events, ...p.events.filter((_, i) => (i + seed) % 3 === 0)];
        // A deterministic shuffle from the seed.
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = Math.abs((seed * (i + 7)) % (i + 1));
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(replay(shuffled, p.now)).toEqual(replay(p.events, p.now));
      }),
    );
  });

  it('the stretches in front add up to the task’s active and idle time', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), fc.boolean(), (steps, live) => {
        const p = play(steps);
        const now = live ? p.now : undefined;
        const state = replay(p.events, now);
        const stretches = frontStretches(p.events, now);
        const sum = (f: (s: (typeof stretches)[number]) => number) => stretches.reduce((a, s) => a + f(s), 0);
        for (const s of stretches) {
          expect(s.activeMs).toBeGreaterThanOrEqual(0);
          expect(s.idleMs).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeGreaterThan(s.start);
        }
        const counted = Math.round(state.activeMs) + Math.round(state.idleMs);
        // With no stretch to hold it (every stretch emptied by a wall jump), time can only be left out.
        if (stretches.length === 0) return;
        // The time of a stretch still open without `now` is not in the totals either.
        if (!live && state.openSince) return;
        expect(sum((s) => s.activeMs)).toBe(Math.round(state.activeMs));
        expect(sum((s) => s.idleMs)).toBe(Math.round(state.idleMs));
        expect(sum((s) => s.activeMs + s.idleMs)).toBe(counted);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('task timer, hand-made cases', () => {
  let n = 0;
  const ev = (type: TimerEventType, at: Stamp, boot = 1, extra: Partial<TimerEvent> = {}): TimerEvent => ({ boot, n: ++n, type, at, ...extra });
  const s = (sec: number, skew = 0, origin = T0, monoBase = origin): Stamp => ({ wall: T0 + sec * 1000 + skew, mono: monoBase + sec * 1000, origin });

  it('a wall clock moved back an hour while the monotonic one moves 1 s: 1 s, never negative or doubled', () => {
    expect(replay([ev('front', s(0)), ev('not-front', s(1, -3_600_000))]).activeMs).toBe(1_000);
    expect(replay([ev('front', s(0)), ev('not-front', s(1, 3_600_000))]).activeMs).toBe(1_000);
  });

  it('a crash ends the open stretch at the last heartbeat, never after it, and never before its start', () => {
    const crash = (at: Stamp): TimerEvent => ({ boot: 1, n: Number.MAX_SAFE_INTEGER, type: 'crash', at });
    expect(replay([ev('front', s(0)), crash(s(42))], s(9_999)).activeMs).toBe(42_000);
    // A heartbeat older than the stretch's start: nothing, not a negative.
    expect(replay([ev('front', s(50)), crash(s(42))], s(9_999)).activeMs).toBe(0);
    // Idle at the crash: the time since going idle is idle.
    expect(replay([ev('front', s(0)), ev('idle', s(10)), crash(s(42))], s(9_999))).toMatchObject({ activeMs: 10_000, idleMs: 32_000 });
  });

  it('a browser restart: the monotonic clock starts again from 0, the wall clock measures across it', () => {
    const later = T0 + 500_000; // the new clock's origin
    const events = [ev('front', s(0)), ev('not-front', { wall: T0 + 30_000, mono: 12, origin: later }, 2)];
    expect(replay(events).activeMs).toBe(30_000);
  });

  it('a stretch under way that a wall clock set back empties keeps its time with the task’s stretches', () => {
    // In front 0–10 s, then again from 20 s; at 50 s the clock is set back an hour; live at 80 s (true time).
    const events = [ev('front', s(0)), ev('not-front', s(10)), ev('front', s(20))];
    const now = s(80, -3_600_000);
    expect(replay(events, now).activeMs).toBe(70_000);
    const stretches = frontStretches(events, now);
    // The open stretch ends before it starts by the wall clock: left out, its 60 s go to the last stretch.
    expect(stretches.reduce((a, x) => a + x.activeMs, 0)).toBe(70_000);
  });

  it('events after the outcome change nothing, even a front with no end', () => {
    const events = [ev('front', s(0)), ev('outcome', s(5), 1, { outcome: 'returned' }), ev('front', s(6)), ev('idle', s(8))];
    expect(replay(events, s(100))).toMatchObject({ activeMs: 5_000, idleMs: 0, outcome: 'returned', openSince: null });
    expect(frontStretches(events, s(100))).toEqual([{ start: T0, end: T0 + 5_000, activeMs: 5_000, idleMs: 0 }]);
  });
});
