import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  convertMoney,
  CurrencyMismatchError,
  formatMoney,
  isKnownCurrency,
  isMoney,
  minorDigits,
  moneyFromDecimal,
  PLATFORM_CURRENCY_DIGITS,
  parseMoney,
  subtractMoney,
  sumMoney,
  zero,
  type ExchangeRate,
  type Money,
} from '../../../lib/domain/money';

const m = (minor: number, currency: string): Money => ({ minor, currency });
const NBSP = '\u00A0';
const NNBSP = '\u202F';

describe('parseMoney: amounts as platforms show them', () => {
  it.each<[string, string, Money]>([
    ['MTurk reward', '$0.50', m(50, 'USD')],
    ['MTurk dashboard', 'Reward: $1,234.56', m(123456, 'USD')],
    ['Prolific reward', '£1.50', m(150, 'GBP')],
    ['Prolific rate per hour', '£9.00/hr', m(900, 'GBP')],
    ['Prolific USD study', '$12.00/hr', m(1200, 'USD')],
    ['Clickworker', '1,50 €', m(150, 'EUR')],
    ['Clickworker English', '€1.50', m(150, 'EUR')],
    ['Microworkers', '$0.10', m(10, 'USD')],
    ['Toloka', '$0.02', m(2, 'USD')],
    ['French USD', `0,05${NBSP}$US`, m(5, 'USD')],
    ['French EUR', `1,50${NBSP}€`, m(150, 'EUR')],
    ['US$ prefix', 'US$0.05', m(5, 'USD')],
    ['$US prefix', '$US 0,05', m(5, 'USD')],
    ['code after', '0.50 USD', m(50, 'USD')],
    ['code before', 'USD 0.50', m(50, 'USD')],
    ['code glued', 'USD0.50', m(50, 'USD')],
    ['yen', '¥100', m(100, 'JPY')],
    ['yen grouped', '¥1,000', m(1000, 'JPY')],
    ['yen in French', `1${NNBSP}000${NBSP}JPY`, m(1000, 'JPY')],
    ['German grouping', '1.234,56 €', m(123456, 'EUR')],
    ['space grouping', '1 234,56 €', m(123456, 'EUR')],
    ['no-break space grouping', `1${NBSP}234,56${NBSP}€`, m(123456, 'EUR')],
    ['narrow no-break space grouping', `1${NNBSP}234${NNBSP}567,89${NBSP}€`, m(123456789, 'EUR')],
    ['Swiss grouping', "CHF 1'234.50", m(123450, 'CHF')],
    ['Indian grouping', '₹12,34,567.50', m(123456750, 'INR')],
    ['Canadian', 'CA$2.00', m(200, 'CAD')],
    ['Canadian short', 'C$2.00', m(200, 'CAD')],
    ['French Canadian', `2,00${NBSP}$CA`, m(200, 'CAD')],
    ['Australian', 'A$3', m(300, 'AUD')],
    ['Australian long', 'AU$3.10', m(310, 'AUD')],
    ['Brazilian', 'R$ 4,50', m(450, 'BRL')],
    ['rupee', '₹50', m(5000, 'INR')],
    ['pound in French', `1,50${NBSP}£GB`, m(150, 'GBP')],
    ['Kuwaiti dinar', 'KWD 1.250', m(1250, 'KWD')],
    ['Bahraini dinar in French', `0,125${NBSP}BHD`, m(125, 'BHD')],
    ['leading point', '$.50', m(50, 'USD')],
    ['one fraction digit', '$1.5', m(150, 'USD')],
    ['whole dollars', '$3', m(300, 'USD')],
    ['zero', '$0', m(0, 'USD')],
    ['in a sentence', 'This HIT pays $0.75 for about 5 minutes', m(75, 'USD')],
    ['first amount with a marker', '50 HITs, $0.10 each', m(10, 'USD')],
    ['any ISO code Intl knows', 'SEK 25,50', m(2550, 'SEK')],
  ])('%s: %s', (_, text, expected) => {
    expect(parseMoney(text)).toEqual(expected);
  });

  it.each([
    // Amounts whose float product is off: 4.35 * 100 = 434.99999999999994.
    ['$4.35', 435],
    ['$0.57', 57],
    ['$1.15', 115],
    ['$0.29', 29],
    ['$9,007,199,254,740.99', 900719925474099],
  ])('builds %s from digits, not floats', (text, minor) => {
    expect(parseMoney(text)).toEqual(m(minor, 'USD'));
  });
});

