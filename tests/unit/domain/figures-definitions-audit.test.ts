/**
 * Rates, days and the live view, worked out by hand from DESIGN.md's "Rates" and "Minimum rates" alone.
 */
import { describe, expect, it } from 'vitest';
import { periodFigures, type ConversionSettings } from '../../../lib/domain/figures';
import { liveState, liveView, RATE_AFTER_MS, type RateSettings } from '../../../lib/domain/live';
import { countedDayOf, recompute, type SummaryTask } from '../../../lib/domain/summary';
import type { Stamp, TimerEvent } from '../../../lib/domain/task-timer';

const MIN = 60_000;
const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const PARIS = 'Europe/Paris';
/** 27 November 2026, 10:00 in Paris. */
const MORNING = Date.UTC(2026, 10, 27, 9);

const task = (over: Partial<SummaryTask>): SummaryTask => ({
  platform: 'mturk', status: 'submitted', endedAt: MORNING, reward: null, activeMs: 0, idleMs: 0, ...over,
});

describe('effective and true rate of a day', () => {
  const tasks = [
    // Timed, submitted: $1.00 + a $0.20 task bonus over 10 min active (and 5 min idle).
    task({ reward: usd(100), bonus: usd(20), activeMs: 10 * MIN, idleMs: 5 * MIN }),
    // Timed, rejected: unpaid active time, no money.
    task({ status: 'rejected', reward: usd(50), activeMs: 5 * MIN, idleMs: MIN }),
    // Timed, expired: unpaid active time.
    task({ status: 'expired', reward: usd(200), activeMs: 3 * MIN, deadline: MORNING }),
    // Seen only on a status page: money, no rate.
    task({ status: 'approved', reward: usd(300), untimed: true, day: '2026-11-27' }),
  ];
  const aggregates = recompute(tasks, [{ platform: 'mturk', start: { wall: MORNING }, ms: 2 * MIN }], PARIS, [
    { platform: 'mturk', at: MORNING, minor: 30, currency: 'USD' },
  ]);
  const f = periodFigures(Object.values(aggregates), { displayCurrency: 'EUR', exchangeRates: [] });

  it('counts every earning, bonus income and untimed money included', () => {
    expect(Object.keys(aggregates)).toEqual(['2026-11-27|mturk']);
    expect(f.earnings).toEqual([usd(450)]);
    expect(f.bonusIncome).toEqual([usd(30)]);
    expect(f.time).toEqual({ paidActiveMs: 10 * MIN, unpaidActiveMs: 8 * MIN, platformMs: 2 * MIN, idleMs: 6 * MIN });
  });

  it('effective: the timed paid money over its paid active time only ($1.20 in 10 min = $7.20/h)', () => {
    expect(f.effective).toEqual([usd(720)]);
  });

  it('true: timed money and bonus income over paid + unpaid + platform time, idle in neither ($1.50 in 20 min = $4.50/h)', () => {
    expect(f.trueRate).toEqual({ rate: usd(450), converted: false });
  });

  it('converts a day paid in two currencies to the display currency with the worker’s rates, or names the rate missing', () => {
    const two = Object.values(recompute([
      task({ platform: 'prolific', reward: gbp(100), activeMs: 5 * MIN }),
      task({ reward: usd(100), activeMs: 5 * MIN }),
    ], [], PARIS));
    const rates = [{ from: 'USD', to: 'EUR', rate: 0.9 }, { from: 'GBP', to: 'EUR', rate: 1.2 }];
    const converted = periodFigures(two, { displayCurrency: 'EUR', exchangeRates: rates });
    // Each currency's own effective rate, never converted: £12.00/h and $12.00/h.
    expect(converted.effective).toEqual([gbp(1200), usd(1200)]);
    // (€0.90 + €1.20) over 10 min = €12.60/h, marked converted with the two rates.
    expect(converted.trueRate).toMatchObject({ rate: eur(1260), converted: true });
    expect(converted.trueRate && 'rates' in converted.trueRate && [...converted.trueRate.rates].sort((a, b) => a.from.localeCompare(b.from))).toEqual([rates[1], rates[0]]);
    const missing: ConversionSettings = { displayCurrency: 'EUR', exchangeRates: [rates[0]!] };
    expect(periodFigures(two, missing).trueRate).toEqual({ missing: ['GBP'], currency: 'EUR' });
    // The display currency itself needs no rate.
    expect(periodFigures(two, { displayCurrency: 'USD', exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.25 }] }).trueRate)
      .toMatchObject({ rate: usd(1350), converted: true });
  });
});

