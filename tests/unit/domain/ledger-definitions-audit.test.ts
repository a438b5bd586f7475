/**
 * The balances, worked out by hand from DESIGN.md's "Outcomes and money" alone, at the edges a worker meets: the
 * reading's own refresh, the 30th and 31st day, the 14-day window's ends, an even number of delays.
 */
import { describe, expect, it } from 'vitest';
import {
  balances, DAY_MS, expectedPayment, isPresumablyApproved, lastReading, latestPayment, medianDelay, thresholdDate, thresholdProgress,
} from '../../../lib/domain/ledger';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const HOUR = 3_600_000;
const READ = Date.UTC(2026, 10, 20, 12);

describe('withdrawable (MTurk): the last Current Earnings reading plus approvals of items known pending after it', () => {
  const readings = [{ at: READ - DAY_MS, available: usd(400) }, { at: READ, available: usd(1000) }];
  const approvals = [
    // Submitted after the reading, approved later: surely not inside it.
    { at: READ + 2 * HOUR, knownAt: READ + HOUR, ...usd(50) },
    // Listed pending by a status page of the reading's own refresh (read after its dashboard), approved later.
    { at: READ + 3 * HOUR, knownAt: READ, ...usd(20) },
    // Last known pending before the reading, seen approved after it: it may already be in the reading.
    { at: READ + 2 * HOUR, knownAt: READ - HOUR, ...usd(70) },
    // Seen approved in the reading's own refresh: never adds.
    { at: READ, knownAt: READ - 5 * HOUR, ...usd(11) },
    // Approved before the reading: inside it.
    { at: READ - HOUR, knownAt: READ - 2 * HOUR, ...usd(5) },
    // Another currency is never mixed in.
    { at: READ + 2 * HOUR, knownAt: READ + HOUR, ...gbp(999) },
  ];

  it('adds only the approvals that cannot be inside the reading, and says since when', () => {
    expect(balances('USD', [], approvals, readings, '2026-11-21')).toMatchObject({ withdrawable: 1070, withdrawableSince: READ });
  });

  it('has no estimate in a currency never read, whatever was approved in it', () => {
    expect(balances('GBP', [], approvals, readings, '2026-11-21')).toMatchObject({ withdrawable: null, withdrawableSince: null });
  });

  it('takes the larger of two readings of one millisecond as the last, as the writer does (oracle ambiguity 34)', () => {
    const twin = [{ at: READ, available: usd(700) }, { at: READ, available: usd(500) }];
    expect(lastReading(twin, 'USD')?.available).toEqual(usd(700));
    expect(lastReading([...twin].reverse(), 'USD')?.available).toEqual(usd(700));
    expect(balances('USD', [], [], twin, '2026-11-21').withdrawable).toBe(700);
  });
});

describe('pending past the auto-approval delay: presumably approved, never dropped', () => {
  it('MTurk: submitted on 1 October, latest payment on 31 October; presumably approved from 1 November', () => {
    expect(isPresumablyApproved('2026-10-01', '2026-10-31')).toBe(false);
    expect(isPresumablyApproved('2026-10-01', '2026-11-01')).toBe(true);
    const pending = [{ day: '2026-10-01', minor: 125 }, { day: '2026-10-20', minor: 40 }];
    expect(balances('USD', pending, [], [], '2026-10-31')).toMatchObject({ pending: 165, presumablyApproved: 0 });
    // The money moves from pending to presumably approved: shown as such, and still counted towards the threshold.
    const later = balances('USD', pending, [], [], '2026-11-01');
    expect(later).toMatchObject({ pending: 40, presumablyApproved: 125, presumablyInReading: 0 });
    expect(thresholdProgress(later, 1000, [], READ).have).toBe(165);
  });

  it('Prolific: 21 days, counted in calendar days whatever a clock change in between', () => {
    const prolific = 21 * DAY_MS;
    expect(isPresumablyApproved('2026-10-01', '2026-10-22', prolific)).toBe(false);
    expect(isPresumablyApproved('2026-10-01', '2026-10-23', prolific)).toBe(true);
    // Across the end of summer time in Europe (25 October).
    expect(isPresumablyApproved('2026-10-10', '2026-10-31', prolific)).toBe(false);
    expect(isPresumablyApproved('2026-10-10', '2026-11-01', prolific)).toBe(true);
  });
});

