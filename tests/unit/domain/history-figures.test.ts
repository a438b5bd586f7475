import { describe, expect, it } from 'vitest';
import type { ConversionSettings } from '../../../lib/domain/figures';
import { chartSeries } from '../../../lib/domain/history-chart';
import { everyGroup, groupFigures, totalFigures, type FiguresQuery } from '../../../lib/domain/history-figures';
import { requesterFigures, type RequesterRow } from '../../../lib/domain/requester-figures';
import { recompute, type SummaryTask } from '../../../lib/domain/summary';

// The history's figures per day, week and month, per requester, and the charts' series, worked out by hand
// (DESIGN.md, "Rates": effective per currency over the paid active time of the tasks paid in it; true over paid
// active + unpaid active + platform time, converted and marked when several currencies; idle in neither).
const MIN = 60_000;
const DAY = 86_400_000;
const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const at = (iso: string) => Date.parse(iso);
const withRate: ConversionSettings = { displayCurrency: 'USD', exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.25 }] };
const noRate: ConversionSettings = { displayCurrency: 'USD', exchangeRates: [] };

const task = (over: Partial<SummaryTask>): SummaryTask => ({
  platform: 'mturk', status: 'submitted', endedAt: at('2026-11-27T10:00Z'), reward: null, activeMs: 0, idleMs: 0, ...over,
});

/**
 * Friday 27 November 2026: a $4.00 MTurk HIT over 30 min (and 2 min idle), 3 min on MTurk's pages, a £3.00
 * Prolific study over 20 min and a returned one of 5 min. Monday 30 November: a $1.00 HIT over 6 min.
 */
const aggregates = recompute(
  [
    task({ reward: usd(400), activeMs: 30 * MIN, idleMs: 2 * MIN }),
    task({ platform: 'prolific', reward: gbp(300), activeMs: 20 * MIN }),
    task({ platform: 'prolific', status: 'returned', reward: gbp(100), activeMs: 5 * MIN }),
    task({ reward: usd(100), activeMs: 6 * MIN, endedAt: at('2026-11-30T09:00Z') }),
  ],
  [{ platform: 'mturk', start: { wall: at('2026-11-27T09:12Z') }, ms: 3 * MIN }],
  'UTC',
);
const byDay: FiguresQuery = { from: '2026-11-23', to: '2026-12-06', grouping: 'day', firstDay: 1 };

describe('the history’s figures per day, week and month', () => {
  it('gives a day across MTurk and Prolific its earnings per currency, four parts and both rates, converted and marked', () => {
    const [fri, mon] = groupFigures(byDay, { aggregates, rows: [], approvals: [] }, withRate, 'UTC');
    expect(fri!.from).toBe('2026-11-27');
    expect(fri!.figures.earnings).toEqual([gbp(300), usd(400)]);
    expect(fri!.figures.time).toEqual({ paidActiveMs: 50 * MIN, unpaidActiveMs: 5 * MIN, platformMs: 3 * MIN, idleMs: 2 * MIN });
    // £3.00 / 20 min = £9.00/h; $4.00 / 30 min = $8.00/h: each currency over its own tasks' time.
    expect(fri!.figures.effective).toEqual([gbp(900), usd(800)]);
    // (£3.00 × 1.25 = $3.75) + $4.00 = $7.75 over 58 min (idle left out): 775 × 60 / 58 = 801.72 → $8.02/h.
    expect(fri!.figures.trueRate).toEqual({ rate: usd(802), converted: true, rates: withRate.exchangeRates });
    expect(fri!.tasksDone).toBe(3);
    expect(mon!.figures.trueRate).toEqual({ rate: usd(1000), converted: false });
  });

  it('says which exchange rate is missing instead of a true rate when several currencies cannot be converted', () => {
    const [fri] = groupFigures(byDay, { aggregates, rows: [], approvals: [] }, noRate, 'UTC');
    expect(fri!.figures.trueRate).toEqual({ missing: ['GBP'], currency: 'USD' });
    expect(fri!.figures.effective).toEqual([gbp(900), usd(800)]);
  });

  it('groups by the locale’s week (Sunday start puts Monday 30th with the Friday before) and cuts the range', () => {
    const weeks = groupFigures({ ...byDay, grouping: 'week', firstDay: 7 }, { aggregates, rows: [], approvals: [] }, withRate, 'UTC');
    // Sunday 22 – Saturday 28 November, cut to the range's first day (23rd); then Sunday 29 – Saturday 5 December.
    expect(weeks.map((w) => [w.from, w.to])).toEqual([['2026-11-23', '2026-11-28'], ['2026-11-29', '2026-12-05']]);
    const monday = groupFigures({ ...byDay, grouping: 'week', firstDay: 1 }, { aggregates, rows: [], approvals: [] }, withRate, 'UTC');
    expect(monday.map((w) => [w.from, w.to, w.tasksDone])).toEqual([['2026-11-23', '2026-11-29', 3], ['2026-11-30', '2026-12-06', 1]]);
    const months = groupFigures({ ...byDay, grouping: 'month' }, { aggregates, rows: [], approvals: [] }, withRate, 'UTC');
    // The months are cut to the range asked for: 23–30 November, then 1–6 December (nothing in it: left out).
    expect(months.map((m) => [m.from, m.to])).toEqual([['2026-11-23', '2026-11-30']]);
  });

  it('counts rejections among decided tasks and the median delay of the approvals dated in each group', () => {
    const rows = [
      { status: 'approved', day: '2026-11-27' }, { status: 'rejected', day: '2026-11-27' },
      { status: 'submitted', day: '2026-11-27' }, { status: 'returned', day: '2026-11-27' },
    ];
    const submitted = at('2026-11-20T10:00Z');
    const approvals = [
      { at: at('2026-11-27T08:00Z'), submittedAt: submitted }, // 7 d minus 2 h
      { at: at('2026-11-27T09:00Z'), submittedAt: submitted + 3 * DAY },
      { at: at('2026-11-27T11:00Z'), submittedAt: submitted + 6 * DAY },
      { at: at('2026-11-27T12:00Z') }, // no known submission: no delay
    ];
    const [fri] = groupFigures(byDay, { aggregates, rows, approvals }, withRate, 'UTC');
    expect(fri).toMatchObject({ decided: 2, rejected: 1, rejectionRate: 0.5 });
    // Delays 7 d − 2 h, 4 d − 1 h and 1 d + 1 h: the median is 4 d − 1 h.
    expect(fri!.delays).toEqual({ count: 3, medianMs: 4 * DAY - 60 * MIN });
    const total = totalFigures(byDay, { aggregates, rows, approvals: approvals.slice(0, 2) }, withRate)!;
    // Two delays only: under the 3 that a median needs (as expected payment dates).
    expect(total.delays).toEqual({ count: 2, medianMs: null });
    expect(total.figures.earnings).toEqual([gbp(300), usd(500)]);
  });
});

