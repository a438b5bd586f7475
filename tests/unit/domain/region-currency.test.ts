import { describe, expect, it } from 'vitest';
import { regionCurrency } from '../../../lib/domain/region-currency';

describe('regionCurrency', () => {
  it('answers the currency of the browser region', () => {
    expect(regionCurrency('en-US')).toBe('USD');
    expect(regionCurrency('fr-FR')).toBe('EUR');
    expect(regionCurrency('en-GB')).toBe('GBP');
    expect(regionCurrency('de-DE')).toBe('EUR');
    expect(regionCurrency('ja-JP')).toBe('JPY');
    expect(regionCurrency('fr-CA')).toBe('CAD');
    expect(regionCurrency('zh-Hant-TW')).toBe('USD');
    expect(regionCurrency('en_IE')).toBe('EUR');
  });

  it('falls back to USD when the locale names no known region', () => {
    for (const locale of ['fr', 'en', '', 'not a locale', undefined]) expect(regionCurrency(locale)).toBe('USD');
  });
});
