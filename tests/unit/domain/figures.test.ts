import { describe, expect, it } from 'vitest';
import { periodFigures, type ConversionSettings } from '../../../lib/domain/figures';
import { recompute, type DayTotals, type SummaryTask } from '../../../lib/domain/summary';

const TZ = 'UTC';
const NOON = Date.UTC(2026, 10, 27, 12);
const MIN = 60_000;
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const usd = (minor: number) => ({ minor, currency: 'USD' });
const eur = (minor: number) => ({ minor, currency: 'EUR' });

function task(over: Partial<SummaryTask>): SummaryTask {
  return { platform: 'prolific', status: 'submitted', endedAt: NOON, reward: null, activeMs: 0, idleMs: 0, ...over };
}

/** The day's totals of each platform, as the writer keeps them. */
function day(tasks: SummaryTask[], stretches: { platform: string; ms: number }[] = [], bonuses: { minor: number; currency: string }[] = []): DayTotals[] {
  const aggregates = recompute(
    tasks,
    stretches.map((s) => ({ platform: s.platform, start: { wall: NOON }, ms: s.ms })),
    TZ,
    bonuses.map((b) => ({ platform: 'mturk', at: NOON, ...b })),
  );
  return Object.values(aggregates);
}

const inEur: ConversionSettings = { displayCurrency: 'EUR', exchangeRates: [] };

describe('effective rate per currency', () => {
  it('divides each currency’s money by the time of the tasks paid in it, not the whole platform’s', () => {
    // A £10.00 study over 20 min and a $3.00 study over 10 min, both on Prolific.
    const totals = day([task({ reward: gbp(1000), activeMs: 20 * MIN }), task({ reward: usd(300), activeMs: 10 * MIN })]);
    expect(totals).toHaveLength(1);
    const f = periodFigures(totals, inEur);
    // Not £20.00 and $6.00 (each over both studies' 30 min).
    expect(f.effective).toEqual([gbp(3000), usd(1800)]);
    expect(f.earnings).toEqual([gbp(1000), usd(300)]);
    expect(f.time).toEqual({ paidActiveMs: 30 * MIN, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 });
  });

  it('never counts an untimed record’s money in a rate', () => {
    // A timed $1.00 task over 6 min, and a $5.00 HIT seen only on the status page (never timed).
    const totals = day([
      task({ platform: 'mturk', reward: usd(100), activeMs: 6 * MIN }),
      task({ platform: 'mturk', status: 'approved', reward: usd(500), untimed: true, day: '2026-11-27' }),
    ]);
    const f = periodFigures(totals, inEur);
    expect(f.earnings).toEqual([usd(600)]);
    expect(f.effective).toEqual([usd(1000)]);
    // The true rate too: $1.00 over 6 min, not $6.00.
    expect(f.trueRate).toEqual({ rate: usd(1000), converted: false });
  });

  it('counts a task paid in two currencies in each, and a task with no reward in none', () => {
    const totals = day([
      // A £1.00 reward and a $0.50 bonus over 12 min: in both rates with its whole time.
      task({ reward: gbp(100), bonus: usd(50), activeMs: 12 * MIN }),
      // Reward and bonus in one currency: its time once.
      task({ reward: gbp(100), bonus: gbp(100), activeMs: 12 * MIN }),
      // Submitted with no known reward: paid time, in no currency's rate.
      task({ activeMs: 30 * MIN }),
    ]);
    const f = periodFigures(totals, inEur);
    expect(f.time.paidActiveMs).toBe(54 * MIN);
    // £3.00 over 24 min; $0.50 over 12 min.
    expect(f.effective).toEqual([gbp(750), usd(250)]);
  });

  it('leaves out returned, rejected and expired tasks, and a currency with no paid time', () => {
    const totals = day([
      task({ status: 'returned', reward: usd(900), activeMs: 10 * MIN }),
      task({ status: 'rejected', reward: usd(900), activeMs: 10 * MIN }),
      task({ reward: gbp(100), activeMs: 0 }),
    ]);
    const f = periodFigures(totals, inEur);
    expect(f.effective).toEqual([]);
    expect(f.time.unpaidActiveMs).toBe(20 * MIN);
  });
});

