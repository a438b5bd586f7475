// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatementView, type StatementViewProps } from '../../../components/data/StatementView';
import { yearlyStatement } from '../../../lib/domain/statement';
import { setTranslator } from '../../../lib/i18n';

beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

const input = {
  tasks: [
    { platform: 'mturk', status: 'approved', reward: { minor: 1005, currency: 'USD' }, day: '2025-02-01', activeMs: 5_400_000 },
    { platform: 'prolific', status: 'approved', reward: { minor: 300, currency: 'GBP' }, day: '2025-02-01', activeMs: 1_800_000 },
  ],
  bonuses: [],
  transfers: [],
};
const props = (over: Partial<StatementViewProps>): StatementViewProps => ({
  locale: 'en', years: [2025], statement: null, display: 'EUR', rates: {}, onYear: () => {}, onRate: () => {}, onCsv: () => {}, onPrint: () => {}, ...over,
});

describe('the yearly statement', () => {
  it('shows each platform’s approved money, tasks and hours, and the converted total marked as converted', () => {
    const statement = yearlyStatement(input, 2025, 'UTC', 'EUR', [{ from: 'USD', to: 'EUR', rate: 0.5 }, { from: 'GBP', to: 'EUR', rate: 1 }]);
    render(<StatementView {...props({ statement, rates: { GBP: '1', USD: '0.5' } })} />);
    const rows = [...document.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Amazon Mechanical Turk', '$10.05', '—', '1', '1.5'],
      ['Prolific', '£3.00', '—', '1', '0.5'],
    ]);
    expect(document.querySelector('.converted')?.textContent).toContain('statementConverted(€8.03)');
    // A rate field per paid currency, prefilled by the page.
    expect([...document.querySelectorAll('input')].map((i) => i.value)).toEqual(['1', '0.5']);
  });

  it('names the missing rate instead of a total that would be wrong', () => {
    const statement = yearlyStatement(input, 2025, 'UTC', 'EUR', [{ from: 'USD', to: 'EUR', rate: 0.5 }]);
    render(<StatementView {...props({ statement })} />);
    // Approved: no total (one currency cannot be converted); paid out: nothing, which is €0.00 whatever the rates.
    expect([...document.querySelectorAll('.converted td')].slice(0, 2).map((td) => td.textContent)).toEqual(['—', 'statementConverted(€0.00)']);
    expect(document.querySelector('.warning')?.textContent).toBe('statementMissingRate(GBP)');
  });

  it('says what to do when the year is empty', () => {
    render(<StatementView {...props({ statement: yearlyStatement({ tasks: [], bonuses: [], transfers: [] }, 2024, 'UTC', 'EUR', []) })} />);
    expect(document.querySelector('.empty')?.textContent).toBe('statementEmpty(2024)');
  });
});
