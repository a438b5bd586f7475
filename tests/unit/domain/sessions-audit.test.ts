import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workSessions, type WorkSession, type WorkStretch } from '../../../lib/domain/sessions';

/**
 * Adversarial checks of `workSessions` (DESIGN.md "Contracts that tests rely on") against a reference written
 * here in another way: two stretches are linked when their spans, each widened by the gap after its end, meet
 * (closed intervals: exactly `gapMs` apart joins); a session is a connected group of linked stretches. That is
 * "overlap or lie at most gapMs apart, measured from the latest end so far".
 */
function reference(stretches: readonly WorkStretch[], gapMs: number): WorkSession[] {
  const list = stretches.filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start);
  const parent = list.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.start <= b.end + gapMs && b.start <= a.end + gapMs) parent[root(i)] = root(j);
    }
  }
  const groups = new Map<number, WorkStretch[]>();
  list.forEach((s, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), s]));
  return [...groups.values()]
    .map((g) => ({
      start: Math.min(...g.map((s) => s.start)),
      end: Math.max(...g.map((s) => s.end)),
      platforms: [...new Set(g.map((s) => s.platform))].sort(),
      taskKeys: [...new Set(g.flatMap((s) => (s.taskKey === undefined ? [] : [s.taskKey])))].sort(),
    }))
    .sort((a, b) => a.start - b.start);
}

/** Platforms and tasks as sets: the contract says each once, not in which order. */
const norm = (sessions: WorkSession[]) => sessions.map((s) => ({ ...s, platforms: [...s.platforms].sort(), taskKeys: [...s.taskKeys].sort() }));

const MIN = 60_000;
const GAP = 15 * MIN;
const T = Date.UTC(2026, 10, 27, 8);
const s = (start: number, end: number, platform = 'mturk', taskKey?: string): WorkStretch => ({ start: T + start, end: T + end, platform, ...(taskKey === undefined ? {} : { taskKey }) });

