import { describe, expect, it } from 'vitest';
import { mergeTransfers } from '../../../lib/domain/transfers';
import { approvedAfterReading, balances, bonusRises, DAY_MS, expectedPayment, latestPayment, thresholdDate, thresholdProgress } from '../../../lib/domain/ledger';

const NOW = Date.UTC(2026, 10, 27, 12);
const usd = (minor: number) => ({ minor, currency: 'USD' });

describe('MTurk ledger', () => {
  it('counts pending by day of submission, and after 30 days with no news as presumably approved', () => {
    const pendingByDay = [
      { day: '2026-11-26', minor: 75 },
      { day: '2026-10-28', minor: 10 }, // 30 days ago: still within the auto-approval delay
      { day: '2026-10-20', minor: 50 },
    ];
    expect(balances('USD', pendingByDay, [], [], '2026-11-27')).toMatchObject({
      pending: 85,
      presumablyApproved: 50,
      withdrawable: null,
      withdrawableSince: null,
    });
  });

  it('estimates withdrawable as the last Current Earnings reading plus approvals recorded after it', () => {
    const readings = [
      { at: NOW - 5 * DAY_MS, available: usd(900) },
      { at: NOW - 2 * DAY_MS, available: usd(1234) },
    ];
    const approvals = [
      { at: NOW - 3 * DAY_MS, minor: 50, currency: 'USD' }, // already in the reading
      { at: NOW - DAY_MS, minor: 40, currency: 'USD' },
      { at: NOW - 1000, minor: 100, currency: 'GBP' }, // another currency
    ];
    expect(balances('USD', [], approvals, readings, '2026-11-27')).toMatchObject({
      withdrawable: 1274,
      withdrawableSince: NOW - 2 * DAY_MS,
    });
  });

  it('adds only approvals of items known pending after the reading (never one that may be inside it)', () => {
    const readingAt = NOW - 2 * DAY_MS;
    const readings = [{ at: readingAt, available: usd(2347) }];
    const approvals = [
      // Known pending only before the reading, approval seen after it: it may already be in the reading.
      { at: NOW - DAY_MS, knownAt: readingAt - 60_000, minor: 175, currency: 'USD' },
      // Listed as pending by a page read after the reading (the same refresh reads its pages after the dashboard).
      { at: NOW - DAY_MS, knownAt: readingAt, minor: 40, currency: 'USD' },
      { at: NOW - 1000, knownAt: readingAt + 3_600_000, minor: 10, currency: 'USD' },
    ];
    expect(balances('USD', [], approvals, readings, '2026-11-27')).toMatchObject({ withdrawable: 2397 });
    expect(approvedAfterReading({ at: 5, knownAt: 4, minor: 1, currency: 'USD' }, 5)).toBe(false);
    expect(approvedAfterReading({ at: 6, knownAt: 5, minor: 1, currency: 'USD' }, 5)).toBe(true);
  });

  it('takes the first Bonuses total as a baseline, and later rises as bonus income', () => {
    const readings = [
      { at: 1, available: usd(0), bonuses: usd(500) },
      { at: 2, available: usd(0), bonuses: usd(500) },
      { at: 3, available: usd(0), bonuses: usd(620) },
      { at: 4, available: usd(0), bonuses: usd(650) },
    ];
    expect(bonusRises(readings)).toEqual([
      { at: 3, minor: 120 },
      { at: 4, minor: 30 },
    ]);
  });

  it('dates payments: latest at 30 days, expected from the requester’s median delay of at least 3', () => {
    expect(latestPayment(NOW)).toBe(NOW + 30 * DAY_MS);
    expect(expectedPayment(NOW, [DAY_MS, 3 * DAY_MS])).toBeNull();
    expect(expectedPayment(NOW, [DAY_MS, 3 * DAY_MS, 2 * DAY_MS])).toBe(NOW + 2 * DAY_MS);
  });

  it('dates the payout threshold at the recent pace, or says it is not reached at this pace', () => {
    const approvals = [{ at: NOW - DAY_MS, minor: 140 }]; // $1.40 in 14 days: $0.10 a day
    expect(thresholdDate(1000, 500, approvals, NOW)).toEqual({ kind: 'date', at: NOW + 50 * DAY_MS });
    expect(thresholdDate(1000, 1000, approvals, NOW)).toEqual({ kind: 'reached' });
    // Found by the oracle's property: 300 to go at 300 approved over 14 days is 14 days, not a float's 15.
    expect(thresholdDate(600, 300, [{ at: NOW - DAY_MS, minor: 300 }], NOW)).toEqual({ kind: 'date', at: NOW + 14 * DAY_MS });
    expect(thresholdDate(1000, 0, [{ at: NOW - 20 * DAY_MS, minor: 999 }], NOW)).toEqual({ kind: 'not-at-this-pace' });
  });
});