describe('payment dates', () => {
  const submitted = Date.UTC(2026, 10, 1, 9, 30);

  it('latest: submission + 30 days on MTurk, + 21 days on Prolific', () => {
    expect(latestPayment(submitted)).toBe(Date.UTC(2026, 11, 1, 9, 30));
    expect(latestPayment(submitted, 21 * DAY_MS)).toBe(Date.UTC(2026, 10, 22, 9, 30));
  });

  it('expected: the median of at least 3 past delays, in any order; of an even count, the mean of the middle two', () => {
    expect(expectedPayment(submitted, [])).toBeNull();
    expect(expectedPayment(submitted, [DAY_MS, 2 * DAY_MS])).toBeNull();
    expect(expectedPayment(submitted, [5 * DAY_MS, DAY_MS, 3 * DAY_MS])).toBe(submitted + 3 * DAY_MS);
    expect(expectedPayment(submitted, [4 * DAY_MS, DAY_MS, 3 * DAY_MS, 2 * DAY_MS])).toBe(submitted + 2.5 * DAY_MS);
    // Half a millisecond rounds up (the oracle's rule, ambiguity 17).
    expect(medianDelay([1, 2, 3, 4])).toBe(3);
    // One requester who once took 30 days does not drag the median.
    expect(medianDelay([HOUR, 2 * HOUR, 3 * HOUR, 30 * DAY_MS, 3 * HOUR])).toBe(3 * HOUR);
  });
});

describe('threshold date: the pace is the mean daily dated approval over the last 14 days', () => {
  const NOW = Date.UTC(2026, 10, 27, 15);

  it('counts an approval from just after 14 days ago up to now, not one exactly 14 days old nor one in the future', () => {
    expect(thresholdDate(1000, 0, [{ at: NOW - 14 * DAY_MS, minor: 1400 }], NOW)).toEqual({ kind: 'not-at-this-pace' });
    expect(thresholdDate(1000, 0, [{ at: NOW + 1, minor: 1400 }], NOW)).toEqual({ kind: 'not-at-this-pace' });
    // 1400 over 14 days = 100 a day: 1000 to go is 10 days.
    expect(thresholdDate(1000, 0, [{ at: NOW - 14 * DAY_MS + 1, minor: 1400 }], NOW)).toEqual({ kind: 'date', at: NOW + 10 * DAY_MS });
    expect(thresholdDate(1000, 0, [{ at: NOW, minor: 1400 }], NOW)).toEqual({ kind: 'date', at: NOW + 10 * DAY_MS });
  });

  it('rounds the days to go up: a cent short of a whole day is one day more', () => {
    const pace = [{ at: NOW - DAY_MS, minor: 1400 }];
    expect(thresholdDate(1001, 0, pace, NOW)).toEqual({ kind: 'date', at: NOW + 11 * DAY_MS });
    expect(thresholdDate(1000, 1, pace, NOW)).toEqual({ kind: 'date', at: NOW + 10 * DAY_MS });
    expect(thresholdDate(1000, 999, pace, NOW)).toEqual({ kind: 'date', at: NOW + DAY_MS });
  });

  it('is reached at the threshold itself, whatever the pace', () => {
    expect(thresholdDate(1000, 1000, [], NOW)).toEqual({ kind: 'reached' });
    expect(thresholdDate(600, 601, [], NOW)).toEqual({ kind: 'reached' });
  });

  it('paces each currency by its own approvals', () => {
    const b = balances('GBP', [{ day: '2026-11-20', minor: 200 }], [], [], '2026-11-27');
    const approvals = [{ at: NOW - DAY_MS, ...usd(14_000) }, { at: NOW - DAY_MS, ...gbp(140) }];
    // £2.00 of £6.00; £1.40 over 14 days = 10p a day: 40 days.
    expect(thresholdProgress(b, 600, approvals, NOW)).toEqual({ threshold: 600, have: 200, reach: { kind: 'date', at: NOW + 40 * DAY_MS } });
  });
});
