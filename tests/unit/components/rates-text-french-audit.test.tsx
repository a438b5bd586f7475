import { afterEach, describe, expect, it } from 'vitest';
import { setTranslator } from '../../../lib/i18n';
import { ratesText } from '../../../lib/rates-text';
import { frenchTranslator } from './period-fixtures';

// lib/rates-text.ts joins its rates with `semicolonList` (lib/i18n.ts): French puts a no-break space before a
// semicolon ("1 GBP = 1,2 EUR ; 1 USD = 0,9 EUR").
// What a worker with two exchange rates reads on hover of a converted true rate (popup, history, overlay, badge).
afterEach(() => setTranslator());

describe('the exchange rates named on a converted figure, in French', () => {
  it('are apart by a no-break space and a semicolon', () => {
    setTranslator(frenchTranslator(), 'fr');
    const text = ratesText([{ from: 'GBP', to: 'EUR', rate: 1.2 }, { from: 'USD', to: 'EUR', rate: 0.9 }], 'fr');
    expect(text).toBe('1 GBP = 1,2 EUR\u00a0; 1 USD = 0,9 EUR');
  });
});
