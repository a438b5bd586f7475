import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formatMoney } from '../../../lib/domain/money';
import { formatWithPattern, moneyPattern } from '../../../lib/domain/money-pattern';

// Locales whose ways of writing money differ: separators, symbol before or after, Indian grouping, Spanish and
// Polish minimum grouping, Arabic and Devanagari digits, right-to-left marks, no minor unit (JPY), three (KWD).
const LOCALES = ['en-US', 'en-GB', 'fr-FR', 'de-DE', 'de-CH', 'es-ES', 'pl-PL', 'pt-BR', 'nl-NL', 'en-IN', 'hi-IN', 'mr-IN', 'ja-JP', 'ar-EG', 'fa-IR', 'he-IL', 'sv-SE', 'fr-CH', 'en'];
const CURRENCIES = ['USD', 'GBP', 'EUR', 'JPY', 'KWD', 'INR', 'CHF'];

describe('money written from a pattern', () => {
  it('writes every non-negative amount exactly as formatMoney does, in many locales and currencies', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LOCALES),
        fc.constantFrom(...CURRENCIES),
        fc.oneof(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
        (locale, currency, minor) => {
          expect(formatWithPattern(moneyPattern(currency, locale), minor)).toBe(formatMoney({ minor, currency }, locale));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('reads each pair of currency and locale from Intl once, and shares it unchangeable', () => {
    const read = vi.spyOn(Intl.NumberFormat.prototype, 'formatToParts');
    const first = moneyPattern('SEK', 'sv-SE');
    const reads = read.mock.calls.length;
    expect(reads).toBeGreaterThan(0);
    expect(moneyPattern('SEK', 'sv-SE')).toBe(first);
    expect(read.mock.calls.length).toBe(reads);
    expect(moneyPattern('SEK', 'en-US')).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(formatWithPattern(first, 123_456)).toBe(formatMoney({ minor: 123_456, currency: 'SEK' }, 'sv-SE'));
  });

  it('writes the amounts around each separator threshold as formatMoney does', () => {
    for (const locale of LOCALES) {
      for (const currency of CURRENCIES) {
        const p = moneyPattern(currency, locale);
        for (let digits = 1; digits <= 10; digits++) {
          for (const minor of [10 ** digits - 1, 10 ** digits, 10 ** digits + 7]) {
            expect(formatWithPattern(p, minor), `${locale} ${currency} ${minor}`).toBe(formatMoney({ minor, currency }, locale));
          }
        }
      }
    }
  });
});