describe('the charts’ series', () => {
  it('puts every day of the range on the axis, earnings and true rate in the display currency, parts stacked', () => {
    const q: FiguresQuery = { ...byDay, from: '2026-11-27', to: '2026-11-30' };
    const series = chartSeries(everyGroup(q, groupFigures(q, { aggregates, rows: [], approvals: [] }, withRate, 'UTC'), withRate), withRate);
    expect(series.days).toEqual(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']);
    expect(series.currency).toBe('USD');
    expect(series.earnings).toEqual([7.75, 0, 0, 1]);
    expect(series.trueRate).toEqual([8.02, null, null, 10]);
    // Friday: 50 min paid, 5 unpaid, 3 platform, 2 idle → stacked to 50, 55, 58, 60 minutes (in hours).
    expect(series.stacked.map((s) => s[0]! * 60)).toEqual([50, 55, 58, 60].map((m) => expect.closeTo(m, 9)));
    expect(series.parts.idle[0]! * 60).toBeCloseTo(2, 9);
  });

  it('leaves a gap, not a guess, where a currency has no exchange rate, and converts a one-currency rate', () => {
    const q: FiguresQuery = { ...byDay, from: '2026-11-27', to: '2026-11-27' };
    const gbpOnly = recompute([task({ platform: 'prolific', reward: gbp(300), activeMs: 20 * MIN })], [], 'UTC');
    const none = chartSeries(everyGroup(q, groupFigures(q, { aggregates, rows: [], approvals: [] }, noRate, 'UTC'), noRate), noRate);
    expect(none.earnings).toEqual([null]);
    expect(none.trueRate).toEqual([null]);
    // A day paid only in pounds has its true rate in pounds (£9.00/h): on the dollar axis, $11.25/h.
    const one = chartSeries(everyGroup(q, groupFigures(q, { aggregates: gbpOnly, rows: [], approvals: [] }, withRate, 'UTC'), withRate), withRate);
    expect(one.trueRate).toEqual([11.25]);
    expect(one.earnings).toEqual([3.75]);
  });
});

describe('per requester', () => {
  const row = (over: Partial<RequesterRow>): RequesterRow => ({
    platform: 'mturk', requesterName: 'Lab A', requesterId: 'A1', requester: 'A1', status: 'approved',
    reward: usd(100), activeMs: 10 * MIN, idleMs: 0, day: '2026-11-27', endedAt: at('2026-11-27T10:00Z'), ...over,
  });
  const submitted = at('2026-11-20T10:00Z');

  it('gives a requester with three approvals and a rejection its median delay and a rejection rate of 1 in 4', () => {
    const rows = [row({}), row({}), row({}), row({ status: 'rejected' }), row({ requester: 'Other', requesterId: undefined, requesterName: 'Other' })];
    const approvals = [1, 2, 5].map((days) => ({ platform: 'mturk', requesterId: 'A1', at: submitted + days * DAY, submittedAt: submitted }));
    // Another platform's requester of the same id, and an approval naming no requester, are not its delays.
    approvals.push({ platform: 'prolific', requesterId: 'A1', at: submitted + 9 * DAY, submittedAt: submitted });
    const [a, other] = requesterFigures(rows, [...approvals, { platform: 'mturk', at: submitted, submittedAt: 0 } as never], withRate);
    expect(a).toMatchObject({ platform: 'mturk', requester: 'A1', name: 'Lab A', tasks: 4, decided: 4, rejected: 1, rejectionRate: 0.25 });
    expect(a!.delays).toEqual({ count: 3, medianMs: 2 * DAY });
    // $3.00 over the 30 min of its three paid HITs: $6.00/h; the rejected HIT's 10 min are unpaid.
    expect(a!.figures.effective).toEqual([usd(600)]);
    expect(a!.figures.earnings).toEqual([usd(300)]);
    expect(a!.figures.time.unpaidActiveMs).toBe(10 * MIN);
    expect(other).toMatchObject({ requester: 'Other', tasks: 1, delays: { count: 0, medianMs: null } });
  });

  it('counts an untimed record in money, never in the effective rate, and leaves open tasks out', () => {
    const [a] = requesterFigures([row({}), row({ untimed: true, activeMs: 0, reward: usd(500) }), row({ status: 'open', day: undefined })], [], withRate);
    expect(a!.tasks).toBe(2);
    expect(a!.figures.earnings).toEqual([usd(600)]);
    expect(a!.figures.effective).toEqual([usd(600)]);
  });
});
