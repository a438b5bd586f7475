import { describe, expect, it } from 'vitest';
import type { World } from './world';
import { reckon } from './reckon';
import { DEFAULT_WORLD_SETTINGS, hit, page, Script, usd } from './script';

// Each expected figure is worked out by hand from DESIGN.md's Definitions ("Work session", "Rates"), in the
// comments beside it.
const S = 1_000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 2, 10, 15, 0, 0); // Tuesday 2026-03-10 15:00 UTC

const withGap = (min: number) => ({ ...DEFAULT_WORLD_SETTINGS, sessionGapMin: min });
const noTime = { paidActiveMs: 0, unpaidActiveMs: 0, idleMs: 0, platformMs: 0 };

/** A HIT worked `from` for `min` minutes in tab `tab`, submitted ("HIT Submitted"), then a browser page. */
function worked(w: Script, tab: number, n: number, from: number, min: number): Script {
  const h = hit(n, usd(50), { acceptedAt: from });
  return w.add(h)
    .at(from, { kind: 'open', tab, page: page.task(h) })
    .at(from + min * MIN, { kind: 'claim', tab, outcome: 'submitted' }, { kind: 'go', tab, page: page.list('submitted') }, { kind: 'go', tab, page: page.newtab() });
}

describe('the oracle: work sessions, weeks and months', () => {
  const split = (gapMin: number): World => {
    const h = hit(1, usd(60), { acceptedAt: T0, allottedSec: 3600 });
    return new Script(T0, 'UTC', withGap(gapMin)).add(h)
      .at(T0, { kind: 'open', tab: 1, page: page.task(h) })
      .at(T0 + 10 * MIN, { kind: 'open', tab: 2, page: page.newtab() }) // 20 minutes away: nothing accrues
      .at(T0 + 30 * MIN, { kind: 'switch', tab: 1 })
      .at(T0 + 35 * MIN, { kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.list('submitted') })
      .at(T0 + 40 * MIN, { kind: 'go', tab: 1, page: page.newtab() }, { kind: 'popup' }).world;
  };
  const h1 = { key: 'mturk:A0001', platform: 'mturk', status: 'submitted', activeMs: 15 * MIN, idleMs: 0, reward: usd(60), bonus: null, rate: usd(240) };

  it('splits two sessions at a gap over the setting; the task’s outcome and money go to its last stretch’s session', () => {
    const [f] = reckon(split(15)).checkpoints;
    // Stretches: the HIT 0–10 min, then 30–35 min, the list page 35–40 min. The 20-minute gap is over 15: two sessions.
    // The first counts the HIT's first 10 minutes as paid active (it was submitted), but not its outcome nor its money:
    // they belong to its last stretch's session. With working time and nothing earned, its true rate is zero.
    // The task's own figures are its whole: 15 min active; 60 ¢ over 15 min = 240 ¢/h.
    expect(f!.periods.day.sessions).toEqual([
      {
        start: T0, end: T0 + 10 * MIN, platforms: ['mturk'], time: { ...noTime, paidActiveMs: 10 * MIN }, inProgressMs: 0, tasksDone: 0,
        earned: {}, rates: { effective: {}, true: { kind: 'single', currency: 'USD', minor: 0 } }, tasks: [h1],
      },
      // The second: 5 min paid, 5 min platform; the HIT done, 60 ¢. Effective: 60 ¢ over the HIT's whole active time
      // (15 min) = 240 ¢/h; true: 60 ¢ over this session's 5 + 5 min = 360 ¢/h.
      {
        start: T0 + 30 * MIN, end: T0 + 40 * MIN, platforms: ['mturk'], time: { ...noTime, paidActiveMs: 5 * MIN, platformMs: 5 * MIN }, inProgressMs: 0,
        tasksDone: 1, earned: { USD: 60 }, rates: { effective: { USD: 240 }, true: { kind: 'single', currency: 'USD', minor: 360 } }, tasks: [h1],
      },
    ]);
    // The sessions' parts add up to the day's (15 min paid, 5 min platform): nothing crossed midnight.
    expect(f!.periods.day).toMatchObject({ time: { ...noTime, paidActiveMs: 15 * MIN, platformMs: 5 * MIN }, tasksDone: 1, crossesMidnight: false });
  });

  it('joins them when the gap is at most the setting', () => {
    const [f] = reckon(split(20)).checkpoints;
    // A gap of exactly 20 minutes is not over 20: one session, 15 min paid and 5 min platform; true: 60 ¢ over 20 min.
    expect(f!.periods.day.sessions).toEqual([{
      start: T0, end: T0 + 40 * MIN, platforms: ['mturk'], time: { ...noTime, paidActiveMs: 15 * MIN, platformMs: 5 * MIN }, inProgressMs: 0,
      tasksDone: 1, earned: { USD: 60 }, rates: { effective: { USD: 240 }, true: { kind: 'single', currency: 'USD', minor: 180 } }, tasks: [h1],
    }]);
    expect(reckon(split(19)).checkpoints[0]!.periods.day.sessions).toHaveLength(2);
  });

  it('keeps a session on the day it starts: a task across midnight, and the popup told the parts do not add up', () => {
    const late = Date.UTC(2026, 2, 10, 23, 50); // Tuesday 23:50 UTC
    const w = worked(new Script(late, 'UTC'), 1, 2, late, 20).at(late + 25 * MIN, { kind: 'popup' }).world;
    const [f] = reckon(w).checkpoints;
    // The HIT 23:50–00:10, submitted on Wednesday: the day's totals count its 20 minutes on Wednesday, but its one
    // session starts on Tuesday. Today (Wednesday) lists no session, and its parts (0) differ from the day's (20 min).
    expect(f!.periods.day).toMatchObject({ from: '2026-03-11', to: '2026-03-11', sessions: [], tasksDone: 1, crossesMidnight: true });
    expect(f!.periods.day.time).toEqual({ ...noTime, paidActiveMs: 20 * MIN });
    // The week (from Monday 9 March) holds both days: the session is in it and the parts agree.
    expect(f!.periods.week).toMatchObject({ from: '2026-03-09', to: '2026-03-15', crossesMidnight: false });
    expect(f!.periods.week.sessions.map((x) => [x.start, x.end, x.time.paidActiveMs, x.tasksDone])).toEqual([[late, late + 20 * MIN, 20 * MIN, 1]]);
  });

  it('starts the week on the worker’s first day: Sunday, Monday or Saturday', () => {
    const saturday = Date.UTC(2026, 2, 7, 10, 0);
    const script = () => {
      const w = new Script(saturday, 'UTC');
      worked(w, 1, 3, saturday, 10); // Saturday 7 March
      worked(w, 2, 4, saturday + 24 * HOUR, 10); // Sunday 8
      worked(w, 3, 5, saturday + 48 * HOUR, 10); // Monday 9
      return w.at(saturday + 50 * HOUR, { kind: 'popup' }).world;
    };
    const week = (firstDay: number) => {
      const w = script();
      w.firstDay = firstDay;
      const p = reckon(w).checkpoints[0]!.periods.week;
      return { from: p.from, to: p.to, days: Object.keys(p.days), sessions: p.sessions.map((x) => new Date(x.start).toISOString().slice(0, 10)), paid: p.time.paidActiveMs };
    };
    // Today is Monday 9 March. From Monday: 9–15; from Sunday: 8–14; from Saturday: 7–13.
    expect(week(1)).toEqual({ from: '2026-03-09', to: '2026-03-15', days: ['2026-03-09'], sessions: ['2026-03-09'], paid: 10 * MIN });
    expect(week(7)).toEqual({ from: '2026-03-08', to: '2026-03-14', days: ['2026-03-08', '2026-03-09'], sessions: ['2026-03-08', '2026-03-09'], paid: 20 * MIN });
    expect(week(6)).toEqual({ from: '2026-03-07', to: '2026-03-13', days: ['2026-03-07', '2026-03-08', '2026-03-09'], sessions: ['2026-03-07', '2026-03-08', '2026-03-09'], paid: 30 * MIN });
  });

  it('ends the month on its last local day, in the time zone now', () => {
    // Paris is UTC+2 from 29 March: 21:30 UTC on the 31st is 23:30 there; 22:30 UTC is 00:30 on 1 April.
    const march = Date.UTC(2026, 2, 31, 21, 30);
    const w = new Script(march, 'Europe/Paris');
    worked(w, 1, 6, march, 10);
    worked(w, 2, 7, march + HOUR, 10);
    const [f] = reckon(w.at(march + 10 * HOUR, { kind: 'popup' }).world).checkpoints;
    // April 1st, a Wednesday: this month is 1–30 April (the second HIT's session and day only); this week, from
    // Monday 30 March, holds both.
    expect(f!.periods.month).toMatchObject({ from: '2026-04-01', to: '2026-04-30', tasksDone: 1, crossesMidnight: false });
    expect(Object.keys(f!.periods.month.days)).toEqual(['2026-04-01']);
    expect(f!.periods.month.sessions.map((x) => x.start)).toEqual([march + HOUR]);
    expect(f!.periods.week).toMatchObject({ from: '2026-03-30', to: '2026-04-05', tasksDone: 2 });
    expect(f!.periods.week.sessions.map((x) => x.start)).toEqual([march, march + HOUR]);
    expect(reckon(new Script(Date.UTC(2028, 1, 10), 'UTC').at(Date.UTC(2028, 1, 10), { kind: 'popup' }).world).checkpoints[0]!.periods.month)
      .toMatchObject({ from: '2028-02-01', to: '2028-02-29' }); // a leap year's February
  });

  it('counts the platform page worked on now in today, its period and its session, up to now', () => {
    const w = new Script(T0, 'UTC')
      .at(T0, { kind: 'open', tab: 1, page: page.list() })
      .at(T0 + 3 * MIN, { kind: 'popup' })
      .at(T0 + 5 * MIN, { kind: 'go', tab: 1, page: page.newtab() }, { kind: 'popup' }).world;
    const [open, closed] = reckon(w).checkpoints;
    // Under way: 3 minutes of platform time today (not yet a recorded stretch: the day's own totals have none).
    expect(open!.days).toEqual({});
    expect(open!.periods.week.days['2026-03-10']!.time).toEqual({ ...noTime, platformMs: 3 * MIN });
    expect(open!.periods.week).toMatchObject({ time: { ...noTime, platformMs: 3 * MIN }, crossesMidnight: false });
    expect(open!.periods.week.sessions.map((x) => [x.start, x.end, x.platforms, x.time.platformMs])).toEqual([[T0, T0 + 3 * MIN, ['mturk'], 3 * MIN]]);
    // Ended: a recorded stretch of 5 minutes on its day.
    expect(closed!.days['2026-03-10|mturk']!.platformMs).toBe(5 * MIN);
    expect(closed!.periods.day.time.platformMs).toBe(5 * MIN);
  });

  it('shows open tasks and the manual timer as in progress; bonus income and untimed money are in no session', () => {
    const h = hit(8, usd(50), { acceptedAt: T0 });
    const ghost = hit(9, usd(120), { acceptedAt: T0 - 24 * HOUR });
    const w = new Script(T0, 'UTC').add(h, ghost)
      .at(T0, { kind: 'dashboard', available: usd(1000), bonuses: usd(300), rows: [] }, { kind: 'open', tab: 1, page: page.task(h) })
      .at(T0 + 30 * S, { kind: 'popup' })
      .at(T0 + 60 * S, { kind: 'idle', idle: true })
      .at(T0 + 90 * S, { kind: 'idle', idle: false })
      .at(T0 + 120 * S, { kind: 'popup' }, { kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.list('submitted') })
      .at(T0 + 150 * S, { kind: 'dashboard', available: usd(1100), bonuses: usd(375), rows: [{ task: ghost.key, state: 'Approved', reward: usd(120), date: '2026-03-10' }] },
        { kind: 'go', tab: 1, page: page.newtab() }, { kind: 'popup' })
      .at(T0 + 10 * MIN, { kind: 'manual-start' })
      .at(T0 + 12 * MIN, { kind: 'popup' });
    const [early, open, done, manual] = reckon(w.world).checkpoints.map((c) => c.periods.day);
    // At 30 s of active time, no rate yet: "a rate from a few seconds means nothing" (DESIGN.md → Rates).
    expect(early!.sessions[0]!.tasks).toMatchObject([{ key: h.key, status: 'open', activeMs: 30 * S, rate: null }]);
    // Open: 90 s active and 30 s idle so far, all in progress; no part yet, so no true rate. Its rate: 50 ¢ / 90 s.
    expect(open).toMatchObject({ inProgressMs: 120 * S, time: noTime, crossesMidnight: false });
    expect(open!.sessions).toEqual([{
      start: T0, end: T0 + 120 * S, platforms: ['mturk'], time: noTime, inProgressMs: 120 * S, tasksDone: 0, earned: {},
      rates: { effective: {}, true: { kind: 'none' } },
      tasks: [{ key: h.key, platform: 'mturk', status: 'open', activeMs: 90 * S, idleMs: 30 * S, reward: usd(50), bonus: null, rate: usd(2000) }],
    }]);
    // Submitted, then 30 s on the list page. The day earns 50 ¢ + the untimed $1.20 + 75 ¢ of bonus income; its true
    // rate divides 50 + 75 ¢ by 90 + 30 s (3750 ¢/h). The session earns the HIT's 50 ¢ only: 1500 ¢/h.
    expect(done).toMatchObject({ earned: { USD: 245 }, bonusIncome: { USD: 75 }, tasksDone: 1, rates: { effective: { USD: 2000 }, true: { kind: 'single', currency: 'USD', minor: 3750 } } });
    expect(done!.sessions.map((x) => [x.time, x.earned, x.rates.true])).toEqual([
      [{ paidActiveMs: 90 * S, unpaidActiveMs: 0, idleMs: 30 * S, platformMs: 30 * S }, { USD: 50 }, { kind: 'single', currency: 'USD', minor: 1500 }],
    ]);
    // The manual timer 7.5 minutes later (under the 15-minute gap): the same session, its 2 minutes in progress.
    expect(manual!.sessions).toHaveLength(1);
    expect(manual!.sessions[0]).toMatchObject({ end: T0 + 12 * MIN, platforms: ['mturk', 'manual'], inProgressMs: 2 * MIN });
    expect(manual).toMatchObject({ inProgressMs: 2 * MIN, crossesMidnight: false });
  });
});
