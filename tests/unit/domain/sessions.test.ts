import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workSessions, type WorkStretch } from '../../../lib/domain/sessions';

const MIN = 60_000;
const T = Date.UTC(2026, 10, 27, 8);
const at = (min: number) => T + min * MIN;
const task = (key: string, from: number, to: number, platform = 'mturk'): WorkStretch => ({ start: at(from), end: at(to), platform, taskKey: key });
const page = (platform: string, from: number, to: number): WorkStretch => ({ start: at(from), end: at(to), platform });

describe('workSessions (DESIGN.md contract)', () => {
  it('joins stretches at most 15 minutes apart, across platforms, and starts a new session after a longer gap', () => {
    const sessions = workSessions([
      task('mturk:A', 0, 10),
      page('mturk', 10, 12),
      task('prolific:S', 27, 40, 'prolific'), // 15 min after the latest end: the same session
      task('mturk:B', 56, 60), // 16 min after: a new one
      task('mturk:A', 61, 62), // a task met again: listed once
    ]);
    expect(sessions).toEqual([
      { start: at(0), end: at(40), platforms: ['mturk', 'prolific'], taskKeys: ['mturk:A', 'prolific:S'] },
      { start: at(56), end: at(62), platforms: ['mturk'], taskKeys: ['mturk:B', 'mturk:A'] },
    ]);
  });

  it('measures the gap from the latest end so far, not from the last stretch', () => {
    // A long stretch (0–60) holds a short one inside it (5–6); the next (70) is 10 min after the latest end.
    expect(workSessions([task('a', 0, 60), task('b', 5, 6), task('c', 70, 71)])).toHaveLength(1);
  });

  it('ignores stretches that end at or before their start, and takes the gap as a parameter', () => {
    expect(workSessions([task('a', 5, 5), task('b', 9, 3)])).toEqual([]);
    expect(workSessions([task('a', 0, 1), task('b', 4, 5)], 2 * MIN)).toHaveLength(2);
    expect(workSessions([task('a', 0, 1), task('b', 3, 5)], 2 * MIN)).toHaveLength(1);
  });

  const stretch = fc.record({
    start: fc.integer({ min: 0, max: 24 * 60 }),
    length: fc.integer({ min: -5, max: 90 }),
    platform: fc.constantFrom('mturk', 'prolific', 'custom:clickworker'),
    task: fc.option(fc.constantFrom('t1', 't2', 't3', 't4'), { nil: undefined }),
  }).map((s): WorkStretch => ({ start: at(s.start), end: at(s.start + s.length), platform: s.platform, ...(s.task ? { taskKey: s.task } : {}) }));

  it('puts every stretch in exactly one session, in time order, with more than the gap between sessions', () => {
    fc.assert(
      fc.property(fc.array(stretch, { maxLength: 40 }), fc.integer({ min: 0, max: 30 }), (stretches, gapMin) => {
        const gap = gapMin * MIN;
        const sessions = workSessions(stretches, gap);
        for (let i = 1; i < sessions.length; i++) expect(sessions[i]!.start - sessions[i - 1]!.end).toBeGreaterThan(gap);
        for (const s of stretches.filter((x) => x.end > x.start)) {
          const holding = sessions.filter((w) => w.start <= s.start && s.end <= w.end);
          expect(holding).toHaveLength(1);
          expect(holding[0]!.platforms).toContain(s.platform);
          if (s.taskKey) expect(holding[0]!.taskKeys).toContain(s.taskKey);
        }
        for (const w of sessions) {
          expect(new Set(w.platforms).size).toBe(w.platforms.length);
          expect(new Set(w.taskKeys).size).toBe(w.taskKeys.length);
          // A session starts and ends where its stretches do.
          const mine = stretches.filter((x) => x.end > x.start && x.start >= w.start && x.end <= w.end);
          expect(Math.min(...mine.map((x) => x.start))).toBe(w.start);
          expect(Math.max(...mine.map((x) => x.end))).toBe(w.end);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same sessions whatever order the stretches come in', () => {
    fc.assert(
      fc.property(fc.array(stretch, { maxLength: 30 }).chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))), ([list, shuffled]) => {
        const norm = (ws: ReturnType<typeof workSessions>) => ws.map((w) => ({ ...w, platforms: [...w.platforms].sort(), taskKeys: [...w.taskKeys].sort() }));
        expect(norm(workSessions(shuffled))).toEqual(norm(workSessions(list)));
      }),
      { numRuns: 300 },
    );
  });
});