describe('workSessions, adversarial', () => {
  it('equals the reference for any stretches, in any order, any gap (property)', () => {
    const stretch = fc.record({
      start: fc.integer({ min: 0, max: 300 }),
      length: fc.integer({ min: -3, max: 60 }),
      platform: fc.constantFrom('mturk', 'prolific', 'custom:a'),
      taskKey: fc.option(fc.constantFrom('t1', 't2', 't3'), { nil: undefined }),
    }).map((x) => s(x.start * MIN, (x.start + x.length) * MIN, x.platform, x.taskKey));
    fc.assert(
      fc.property(fc.array(stretch, { maxLength: 30 }), fc.integer({ min: 0, max: 40 }), (stretches, gapMin) => {
        expect(norm(workSessions(stretches, gapMin * MIN))).toEqual(reference(stretches, gapMin * MIN));
      }),
      { numRuns: 600 },
    );
  });

  it('equals the reference with the default gap, at millisecond resolution around 15 minutes (property)', () => {
    const stretch = fc.record({ start: fc.integer({ min: 0, max: 4 * GAP }), length: fc.integer({ min: 1, max: GAP }) })
      .map((x) => s(x.start, x.start + x.length));
    fc.assert(
      fc.property(fc.array(stretch, { maxLength: 12 }), (stretches) => {
        expect(norm(workSessions(stretches))).toEqual(reference(stretches, GAP));
      }),
      { numRuns: 400 },
    );
  });

  it('joins stretches exactly gapMs apart and splits them at gapMs + 1', () => {
    expect(workSessions([s(0, MIN), s(MIN + GAP, 2 * MIN + GAP)])).toHaveLength(1);
    expect(workSessions([s(0, MIN), s(MIN + GAP + 1, 2 * MIN + GAP)])).toHaveLength(2);
    expect(workSessions([s(0, MIN), s(MIN + 5, 2 * MIN)], 5)).toHaveLength(1);
    expect(workSessions([s(0, MIN), s(MIN + 6, 2 * MIN)], 5)).toHaveLength(2);
  });

  it('with gapMs = 0 joins stretches that touch or overlap, and splits at a gap of 1 ms', () => {
    expect(workSessions([s(0, MIN), s(MIN, 2 * MIN)], 0)).toHaveLength(1);
    expect(workSessions([s(0, MIN), s(30_000, 2 * MIN)], 0)).toHaveLength(1);
    expect(workSessions([s(0, MIN), s(MIN + 1, 2 * MIN)], 0)).toHaveLength(2);
  });

  it('measures from the latest end so far: a long stretch holding short ones, then a gap after the long one', () => {
    const long = s(0, 120 * MIN, 'mturk', 'long');
    const inner = [s(10 * MIN, 11 * MIN, 'mturk', 'a'), s(20 * MIN, 21 * MIN, 'prolific', 'b')];
    // 14 min after the long stretch's end (but 113 min after the last short one's): joins.
    const near = s(134 * MIN, 135 * MIN, 'mturk', 'c');
    // 16 min after that: a new session.
    const far = s(151 * MIN, 152 * MIN, 'mturk', 'd');
    const sessions = workSessions([far, inner[1]!, near, long, inner[0]!]);
    expect(norm(sessions)).toEqual([
      { start: T, end: T + 135 * MIN, platforms: ['mturk', 'prolific'], taskKeys: ['a', 'b', 'c', 'long'] },
      { start: T + 151 * MIN, end: T + 152 * MIN, platforms: ['mturk'], taskKeys: ['d'] },
    ]);
  });

  it('lists a duplicated stretch, platform and task once', () => {
    const a = s(0, MIN, 'mturk', 'k');
    expect(workSessions([a, a, { ...a }])).toEqual([{ start: T, end: T + MIN, platforms: ['mturk'], taskKeys: ['k'] }]);
  });

  it('ignores stretches whose times are not numbers (NaN, ±Infinity) or that end at or before their start', () => {
    const good = s(0, MIN);
    const sessions = workSessions([
      good, { start: Number.NaN, end: T + 2 * MIN, platform: 'x' }, { start: T, end: Number.NaN, platform: 'x' },
      { start: T + 2 * MIN, end: Number.POSITIVE_INFINITY, platform: 'x' }, { start: Number.NEGATIVE_INFINITY, end: T, platform: 'x' },
      s(5 * MIN, 5 * MIN, 'y'), s(9 * MIN, 3 * MIN, 'y'),
    ]);
    expect(sessions).toEqual([{ start: T, end: T + MIN, platforms: ['mturk'], taskKeys: [] }]);
  });

  it('never splits overlapping stretches, whatever the gap (even under zero or NaN)', () => {
    for (const gap of [-5 * MIN, -1, Number.NaN]) {
      const sessions = workSessions([s(0, 10 * MIN, 'a'), s(8 * MIN, 12 * MIN, 'b')], gap);
      expect(norm(sessions)).toEqual([{ start: T, end: T + 12 * MIN, platforms: ['a', 'b'], taskKeys: [] }]);
    }
  });

  it('keeps a task without taskKey out of taskKeys, and an empty-string key in it', () => {
    expect(workSessions([s(0, MIN, 'mturk'), s(MIN, 2 * MIN, 'mturk', '')])[0]?.taskKeys).toEqual(['']);
  });

  it('does not change its input (property)', () => {
    const stretch = fc.record({ start: fc.integer({ min: 0, max: 100 }), end: fc.integer({ min: 0, max: 100 }), platform: fc.constantFrom('a', 'b') });
    fc.assert(
      fc.property(fc.array(stretch, { maxLength: 15 }), (stretches) => {
        const before = structuredClone(stretches);
        const frozen = Object.freeze(stretches.map((x) => Object.freeze({ ...x })));
        workSessions(frozen, 5);
        workSessions(stretches, 5);
        expect(stretches).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it('returns sessions in time order with more than the gap between them, and none for no stretches', () => {
    expect(workSessions([])).toEqual([]);
    const sessions = workSessions([s(100 * MIN, 101 * MIN), s(0, MIN), s(50 * MIN, 51 * MIN)]);
    expect(sessions.map((w) => (w.start - T) / MIN)).toEqual([0, 50, 100]);
  });
});
