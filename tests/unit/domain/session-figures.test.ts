import { describe, expect, it } from 'vitest';
import { sessionViews, taskRate, type SessionEntry, type SessionTaskInput } from '../../../lib/domain/session-figures';

// A session's figures worked out by hand from DESIGN.md's "Work session" and "Rates": time where it happened,
// a task's outcome and money in the session of its last stretch.
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 30, 8, 0);
const m = (minutes: number) => T0 + minutes * MIN;
const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const settings = { displayCurrency: 'USD', exchangeRates: [], gapMs: 15 * MIN };

const task = (key: string, status: SessionTaskInput['status'], activeMin: number, extra: Partial<SessionTaskInput> = {}): SessionTaskInput => ({
  key, platform: key.split(':')[0]!, title: key, status, activeMs: activeMin * MIN, idleMs: 0, reward: null, ...extra,
});
const stretch = (key: string, from: number, to: number, activeMin: number, idleMin = 0): SessionEntry => ({
  start: m(from), end: m(to), platform: key.split(':')[0]!, taskKey: key, activeMs: activeMin * MIN, idleMs: idleMin * MIN,
});

const tasks = new Map(
  [
    task('mturk:A', 'submitted', 10, { idleMs: 2 * MIN, reward: usd(50) }),
    task('prolific:B', 'returned', 10, { reward: gbp(100) }),
    task('prolific:C', 'submitted', 30, { reward: gbp(200), bonus: gbp(50) }),
    task('mturk:D', 'open', 5, { reward: usd(10) }),
  ].map((t) => [t.key, t]),
);
const entries: SessionEntry[] = [
  stretch('mturk:A', 0, 12, 10, 2),
  { start: m(13), end: m(16), platform: 'mturk' },
  stretch('prolific:B', 20, 30, 10),
  stretch('prolific:C', 50, 65, 15), // 20 min after the latest end: a new session
  stretch('prolific:C', 100, 115, 15), // 35 min later: a third one
  stretch('mturk:D', 105, 110, 5),
];

describe('sessionViews', () => {
  const [first, second, third] = sessionViews(entries, tasks, settings, () => true);

  it('joins stretches within the gap and splits after it, across platforms', () => {
    expect([first, second, third].map((s) => [s!.start, s!.end, s!.platforms, s!.tasks.map((t) => t.key)])).toEqual([
      [m(0), m(30), ['mturk', 'prolific'], ['mturk:A', 'prolific:B']],
      [m(50), m(65), ['prolific'], ['prolific:C']],
      [m(100), m(115), ['prolific', 'mturk'], ['prolific:C', 'mturk:D']],
    ]);
  });

  it('counts its four parts where the stretches happened, and open tasks as in progress', () => {
    expect(first!.figures.time).toEqual({ paidActiveMs: 10 * MIN, unpaidActiveMs: 10 * MIN, platformMs: 3 * MIN, idleMs: 2 * MIN });
    expect(second!.figures.time).toEqual({ paidActiveMs: 15 * MIN, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 });
    expect(third!.figures.time).toEqual({ paidActiveMs: 15 * MIN, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 });
    expect([first!.inProgressMs, second!.inProgressMs, third!.inProgressMs]).toEqual([0, 0, 5 * MIN]);
  });

  it("puts a task's outcome and money in the session of its last stretch", () => {
    expect([first!.tasksDone, second!.tasksDone, third!.tasksDone]).toEqual([2, 0, 1]);
    expect(first!.figures.earnings).toEqual([usd(50)]);
    expect(second!.figures.earnings).toEqual([]);
    expect(third!.figures.earnings).toEqual([gbp(250)]);
  });

  it('gives the effective rate over the paid tasks’ whole active time, the true rate over the session’s work', () => {
    // $0.50 over 10 min: $3.00/h. True: $0.50 over 10 + 10 + 3 min = $1.304…/h → $1.30.
    expect(first!.figures.effective).toEqual([usd(300)]);
    expect(first!.figures.trueRate).toEqual({ rate: usd(130), converted: false });
    // Nothing earned in 15 min of work: zero, in the display currency.
    expect(second!.figures.trueRate).toEqual({ rate: usd(0), converted: false });
    // £2.50 over C's 30 min: £5.00/h; over the session's 15 paid minutes: £10.00/h.
    expect(third!.figures.effective).toEqual([gbp(500)]);
    expect(third!.figures.trueRate).toEqual({ rate: gbp(1000), converted: false });
  });

  it("lists each task with its own times and rate: paid and open ones have one, unpaid ones none", () => {
    expect(first!.tasks.map((t) => [t.key, t.rate])).toEqual([['mturk:A', usd(300)], ['prolific:B', null]]);
    expect(third!.tasks.map((t) => [t.key, t.rate])).toEqual([['prolific:C', gbp(500)], ['mturk:D', usd(120)]]);
    expect(taskRate(task('x:1', 'submitted', 0, { reward: usd(10) }))).toBeNull();
    // An open task's rate after a minute only; a submitted one's is what it was, however short.
    expect(taskRate({ ...task('x:2', 'open', 0, { reward: usd(10) }), activeMs: 59_999 })).toBeNull();
    expect(taskRate({ ...task('x:3', 'submitted', 0, { reward: usd(1) }), activeMs: 5_000 })).toEqual(usd(720));
  });

  it('lists only the sessions that start in the period, each whole', () => {
    const inPeriod = sessionViews(entries, tasks, settings, (start) => start >= m(40));
    expect(inPeriod.map((s) => s.start)).toEqual([m(50), m(100)]);
    // A wider gap joins them all; the one session starts before the period, so the period has none.
    expect(sessionViews(entries, tasks, { ...settings, gapMs: 40 * MIN }, (start) => start >= m(40))).toEqual([]);
  });
});