describe('parseMoney: separators', () => {
  it.each<[string, Money]>([
    ['$1,234', m(123400, 'USD')], // one separator + exactly 3 digits groups thousands…
    ['1,234 €', m(123400, 'EUR')],
    ['1.234 €', m(123400, 'EUR')],
    ['$1,234,567', m(123456700, 'USD')],
    ['$0.125', m(13, 'USD')], // …unless the integer part is 0: then it is a decimal, rounded half up
    ['$0.124', m(12, 'USD')],
    ['KWD 1.234', m(1234, 'KWD')], // …or the currency has 3 minor digits
    ['1,234 KWD', m(1234, 'KWD')],
    ['KWD 1,234.500', m(1234500, 'KWD')],
    ['$1,23', m(123, 'USD')], // 1–2 digits after the separator: decimal
    ['1,5 €', m(150, 'EUR')],
    ['$1.2345', m(123, 'USD')], // 4+ digits: decimal, rounded
    ['$1234.5', m(123450, 'USD')],
    ['¥1.5', m(2, 'JPY')],
  ])('%s', (text, expected) => {
    expect(parseMoney(text)).toEqual(expected);
  });

  it.each(['1.2.3 €', '$1,2,3', '1.234.56 €', '1,234.5,6 €', '$0,123,456'])('rejects malformed grouping %s', (text) => {
    expect(parseMoney(text)).toBeNull();
  });
});

describe('parseMoney: signs, cents, fallback', () => {
  it.each<[string, Money]>([
    ['-$1.00', m(-100, 'USD')],
    ['$-1.00', m(-100, 'USD')],
    ['−£2.50', m(-250, 'GBP')], // U+2212 minus
    [`-1${NNBSP}234,56${NBSP}$US`, m(-123456, 'USD')],
    ["CHF-1'234.50", m(-123450, 'CHF')], // de-CH puts the sign after the code
    ['-$0.005', m(-1, 'USD')], // half away from zero
    ['1-2 €', m(200, 'EUR')], // a range: the hyphen is no minus sign
    ['-$0', m(0, 'USD')],
  ])('%s', (text, expected) => {
    expect(parseMoney(text)).toEqual(expected);
    expect(Object.is(parseMoney(text)?.minor, -0)).toBe(false);
  });

  it.each<[string, Money]>([
    ['Earn 50¢', m(50, 'USD')],
    ['5 cents', m(5, 'USD')],
    ['1 cent', m(1, 'USD')],
    ['2.5¢', m(3, 'USD')],
    ['5 Cents', m(5, 'USD')],
  ])('cents are US cents: %s', (text, expected) => {
    expect(parseMoney(text, 'EUR')).toEqual(expected);
  });

  it('gives a bare number the fallback currency', () => {
    expect(parseMoney('0.5', 'EUR')).toEqual(m(50, 'EUR'));
    expect(parseMoney(' 1,50 ', 'eur')).toEqual(m(150, 'EUR'));
    expect(parseMoney('-2', 'GBP')).toEqual(m(-200, 'GBP'));
    expect(parseMoney('100', 'JPY')).toEqual(m(100, 'JPY'));
    expect(parseMoney('0.5')).toBeNull();
    expect(parseMoney('0.5', 'XYZ')).toBeNull();
  });

  it('keeps an explicit marker over the fallback', () => {
    expect(parseMoney('$2.00', 'CAD')).toEqual(m(200, 'USD'));
    expect(parseMoney('£2.00', 'USD')).toEqual(m(200, 'GBP'));
    expect(parseMoney('$5 CAD')).toEqual(m(500, 'CAD'));
  });

  it.each([
    ['', undefined],
    ['N/A', 'USD'],
    ['Free', 'USD'],
    ['10 mins', undefined],
    ['10 mins', 'GBP'],
    ['50 HITs', 'USD'],
    ['Reward', undefined],
    ['$', undefined],
    ['NT$100', undefined], // an unknown dollar is not USD
    ['ABC 5', undefined], // not an ISO code Intl knows
    ['usd 5', undefined],
    ['Posted 2024-05-01', 'USD'],
  ])('null for %j (fallback %s)', (text, fallback) => {
    expect(parseMoney(text, fallback)).toBeNull();
  });
});