describe('the day a task’s time and money belong to', () => {
  it('is the local day it was submitted: 00:30 in Paris on the 27th is the 27th, though still the 26th in UTC', () => {
    const late = task({ reward: usd(100), activeMs: MIN, endedAt: Date.UTC(2026, 10, 26, 23, 30) });
    expect(countedDayOf(late, PARIS)).toBe('2026-11-27');
    expect(Object.keys(recompute([late], [], PARIS))).toEqual(['2026-11-27|mturk']);
  });

  it('is the deadline’s day for an expired task, even when the alarm fired the next morning', () => {
    const expired = task({ status: 'expired', activeMs: MIN, deadline: Date.UTC(2026, 10, 27, 22, 50), endedAt: Date.UTC(2026, 10, 28, 7) });
    expect(countedDayOf(expired, PARIS)).toBe('2026-11-27');
  });

  it('is the date an untimed record carries, in any time zone', () => {
    const untimed = task({ status: 'approved', reward: usd(100), untimed: true, day: '2026-11-27', endedAt: Date.UTC(2026, 10, 27, 23) });
    expect(countedDayOf(untimed, 'Pacific/Kiritimati')).toBe('2026-11-27');
    expect(countedDayOf(untimed, 'Etc/GMT+12')).toBe('2026-11-27');
  });

  it('stays the day it was counted under after a change of time zone, and an open task is in no day', () => {
    const counted = task({ reward: usd(100), activeMs: MIN, endedAt: Date.UTC(2026, 10, 27, 20), countedDay: '2026-11-27' });
    expect(countedDayOf(counted, 'Asia/Tokyo')).toBe('2026-11-27');
    expect(countedDayOf(task({ status: 'open', endedAt: undefined }), PARIS)).toBeUndefined();
  });
});

describe('the live view', () => {
  const settings: RateSettings = { minRates: { USD: 725 }, targetRates: { USD: 1000 }, displayCurrency: 'USD', exchangeRates: [] };
  const at = (ms: number): Stamp => ({ wall: ms, mono: ms, origin: 0 });
  const front: TimerEvent[] = [{ boot: 1, n: 1, type: 'front', at: at(0) }];

  it('leads with reward ÷ minimum − active time: a $1.00 HIT at $7.25/h leaves about 7 min 37 s after 20 s', () => {
    const view = liveView({ events: front, reward: usd(100) }, at(20_000), settings);
    const byDefinition = (100 / 725) * 3_600_000 - 20_000;
    expect(view.leftMs).not.toBeNull();
    // Within a second of the definition (the code ends it where the rounded rate turns under the minimum).
    expect(Math.abs(view.leftMs! - byDefinition)).toBeLessThan(1000);
    expect(view.band).toBe('good');
  });

  it('shows the rate only after a minute of active time, unless it is already under the minimum', () => {
    const task = { reward: usd(100), minimum: usd(725), target: usd(1000) };
    expect(liveState(task, RATE_AFTER_MS - 1).showRate).toBe(false);
    expect(liveState(task, RATE_AFTER_MS)).toMatchObject({ showRate: true, rate: usd(6000), band: 'good' });
    // A $0.01 HIT after 10 s pays $3.60/h: the warning, at once.
    expect(liveState({ ...task, reward: usd(1) }, 10_000)).toMatchObject({ showRate: true, rate: usd(360), band: 'under', leftMs: null });
  });

  it('converts the display currency’s minimum when the task’s currency has none, else says there is none', () => {
    const rate = { from: 'EUR', to: 'USD', rate: 1.1 };
    const euros: RateSettings = { minRates: { EUR: 700 }, targetRates: {}, displayCurrency: 'EUR', exchangeRates: [rate] };
    expect(liveView({ events: front, reward: usd(100) }, at(20_000), euros)).toMatchObject({ minimum: usd(770), converted: [rate], band: 'good' });
    const none = liveView({ events: front, reward: usd(100) }, at(20_000), { ...euros, exchangeRates: [] });
    expect(none).toMatchObject({ minimum: null, band: 'no-minimum', leftMs: null });
    expect(liveState(none, 30_000).showRate).toBe(false);
    expect(liveState(none, RATE_AFTER_MS).showRate).toBe(true);
  });
});
