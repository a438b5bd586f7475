import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, parseMoney, type Money } from '../../../lib/domain/money';
import { hourlyRate } from '../../../lib/domain/rate';

// Audit of money parsing and rates (DESIGN.md "Contracts": parseMoney, formatMoney, hourlyRate): amounts as pages
// really write them, with the awkward characters pages really hold.
const m = (minor: number, currency: string): Money => ({ minor, currency });
const NBSP = '\u00A0';
const NNBSP = '\u202F';

describe('parseMoney: amounts as the brief lists them', () => {
  it.each<[string, Money]>([
    ['€1.234,56', m(123456, 'EUR')],
    ['1.234,56 €', m(123456, 'EUR')],
    ['1 234,56 €', m(123456, 'EUR')],
    [`1${NBSP}234,56${NBSP}€`, m(123456, 'EUR')],
    [`1${NNBSP}234,56${NNBSP}€`, m(123456, 'EUR')],
    ['CA$1.50', m(150, 'CAD')],
    ['A$2', m(200, 'AUD')],
    ['C$ 3', m(300, 'CAD')],
    ['R$ 3,00', m(300, 'BRL')],
    ['CHF 5.00', m(500, 'CHF')],
    ['5.00 CHF', m(500, 'CHF')],
    ['JPY 100', m(100, 'JPY')],
    ['¥1,000', m(1000, 'JPY')],
    ['₹50', m(5000, 'INR')],
    ['$.50', m(50, 'USD')],
    ['$0.5', m(50, 'USD')],
    ['$1', m(100, 'USD')],
    ['$1.', m(100, 'USD')],
    ['0,5 €', m(50, 'EUR')],
    ['€0.05/hr', m(5, 'EUR')],
    ['Reward: $0.50 per HIT', m(50, 'USD')],
    ['Earn up to $2.00', m(200, 'USD')],
    ['USD 1,000,000.00', m(100000000, 'USD')],
    ['-$1.00', m(-100, 'USD')],
    ['\u2212$1.00', m(-100, 'USD')],
  ])('%s', (text, expected) => {
    expect(parseMoney(text)).toEqual(expected);
  });

  it('reads the first amount of a text with two', () => {
    expect(parseMoney('$0.50 reward, $0.10 bonus')).toEqual(m(50, 'USD'));
    expect(parseMoney('£1.50 – £2.00')).toEqual(m(150, 'GBP'));
  });

  it('is null with no amount, and past the safe-integer range rather than imprecise', () => {
    for (const text of ['', '$', 'C$', 'Reward', '12.50', '10 mins']) expect(parseMoney(text)).toBeNull();
    expect(parseMoney(`$${'9'.repeat(40)}`)).toBeNull();
    expect(parseMoney('$99999999999999999.99')).toBeNull();
    expect(parseMoney('12.50', 'USD')).toEqual(m(1250, 'USD'));
  });

  it('reads a 100 kB text in linear time', () => {
    for (const text of ['1 '.repeat(50_000), "1'".repeat(50_000), 'A1'.repeat(50_000), `${'x'.repeat(100_000)}$1.50`]) {
      const start = performance.now();
      parseMoney(text, 'USD');
      expect(performance.now() - start).toBeLessThan(1500);
    }
    expect(parseMoney(`${'x'.repeat(100_000)} $1.50`)).toEqual(m(150, 'USD'));
  });

  it('takes minor digits from Intl', () => {
    expect(parseMoney('BHD 1.5')).toEqual(m(1500, 'BHD'));
    expect(parseMoney('KWD 0.125')).toEqual(m(125, 'KWD'));
    expect(parseMoney('JPY 1,000')).toEqual(m(1000, 'JPY'));
    expect(minorDigits('BHD')).toBe(3);
  });
});

