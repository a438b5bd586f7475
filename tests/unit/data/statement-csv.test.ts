import { describe, expect, it } from 'vitest';
import { statementCsv } from '../../../lib/data/statement-csv';
import { yearlyStatement } from '../../../lib/domain/statement';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });

describe('statementCsv', () => {
  it('writes a row per platform and currency, the totals, and the converted total, amounts exact in major units', () => {
    const s = yearlyStatement({
      tasks: [
        { platform: 'mturk', status: 'approved', reward: usd(1005), day: '2025-02-01', activeMs: 5_400_000 },
        { platform: 'prolific', status: 'approved', reward: gbp(30), day: '2025-02-01', activeMs: 360_000 },
        { platform: 'prolific', status: 'approved', reward: usd(7), day: '2025-02-02', activeMs: 0 },
      ],
      bonuses: [],
      transfers: [{ platform: 'mturk', requestedDate: '2025-03-01', amount: usd(1000) }],
    }, 2025, 'UTC', 'EUR', [{ from: 'USD', to: 'EUR', rate: 0.5 }, { from: 'GBP', to: 'EUR', rate: 2 }]);
    const csv = statementCsv(s, {
      header: ['Year', 'Platform', 'Currency', 'Approved', 'Paid out', 'Tasks', 'Hours'], total: 'Total', converted: 'Total (converted)',
      platformName: (id) => ({ mturk: 'Amazon Mechanical Turk', prolific: 'Prolific' })[id] ?? id,
    });
    expect(csv.split('\r\n')).toEqual([
      'Year,Platform,Currency,Approved,Paid out,Tasks,Hours',
      '2025,Amazon Mechanical Turk,USD,10.05,10,1,1.5',
      '2025,Prolific,GBP,0.3,,2,0.1',
      '2025,Prolific,USD,0.07,,,',
      '2025,Total,GBP,0.3,,3,1.6',
      '2025,Total,USD,10.12,10,,',
      // 10.12 × 0.5 = 5.06 EUR, 0.30 × 2 = 0.60 EUR; paid out 10 × 0.5 = 5 EUR.
      '2025,Total (converted),EUR,5.66,5,,',
    ]);
  });
});
