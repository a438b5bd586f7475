import { describe, expect, it } from 'vitest';
import { yearlyStatement, type StatementInput } from '../../../lib/domain/statement';
import { statementYears } from '../../../lib/storage/statement-read';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const TZ = 'Europe/Paris';

/** Hand-worked: the year 2025 of a worker in Paris paid in dollars (MTurk) and pounds (Prolific). */
const input: StatementInput = {
  tasks: [
    // Submitted on 30 Dec 2025, approved (seen) on 2 Jan 2026 at 10:00 Paris time: 2026's money.
    { platform: 'mturk', status: 'approved', reward: usd(500), bonus: usd(100), day: '2025-12-30', activeMs: 1_800_000, approvedAt: Date.UTC(2026, 0, 2, 9) },
    // Approved date unknown (first seen approved): the year of its day, 2025.
    { platform: 'mturk', status: 'approved', reward: usd(250), day: '2025-06-01', activeMs: 600_000 },
    // Approved on 31 Dec 2025 at 23:30 UTC = 1 Jan 2026 00:30 in Paris: 2026 in the worker's time zone.
    { platform: 'mturk', status: 'approved', reward: usd(40), day: '2025-12-31', activeMs: 60_000, approvedAt: Date.UTC(2025, 11, 31, 23, 30) },
    // Approved in 2025, pounds.
    { platform: 'prolific', status: 'approved', reward: gbp(900), day: '2025-03-10', activeMs: 3_600_000, approvedAt: Date.UTC(2025, 2, 20, 12) },
    // Pending, rejected and untimed-without-reward records are no approved money.
    { platform: 'mturk', status: 'submitted', reward: usd(999), day: '2025-05-05', activeMs: 1 },
    { platform: 'mturk', status: 'rejected', reward: usd(999), day: '2025-05-05', activeMs: 1 },
  ],
  bonuses: [
    { platform: 'mturk', minor: 300, currency: 'USD', day: '2025-08-08', at: Date.UTC(2025, 7, 8) },
    { platform: 'mturk', minor: 7, currency: 'USD', day: '2024-12-31', at: Date.UTC(2024, 11, 31) },
  ],
  transfers: [
    { platform: 'mturk', requestedDate: '2025-09-01', amount: usd(1000) },
    { platform: 'mturk', requestedDate: '2026-01-05', amount: usd(2000) },
    { platform: 'prolific', requestedDate: '2025-04-01', amount: gbp(600) },
  ],
};

describe('yearlyStatement', () => {
  const rates = [{ from: 'USD', to: 'EUR', rate: 0.9 }, { from: 'GBP', to: 'EUR', rate: 1.2 }];

  it('puts money in the year it was approved, else its day, and paid out in the year of the transfer', () => {
    const s = yearlyStatement(input, 2025, TZ, 'EUR', rates);
    expect(s.lines).toEqual([
      // 250 (unknown date, day 2025) + 300 (bonus not tied to a task, day 2025).
      { platform: 'mturk', approved: [usd(550)], paidOut: [usd(1000)], tasks: 1, activeMs: 600_000 },
      { platform: 'prolific', approved: [gbp(900)], paidOut: [gbp(600)], tasks: 1, activeMs: 3_600_000 },
    ]);
    expect([s.tasks, s.activeMs]).toEqual([2, 4_200_000]);
    expect(s.approved).toEqual([gbp(900), usd(550)]);
    // 550 × 0.9 = 495 cents; 900 × 1.2 = 1080 cents: 15.75 EUR. Paid out: 900 + 720 = 16.20 EUR.
    expect(s.approvedInDisplay).toEqual({ minor: 1575, currency: 'EUR' });
    expect(s.paidOutInDisplay).toEqual({ minor: 1620, currency: 'EUR' });
    expect(s.missingRates).toEqual([]);
  });

  it('dates an approval in the worker’s time zone: 23:30 UTC on 31 December is already the next year in Paris', () => {
    const s = yearlyStatement(input, 2026, TZ, 'EUR', rates);
    expect(s.lines).toEqual([{ platform: 'mturk', approved: [usd(640)], paidOut: [usd(2000)], tasks: 2, activeMs: 1_860_000 }]);
    expect(yearlyStatement(input, 2025, 'UTC', 'EUR', rates).lines[0]?.approved).toEqual([usd(590)]);
  });

  it('gives no converted total, and names the currency, when a rate is missing', () => {
    const s = yearlyStatement(input, 2025, TZ, 'EUR', [{ from: 'USD', to: 'EUR', rate: 0.9 }]);
    expect(s.approvedInDisplay).toBeNull();
    expect(s.missingRates).toEqual(['GBP']);
  });

  it('needs no rate for the display currency itself', () => {
    const s = yearlyStatement({ tasks: [input.tasks[1]!], bonuses: [], transfers: [] }, 2025, TZ, 'USD', []);
    expect(s.approvedInDisplay).toEqual(usd(250));
  });

  it('offers every year that holds money: one reached only by approvals, or only by a bonus', () => {
    // 2024: a bonus alone; 2026: the approvals of December 2025's HITs alone (nothing submitted or paid out then).
    const only = { ...input, transfers: input.transfers.filter((t) => !t.requestedDate.startsWith('2026')) };
    expect(statementYears(only, 2027, TZ)).toEqual([2027, 2026, 2025, 2024]);
    expect(yearlyStatement(only, 2026, TZ, 'EUR', rates).lines).not.toEqual([]);
    expect(yearlyStatement(only, 2024, TZ, 'EUR', rates).approved).toEqual([usd(7)]);
  });

  it('counts the bonus of an approved task whose reward the page never showed, as the day’s earnings do', () => {
    const s = yearlyStatement({
      tasks: [{ platform: 'mturk', status: 'approved', reward: null, bonus: usd(50), day: '2025-05-05', activeMs: 600_000, approvedAt: Date.UTC(2025, 4, 9) }],
      bonuses: [],
      transfers: [],
    }, 2025, TZ, 'USD', []);
    expect(s.lines).toEqual([{ platform: 'mturk', approved: [usd(50)], paidOut: [], tasks: 1, activeMs: 600_000 }]);
  });
});