describe('parseMoney: problems the audit found', () => {
  // A label and its amount in two elements read as one text: `<span>Reward</span><span>£1.50</span>`.
  it.each<[string, Money]>([
    ['Reward£1.50', m(150, 'GBP')],
    ['Reward€1.50', m(150, 'EUR')],
    ['Pays$0.50', m(50, 'USD')],
    ['Reward₹50', m(5000, 'INR')],
    ['1,50€Bonus', m(150, 'EUR')],
  ])('a symbol run into a label: %s', (text, expected) => {
    expect(parseMoney(text)).toEqual(expected);
  });

  it('still refuses a dollar of another country run into its letters', () => {
    expect(parseMoney('NT$100')).toBeNull();
    expect(parseMoney('5 USDT')).toBeNull();
  });

  it.each<[string, Money]>([
    ['USD$0.50', m(50, 'USD')],
    ['CAD$5.00', m(500, 'CAD')],
    ['AUD$2', m(200, 'AUD')],
    ['S$5', m(500, 'SGD')],
    ['100円', m(100, 'JPY')],
  ])('dollar and yen spellings: %s', (text, expected) => {
    expect(parseMoney(text)).toEqual(expected);
  });

  it.each<[string, Money]>([
    ['１２３ USD', m(12300, 'USD')],
    ['$１.５０', m(150, 'USD')],
    ['＄１．５０', m(150, 'USD')],
    ['１，０００円', m(1000, 'JPY')],
    ['¥１００', m(100, 'JPY')],
  ])('full-width digits: %s', (text, expected) => {
    expect(parseMoney(text)).toEqual(expected);
  });

  it('reads amounts through the direction marks right-to-left pages put around them', () => {
    for (const [currency, locale] of [['GBP', 'he'], ['EUR', 'he'], ['USD', 'he']] as const) {
      const money = m(123456, currency);
      expect(parseMoney(formatMoney(money, locale))).toEqual(money);
    }
    expect(parseMoney('\u200F1.50 \u200F€')).toEqual(m(150, 'EUR'));
  });

  it('gives a number the symbol that follows it only when no amount follows that symbol', () => {
    // `Task 12 $0.50`: the dollar sign is the reward's, not task 12's.
    expect(parseMoney('Task 12 $0.50')).toEqual(m(50, 'USD'));
    expect(parseMoney('HIT123 $0.50')).toEqual(m(50, 'USD'));
    expect(parseMoney('Step 2 £1.50')).toEqual(m(150, 'GBP'));
    expect(parseMoney('1,50 € 2,00 €')).toEqual(m(150, 'EUR'));
    expect(parseMoney('0.50 $')).toEqual(m(50, 'USD'));
  });

  it('reads a point after a dollar or pound sign as the decimal point (English pages never group with one)', () => {
    expect(parseMoney('$10.999')).toEqual(m(1100, 'USD'));
    expect(parseMoney('$1.125')).toEqual(m(113, 'USD'));
    expect(parseMoney('£1.505')).toEqual(m(151, 'GBP'));
    // Where a point does group thousands, it still does.
    expect(parseMoney('1.234 €')).toEqual(m(123400, 'EUR'));
    expect(parseMoney('R$ 1.234')).toEqual(m(123400, 'BRL'));
    expect(parseMoney('$1.234.567')).toEqual(m(123456700, 'USD'));
    expect(parseMoney('$1,234')).toEqual(m(123400, 'USD'));
  });

  it('reads a yen sign with cents as the Chinese yuan, as zh writes it; without, as the Japanese yen', () => {
    expect(parseMoney('¥1.50')).toEqual(m(150, 'CNY'));
    expect(parseMoney(formatMoney(m(123456, 'CNY'), 'zh'))).toEqual(m(123456, 'CNY'));
    expect(parseMoney('¥100')).toEqual(m(100, 'JPY'));
    expect(parseMoney('¥1,000')).toEqual(m(1000, 'JPY'));
    expect(parseMoney('JP¥1.50')).toEqual(m(2, 'JPY'));
  });
});

describe('formatMoney', () => {
  it('formats in English rather than throwing on a locale Intl refuses', () => {
    expect(formatMoney(m(150, 'USD'), '')).toBe('$1.50');
    expect(formatMoney(m(150, 'USD'), 'not a locale!')).toBe('$1.50');
    expect(formatMoney(m(100, 'EUR'), 'fr_FR')).toBe(`1,00${NBSP}€`);
  });

  it('uses Intl’s minor digits', () => {
    expect(formatMoney(m(1234, 'BHD'))).toBe(`BHD${NBSP}1.234`);
    expect(formatMoney(m(1234, 'JPY'))).toBe('¥1,234');
  });
});

describe('hourlyRate', () => {
  const HOUR = 3_600_000;

  it('rounds half up at exactly .5 and keeps integers', () => {
    expect(hourlyRate(m(1, 'USD'), 2 * HOUR)).toEqual(m(1, 'USD'));
    expect(hourlyRate(m(3, 'USD'), 2 * HOUR)).toEqual(m(2, 'USD')); // 1.5
    expect(hourlyRate(m(5, 'KWD'), 2 * HOUR)).toEqual(m(3, 'KWD')); // 2.5 fils
    expect(hourlyRate(m(999_999_999, 'USD'), HOUR)).toEqual(m(999_999_999, 'USD'));
    expect(hourlyRate(m(1, 'USD'), 1)).toEqual(m(3_600_000, 'USD'));
  });

  it('is null for no, negative or non-finite time, and for an amount that is no whole number of minor units', () => {
    for (const ms of [0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(hourlyRate(m(50, 'USD'), ms)).toBeNull();
    expect(hourlyRate(m(1.5, 'USD'), HOUR)).toBeNull();
    expect(hourlyRate(m(Number.NaN, 'USD'), HOUR)).toBeNull();
  });
});