describe('minor digits and formatting', () => {
  it.each([
    ['JPY', 0],
    ['USD', 2],
    ['EUR', 2],
    ['KWD', 3],
    ['BHD', 3],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
    expect(minorDigits(currency)).toBe(digits);
  });

  it('starts out knowing the platforms’ currencies with exactly the digits Intl gives them', () => {
    for (const [currency, digits] of PLATFORM_CURRENCY_DIGITS) {
      expect(new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits).toBe(digits);
    }
    expect(PLATFORM_CURRENCY_DIGITS.map(([c]) => c)).toEqual(expect.arrayContaining(['USD', 'GBP']));
  });

  it('knows real codes only', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('ABC')).toBe(false);
    expect(isKnownCurrency('usd')).toBe(false);
  });

  it.each<[Money, string, string]>([
    [m(50, 'USD'), 'en', '$0.50'],
    [m(123456, 'USD'), 'en', '$1,234.56'],
    [m(-100, 'USD'), 'en', '-$1.00'],
    [m(150, 'EUR'), 'fr', `1,50${NBSP}€`],
    [m(123456, 'USD'), 'fr', `1${NNBSP}234,56${NBSP}$US`],
    [m(100, 'JPY'), 'en', '¥100'],
    [m(1234, 'KWD'), 'en', `KWD${NBSP}1.234`],
    [m(5, 'USD'), 'en', '$0.05'],
    [m(9007199254740991, 'USD'), 'en', '$90,071,992,547,409.91'],
  ])('formats %j in %s', (money, locale, expected) => {
    expect(formatMoney(money, locale)).toBe(expected);
  });

  it('defaults to English', () => {
    expect(formatMoney(m(900, 'GBP'))).toBe('£9.00');
  });

  const minor = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });

  it('parses back what it formats (USD, EUR, GBP, JPY in en and fr)', () => {
    const currency = fc.constantFrom('USD', 'EUR', 'GBP', 'JPY');
    const locale = fc.constantFrom('en', 'fr');
    fc.assert(
      fc.property(minor, currency, locale, (value, code, loc) => {
        const money = m(value, code);
        expect(parseMoney(formatMoney(money, loc))).toEqual(money);
      }),
      { numRuns: 500 },
    );
  });

  it('parses back other currencies and locales that task workers use', () => {
    const currency = fc.constantFrom('CAD', 'AUD', 'BRL', 'INR', 'KWD', 'BHD', 'CHF', 'MXN');
    const locale = fc.constantFrom('en', 'fr', 'de', 'de-CH', 'en-IN', 'en-GB', 'es', 'pt-BR');
    fc.assert(
      fc.property(minor, currency, locale, (value, code, loc) => {
        expect(parseMoney(formatMoney(m(value, code), loc))).toEqual(m(value, code));
      }),
      { numRuns: 500 },
    );
  });
});

describe('arithmetic never mixes currencies', () => {
  it('adds, subtracts and sums', () => {
    expect(addMoney(m(10, 'USD'), m(20, 'USD'))).toEqual(m(30, 'USD'));
    expect(subtractMoney(m(10, 'USD'), m(25, 'USD'))).toEqual(m(-15, 'USD'));
    expect(sumMoney([m(10, 'EUR'), m(20, 'EUR'), m(1, 'EUR')], 'EUR')).toEqual(m(31, 'EUR'));
    expect(sumMoney([], 'GBP')).toEqual(zero('GBP'));
    expect(zero('JPY')).toEqual(m(0, 'JPY'));
  });

  it('sums ten cents ten times to exactly one dollar', () => {
    const dimes = Array.from({ length: 10 }, () => parseMoney('$0.10') ?? zero('USD'));
    expect(sumMoney(dimes, 'USD')).toEqual(m(100, 'USD'));
  });

  it('throws CurrencyMismatchError', () => {
    expect(() => addMoney(m(1, 'USD'), m(1, 'EUR'))).toThrow(CurrencyMismatchError);
    expect(() => subtractMoney(m(1, 'USD'), m(1, 'GBP'))).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([m(1, 'USD')], 'EUR')).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([m(1, 'USD'), m(1, 'USD'), m(2, 'CAD')], 'USD')).toThrow(/USD with CAD/);
    try {
      addMoney(m(1, 'USD'), m(1, 'EUR'));
    } catch (error) {
      expect(error).toMatchObject({ name: 'CurrencyMismatchError', expected: 'USD', actual: 'EUR' });
    }
  });

  it('refuses to lose precision past 2^53', () => {
    expect(() => addMoney(m(Number.MAX_SAFE_INTEGER, 'USD'), m(1, 'USD'))).toThrow(RangeError);
  });

  it.each<[unknown, boolean]>([
    [m(0, 'USD'), true],
    [m(-5, 'JPY'), true],
    [{ minor: 1, currency: 'USD', extra: true }, true],
    [m(1.5, 'USD'), false],
    [m(Number.MAX_SAFE_INTEGER + 1, 'USD'), false],
    [m(Number.NaN, 'USD'), false],
    [m(1, 'usd'), false],
    [m(1, 'US'), false],
    [{ minor: '1', currency: 'USD' }, false],
    [null, false],
    ['$1', false],
  ])('isMoney(%j) is %s', (value, expected) => {
    expect(isMoney(value)).toBe(expected);
  });

  it('reads machine decimals exactly', () => {
    expect(moneyFromDecimal('1.005', 'USD')).toEqual(m(101, 'USD'));
    expect(moneyFromDecimal('0.5', 'USD')).toEqual(m(50, 'USD'));
    expect(moneyFromDecimal('-12', 'JPY')).toEqual(m(-12, 'JPY'));
    expect(moneyFromDecimal('abc', 'USD')).toBeNull();
    expect(moneyFromDecimal('.', 'USD')).toBeNull();
    expect(moneyFromDecimal('1', 'usd')).toBeNull();
  });
});

