import { describe, expect, it } from 'vitest';
import { bandOf, earnedInDisplay } from '../../../lib/domain/day-summary';
import type { RateSettings } from '../../../lib/domain/live';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const settings = (over: Partial<RateSettings> = {}): RateSettings => ({
  minRates: { USD: 725, GBP: 600 },
  targetRates: { USD: 1000, GBP: 900 },
  displayCurrency: 'USD',
  exchangeRates: [],
  ...over,
});

describe("today's earnings in the display currency", () => {
  it('is nothing when nothing was earned', () => {
    expect(earnedInDisplay([], settings())).toEqual({ kind: 'none' });
  });

  it('adds amounts already in the display currency with nothing converted', () => {
    expect(earnedInDisplay([usd(120)], settings())).toEqual({ kind: 'total', total: usd(120), converted: [] });
  });

  it('converts the other currencies with the worker’s rate, and names each converted part with its rate', () => {
    const rate = { from: 'GBP', to: 'USD', rate: 1.27 };
    expect(earnedInDisplay([gbp(1000), usd(300)], settings({ exchangeRates: [rate] }))).toEqual({
      kind: 'total',
      total: usd(1570),
      converted: [{ from: gbp(1000), to: usd(1270), rate }],
    });
    // The reverse rate serves too (1 USD = 0.8 GBP: £10.00 is $12.50), as everywhere else.
    const reverse = { from: 'USD', to: 'GBP', rate: 0.8 };
    expect(earnedInDisplay([gbp(1000)], settings({ exchangeRates: [reverse] }))).toMatchObject({ total: usd(1250), converted: [{ rate: reverse }] });
  });

  it('keeps the amounts per currency and names the rates missing, never a partial sum', () => {
    expect(earnedInDisplay([eur(500), gbp(1000), usd(300)], settings({ exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.27 }] }))).toEqual({
      kind: 'missing',
      parts: [eur(500), gbp(1000), usd(300)],
      missing: ['EUR'],
      currency: 'USD',
    });
  });
});

describe("a rate's band", () => {
  it('is under, between or good against the minimum and target of its own currency', () => {
    expect(bandOf(usd(724), settings())).toBe('under');
    expect(bandOf(usd(725), settings())).toBe('between');
    expect(bandOf(usd(1000), settings())).toBe('good');
    expect(bandOf(gbp(899), settings())).toBe('between');
  });

  it("converts the display currency's minimum where its own has none, and says when there is none at all", () => {
    const s = settings({ minRates: { USD: 800 }, targetRates: {}, exchangeRates: [{ from: 'USD', to: 'EUR', rate: 0.9 }] });
    // $8.00 is €7.20.
    expect([bandOf(eur(719), s), bandOf(eur(720), s)]).toEqual(['under', 'good']);
    expect(bandOf(gbp(100), s)).toBe('no-minimum');
  });
});