describe('thresholdProgress', () => {
  const b = { currency: 'USD', pending: 300, presumablyApproved: 100, presumablyInReading: 0, withdrawable: 400, withdrawableSince: 1, paidOut: null, paidOutSince: null };
  const now = Date.UTC(2026, 10, 27, 12);

  it('counts withdrawable, pending and presumably approved, and dates the rest at the pace of that currency only', () => {
    const approvals = [
      { at: now - DAY_MS, minor: 700, currency: 'USD' },
      { at: now - DAY_MS, minor: 99_999, currency: 'GBP' },
    ];
    // 800 of 1500; 700 over 14 days = 50 a day; 700 to go = 14 days.
    expect(thresholdProgress(b, 1500, approvals, now)).toEqual({ threshold: 1500, have: 800, reach: { kind: 'date', at: now + 14 * DAY_MS } });
  });

  it('never adds presumably approved money that the last reading already holds', () => {
    const pendingByDay = [
      { day: '2026-10-01', minor: 60 }, // latest payment 31 October: before the reading of 20 November, so in it
      { day: '2026-10-25', minor: 40 }, // latest payment 24 November: after that reading
    ];
    const readings = [{ at: Date.UTC(2026, 10, 20, 12), available: usd(1000) }];
    const balance = balances('USD', pendingByDay, [], readings, '2026-11-27');
    expect(balance).toMatchObject({ withdrawable: 1000, presumablyApproved: 100, presumablyInReading: 60 });
    expect(thresholdProgress(balance, 2000, [], now).have).toBe(1040);
  });

  it('ends a day of submission where the worker’s day ends, not where the UTC day does', () => {
    // Submitted on 1 January in Tokyo: by 1 Jan 15:00 UTC at the latest, so paid by 31 Jan 15:00 UTC. A reading of
    // 31 Jan 20:00 UTC holds it: counted again on top of it, the threshold would look nearer than it is.
    const reading = [{ at: Date.UTC(2026, 0, 31, 20), available: usd(5000) }];
    const tokyo = balances('USD', [{ day: '2026-01-01', minor: 100 }], [], reading, '2026-02-05', null, undefined, 'Asia/Tokyo');
    expect(tokyo).toMatchObject({ presumablyApproved: 100, presumablyInReading: 100 });
    expect(thresholdProgress(tokyo, 10_000, [], now).have).toBe(5000);
    // Submitted late on 1 January in California (up to 2 Jan 08:00 UTC): an earlier reading may not hold it yet.
    const early = [{ at: Date.UTC(2026, 0, 31, 4), available: usd(5000) }];
    const la = balances('USD', [{ day: '2026-01-01', minor: 100 }], [], early, '2026-02-05', null, undefined, 'America/Los_Angeles');
    expect(la).toMatchObject({ presumablyApproved: 100, presumablyInReading: 0 });
  });

  it('treats an unknown withdrawable as nothing yet, and says when the pace is nil', () => {
    expect(thresholdProgress({ ...b, withdrawable: null }, 1000, [], now)).toEqual({ threshold: 1000, have: 400, reach: { kind: 'not-at-this-pace' } });
    expect(thresholdProgress(b, 800, [], now).reach).toEqual({ kind: 'reached' });
  });
});

describe('transfer history', () => {
  const t = (requestedDate: string, minor: number) => ({ requestedDate, amount: usd(minor) });
  it('merges readings as a multiset: per (date, amount), the highest count seen in any one reading', () => {
    const first = mergeTransfers({ transfers: [] }, { transfers: [t('2026-11-20', 500)] });
    const second = mergeTransfers(first, { transfers: [t('2026-11-20', 500), t('2026-11-20', 500), t('2026-11-01', 500)] });
    expect(second).toEqual({ transfers: [t('2026-11-01', 500), t('2026-11-20', 500), t('2026-11-20', 500)], undone: [] });
    // A page showing only its newest rows forgets nothing and doubles nothing.
    expect(mergeTransfers(second, { transfers: [t('2026-11-20', 500)] })).toEqual(second);
    expect(mergeTransfers(second, { transfers: [{ requestedDate: '2026-11-20', amount: { minor: 500, currency: 'GBP' } }] }).transfers).toHaveLength(4);
  });
});