describe('convertMoney', () => {
  const rates: ExchangeRate[] = [
    { from: 'USD', to: 'JPY', rate: 150.25 },
    { from: 'GBP', to: 'USD', rate: 1.27 },
    { from: 'EUR', to: 'USD', rate: 1.085 },
    { from: 'KWD', to: 'USD', rate: 3.25 },
  ];

  it('uses a direct rate', () => {
    expect(convertMoney(m(1000, 'GBP'), 'USD', rates)).toEqual(m(1270, 'USD'));
    expect(convertMoney(m(100, 'EUR'), 'USD', rates)).toEqual(m(109, 'USD')); // 108.5 → 109
  });

  it('uses the inverse of the reverse rate', () => {
    expect(convertMoney(m(1270, 'USD'), 'GBP', rates)).toEqual(m(1000, 'GBP'));
    expect(convertMoney(m(100, 'USD'), 'EUR', rates)).toEqual(m(92, 'EUR')); // 92.166…
  });

  it('handles differing minor digits (JPY, KWD)', () => {
    expect(convertMoney(m(100, 'USD'), 'JPY', rates)).toEqual(m(150, 'JPY')); // ¥150.25
    expect(convertMoney(m(50, 'USD'), 'JPY', rates)).toEqual(m(75, 'JPY')); // ¥75.125
    expect(convertMoney(m(15025, 'JPY'), 'USD', rates)).toEqual(m(10000, 'USD'));
    expect(convertMoney(m(1, 'JPY'), 'USD', rates)).toEqual(m(1, 'USD')); // 0.66 cent
    expect(convertMoney(m(1000, 'KWD'), 'USD', rates)).toEqual(m(325, 'USD'));
    expect(convertMoney(m(325, 'USD'), 'KWD', rates)).toEqual(m(1000, 'KWD'));
  });

  it('rounds half away from zero', () => {
    const half: ExchangeRate[] = [{ from: 'USD', to: 'EUR', rate: 0.5 }];
    expect(convertMoney(m(1, 'USD'), 'EUR', half)).toEqual(m(1, 'EUR'));
    expect(convertMoney(m(-1, 'USD'), 'EUR', half)).toEqual(m(-1, 'EUR'));
    expect(convertMoney(m(-1000, 'GBP'), 'USD', rates)).toEqual(m(-1270, 'USD'));
  });

  it('uses the rate as typed, not its binary float', () => {
    // 0.29 as a double is 0.28999…; 100 * 0.29 must still be 29.
    const typed: ExchangeRate[] = [{ from: 'USD', to: 'EUR', rate: 0.29 }];
    expect(convertMoney(m(100, 'USD'), 'EUR', typed)).toEqual(m(29, 'EUR'));
    expect(convertMoney(m(50, 'USD'), 'EUR', typed)).toEqual(m(15, 'EUR')); // 14.5 → 15
  });

  it('returns the same money for the same currency', () => {
    const money = m(123, 'USD');
    expect(convertMoney(money, 'USD', [])).toBe(money);
  });

  it('is null when no usable rate is known', () => {
    expect(convertMoney(m(100, 'USD'), 'CHF', rates)).toBeNull();
    expect(convertMoney(m(100, 'USD'), 'EUR', [{ from: 'USD', to: 'EUR', rate: 0 }])).toBeNull();
    expect(convertMoney(m(100, 'USD'), 'EUR', [{ from: 'USD', to: 'EUR', rate: Number.NaN }])).toBeNull();
    expect(convertMoney(m(100, 'USD'), 'EUR', [{ from: 'EUR', to: 'USD', rate: -2 }])).toBeNull();
  });

  it('is exact for tiny and huge rates', () => {
    expect(convertMoney(m(1_000_000, 'USD'), 'EUR', [{ from: 'USD', to: 'EUR', rate: 1e-7 }])).toEqual(
      m(0, 'EUR'),
    );
    expect(convertMoney(m(1, 'USD'), 'EUR', [{ from: 'USD', to: 'EUR', rate: 1e21 }])).toBeNull();
  });
});

describe('majorAmount', () => {
  it('gives the amount in major units exactly from the minor digits, whatever the currency’s digits', async () => {
    const { majorAmount } = await import('../../../lib/domain/money');
    expect([1005, 7, 0, -150, 100000001].map((minor) => majorAmount({ minor, currency: 'USD' }))).toEqual([10.05, 0.07, 0, -1.5, 1000000.01]);
    expect(majorAmount({ minor: 1234, currency: 'JPY' })).toBe(1234);
    expect(majorAmount({ minor: 1234, currency: 'KWD' })).toBe(1.234);
  });
});
