import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CurrencyMismatchError, type Money } from '../../../lib/domain/money';
import { compareToMinimum, hourlyRate } from '../../../lib/domain/rate';

const m = (minor: number, currency: string): Money => ({ minor, currency });
const MIN = 60_000;
const HOUR = 3_600_000;

function rateOf(earned: Money, ms: number): Money {
  const rate = hourlyRate(earned, ms);
  if (!rate) throw new Error(`no rate for ${earned.minor} in ${ms} ms`);
  return rate;
}

describe('hourlyRate', () => {
  it.each<[string, Money, number, Money]>([
    ['$0.50 in 5 minutes', m(50, 'USD'), 5 * MIN, m(600, 'USD')],
    ['£1.50 in 10 minutes', m(150, 'GBP'), 10 * MIN, m(900, 'GBP')],
    ['$1.00 in an hour', m(100, 'USD'), HOUR, m(100, 'USD')],
    ['$0.10 in 7 minutes', m(10, 'USD'), 7 * MIN, m(86, 'USD')], // 85.714…
    ['$0.01 in 2 hours: half a cent rounds up', m(1, 'USD'), 2 * HOUR, m(1, 'USD')],
    ['$0.01 in 3 hours', m(1, 'USD'), 3 * HOUR, m(0, 'USD')],
    ['¥100 in 40 minutes', m(100, 'JPY'), 40 * MIN, m(150, 'JPY')],
    ['KWD 1.000 in 7 minutes', m(1000, 'KWD'), 7 * MIN, m(8571, 'KWD')],
    ['fractional milliseconds', m(100, 'USD'), 1_800_000.5, m(200, 'USD')],
    ['negative earnings round away from zero', m(-1, 'USD'), 2 * HOUR, m(-1, 'USD')],
    ['nothing earned', m(0, 'EUR'), 12 * MIN, m(0, 'EUR')],
  ])('%s', (_, earned, ms, expected) => {
    expect(hourlyRate(earned, ms)).toEqual(expected);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('is null for %s ms', (ms) => {
    expect(hourlyRate(m(50, 'USD'), ms)).toBeNull();
  });

  it('is null rather than imprecise for an absurd rate', () => {
    expect(hourlyRate(m(Number.MAX_SAFE_INTEGER, 'USD'), 1)).toBeNull();
    expect(hourlyRate(m(1, 'USD'), 1e-300)).toBeNull();
  });

  const earned = fc.integer({ min: 0, max: 100_000_000 });
  const ms = fc.integer({ min: 1, max: 30 * 24 * HOUR });

  it('never pays more for more time', () => {
    fc.assert(
      fc.property(earned, ms, ms, (minor, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        expect(rateOf(m(minor, 'USD'), long).minor).toBeLessThanOrEqual(rateOf(m(minor, 'USD'), short).minor);
      }),
      { numRuns: 1000 },
    );
  });

  it('recovers the earnings from rate × time within half a minor unit per hour', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), ms, (minor, time) => {
        const rate = rateOf(m(minor, 'GBP'), time);
        expect(rate.currency).toBe('GBP');
        // |rate·t/H − earned| ≤ ½·t/H, in integers: |2·rate·t − 2·earned·H| ≤ t.
        const error = 2n * BigInt(rate.minor) * BigInt(time) - 2n * BigInt(minor) * BigInt(HOUR);
        expect(error < 0n ? -error : error).toBeLessThanOrEqual(BigInt(time));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('compareToMinimum', () => {
  const minimum = m(725, 'USD');
  const target = m(1000, 'USD');

  it.each<[number, string]>([
    [0, 'under'],
    [724, 'under'],
    [725, 'between'],
    [999, 'between'],
    [1000, 'good'],
    [5000, 'good'],
  ])('%i cents an hour is %s', (minor, band) => {
    expect(compareToMinimum(m(minor, 'USD'), minimum, target)).toBe(band);
  });

  it('is good at or above the minimum when there is no target', () => {
    expect(compareToMinimum(m(725, 'USD'), minimum)).toBe('good');
    expect(compareToMinimum(m(725, 'USD'), minimum, null)).toBe('good');
    expect(compareToMinimum(m(700, 'USD'), minimum, null)).toBe('under');
  });

  it('says when there is no minimum', () => {
    expect(compareToMinimum(m(100, 'USD'), null)).toBe('no-minimum');
    expect(compareToMinimum(m(100, 'USD'), null, target)).toBe('no-minimum');
  });

  it('throws on a different currency', () => {
    expect(() => compareToMinimum(m(900, 'GBP'), minimum, target)).toThrow(CurrencyMismatchError);
    expect(() => compareToMinimum(m(900, 'USD'), minimum, m(900, 'GBP'))).toThrow(CurrencyMismatchError);
    expect(() => compareToMinimum(m(900, 'USD'), null, m(900, 'GBP'))).toThrow(CurrencyMismatchError);
  });
});
