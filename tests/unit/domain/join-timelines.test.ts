// One task stored twice by one browser (under an id with the worker's own id, and without it): its two timelines
// joined count every second each counted, whatever ended either copy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinTimelines } from '../../../lib/domain/join-timelines';
import { replay, type Stamp, type TimerEvent } from '../../../lib/domain/task-timer';

const T0 = 1_795_000_000_000;
const stamp = (s: number, origin = 0): Stamp => ({ wall: T0 + s * 1000, mono: origin + s * 1000, origin });

type Step =
  | { kind: 'front'; copy: 0 | 1; active: number; idle: number; submit: boolean }
  | { kind: 'gap'; s: number }
  | { kind: 'expire'; copy: 0 | 1 }
  | { kind: 'restart' };

/** What one browser's tracker writes for two copies of a task: never both in front; nothing after an outcome. */
function play(steps: Step[]): [TimerEvent[], TimerEvent[]] {
  const copies: [TimerEvent[], TimerEvent[]] = [[], []];
  const closed = [false, false];
  let [boot, n, s] = [1, 0, 0];
  const add = (copy: 0 | 1, type: TimerEvent['type'], outcome?: TimerEvent['outcome']) =>
    copies[copy].push({ boot, n: ++n, type, at: stamp(s, boot), ...(outcome ? { outcome } : {}) });
  for (const step of steps) {
    if (step.kind === 'gap') s += step.s;
    else if (step.kind === 'restart') [boot, n] = [boot + 1, 0];
    else if (closed[step.copy]) continue;
    else if (step.kind === 'expire') {
      add(step.copy, 'outcome', 'expired');
      closed[step.copy] = true;
    } else {
      add(step.copy, 'active');
      add(step.copy, 'front');
      s += step.active;
      if (step.idle) {
        add(step.copy, 'idle');
        s += step.idle;
      }
      if (step.submit) closed[step.copy] = true;
      if (step.submit) add(step.copy, 'outcome', 'submitted');
      else add(step.copy, 'not-front');
    }
  }
  return copies;
}

const copy = fc.constantFrom<0 | 1>(0, 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('front' as const), copy, active: fc.integer({ min: 0, max: 600 }), idle: fc.integer({ min: 0, max: 300 }), submit: fc.boolean() }),
  fc.record({ kind: fc.constant('gap' as const), s: fc.integer({ min: 1, max: 3600 }) }),
  fc.record({ kind: fc.constant('expire' as const), copy }),
  fc.constant({ kind: 'restart' as const }),
);

/** Drops the last `not-front` of a copy: it is left in front (the worker on it, or a stop before its next event). */
const leftOpen = (events: TimerEvent[]) => (events.at(-1)?.type === 'not-front' ? events.slice(0, -1) : events);

describe('joinTimelines', () => {
  it('counts the active and idle time of both copies, whichever ended first and however', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), fc.boolean(), fc.boolean(), (steps, openA, openB) => {
        const [a, b] = play(steps);
        const copies = [openA ? leftOpen(a) : a, openB ? leftOpen(b) : b];
        const joined = joinTimelines(copies)!;
        const [ra, rb, rj] = [replay(copies[0]!), replay(copies[1]!), replay(joined)];
        expect(rj.activeMs).toBe(ra.activeMs + rb.activeMs);
        expect(rj.idleMs).toBe(ra.idleMs + rb.idleMs);
        // At most one outcome: the last event, when it is one.
        const outcomes = joined.filter((e) => e.type === 'outcome');
        expect(outcomes.length <= 1 && (outcomes.length === 0 || joined.at(-1) === outcomes[0])).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the task open, in front, when the copy still in front is the later one', () => {
    const [a, b] = play([
      { kind: 'front', copy: 0, active: 300, idle: 0, submit: false },
      { kind: 'restart' },
      { kind: 'front', copy: 1, active: 120, idle: 0, submit: false },
    ]);
    const joined = joinTimelines([a, leftOpen(b)])!;
    expect(replay(joined).openSince).toEqual(b.at(-2)!.at);
    expect(replay(joined, stamp(420, 2)).activeMs).toBe(300_000 + 120_000);
  });

  it('joins a copy with a longer copy of itself, or with itself, as that copy', () => {
    const [a] = play([
      { kind: 'front', copy: 0, active: 30, idle: 10, submit: false },
      { kind: 'front', copy: 0, active: 50, idle: 0, submit: true },
    ]);
    expect(joinTimelines([a.slice(0, 3), a])).toEqual(a);
    expect(joinTimelines([a, [...a].reverse()])).toEqual(a);
  });

  it('is null when two copies hold different events under one (boot, n): not one browser’s', () => {
    const e: TimerEvent = { boot: 1, n: 1, type: 'front', at: stamp(0) };
    expect(joinTimelines([[e], [{ ...e, type: 'not-front' }]])).toBeNull();
  });
});