describe('true rate', () => {
  it('counts bonus income and unpaid and platform time, never idle time, in the one currency earned', () => {
    const totals = day(
      [task({ platform: 'mturk', reward: usd(120), activeMs: 6 * MIN, idleMs: 50 * MIN }), task({ platform: 'mturk', status: 'returned', reward: usd(80), activeMs: 65_000 })],
      [{ platform: 'mturk', ms: 55_000 }],
      [usd(50)],
    );
    const f = periodFigures(totals, inEur);
    expect(f.earnings).toEqual([usd(170)]);
    expect(f.bonusIncome).toEqual([usd(50)]);
    expect(f.effective).toEqual([usd(1200)]);
    // $1.70 over 6:00 + 1:05 + 0:55 = 8 min: $12.75/h, in dollars although the display currency is the euro.
    expect(f.trueRate).toEqual({ rate: usd(1275), converted: false });
  });

  it('is converted to the display currency with the worker’s rates when several currencies were earned', () => {
    const totals = day([task({ reward: gbp(1000), activeMs: 20 * MIN }), task({ reward: usd(300), activeMs: 10 * MIN })]);
    const rates = [
      { from: 'GBP', to: 'EUR', rate: 1.15 },
      // A reverse rate serves as its inverse: $3.00 = €2.50 at 1 EUR = 1.2 USD.
      { from: 'EUR', to: 'USD', rate: 1.2 },
    ];
    const f = periodFigures(totals, { displayCurrency: 'EUR', exchangeRates: rates });
    // £10.00 = €11.50, + €2.50 = €14.00 over 30 min.
    expect(f.trueRate).toEqual({ rate: eur(2800), converted: true, rates });
    // Effective rates stay in their own currencies.
    expect(f.effective).toEqual([gbp(3000), usd(1800)]);
  });

  it('needs no rate for the display currency itself, and says which rates are missing', () => {
    const totals = day([task({ reward: gbp(1000), activeMs: 20 * MIN }), task({ reward: usd(300), activeMs: 10 * MIN }), task({ reward: eur(100), activeMs: 10 * MIN })]);
    expect(periodFigures(totals, inEur).trueRate).toEqual({ missing: ['GBP', 'USD'], currency: 'EUR' });
    const one = [{ from: 'USD', to: 'EUR', rate: 0.8 }];
    expect(periodFigures(totals, { displayCurrency: 'EUR', exchangeRates: one }).trueRate).toEqual({ missing: ['GBP'], currency: 'EUR' });
    const both = [{ from: 'GBP', to: 'EUR', rate: 1.2 }, ...one];
    // £10.00 = €12.00, $3.00 = €2.40, + €1.00 = €15.40 over 40 min; only the rates used are listed (by currency).
    expect(periodFigures(totals, { displayCurrency: 'EUR', exchangeRates: [{ from: 'JPY', to: 'EUR', rate: 0.006 }, ...one, both[0]!] }).trueRate).toEqual({
      rate: eur(2310),
      converted: true,
      rates: both,
    });
  });

  it('is the whole day’s across platforms, and nothing without working time', () => {
    const totals = day([task({ platform: 'mturk', reward: usd(100), activeMs: 10 * MIN }), task({ platform: 'prolific', reward: usd(200), activeMs: 20 * MIN })]);
    expect(totals).toHaveLength(2);
    const f = periodFigures(totals, inEur);
    expect(f.effective).toEqual([usd(600)]);
    expect(f.trueRate).toEqual({ rate: usd(600), converted: false });
    // Only idle time, or nothing: no rate. Only platform time: nothing earned in it.
    expect(periodFigures(day([task({ reward: usd(100), idleMs: MIN })]), inEur).trueRate).toBeNull();
    expect(periodFigures([], inEur)).toMatchObject({ earnings: [], effective: [], trueRate: null });
    expect(periodFigures(day([], [{ platform: 'mturk', ms: MIN }]), inEur).trueRate).toEqual({ rate: eur(0), converted: false });
  });

  it('reads totals written before the per-currency time existed without inventing a rate', () => {
    const old: DayTotals = { paidActiveMs: 30 * MIN, unpaidActiveMs: 0, idleMs: 0, platformMs: 0, tasks: 2, earned: { GBP: 1000 }, pending: { GBP: 1000 }, approved: {} };
    expect(periodFigures([old], inEur)).toMatchObject({ earnings: [gbp(1000)], effective: [] });
  });
});
