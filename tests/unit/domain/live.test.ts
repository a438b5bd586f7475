import { describe, expect, it } from 'vitest';
import { badgeText, liveState, liveView, nextBandChange, rateFor, type RateSettings } from '../../../lib/domain/live';
import type { Stamp, TimerEvent } from '../../../lib/domain/task-timer';

const settings: RateSettings = {
  minRates: { USD: 725, GBP: 600 },
  targetRates: { USD: 1000, GBP: 900 },
  displayCurrency: 'EUR',
  exchangeRates: [],
};
const at = (s: number): Stamp => ({ wall: s * 1000, mono: s * 1000, origin: 0 });
const front: TimerEvent[] = [{ boot: 1, n: 1, type: 'front', at: at(0) }];
const usd = (minor: number) => ({ minor, currency: 'USD' });

describe('live view', () => {
  it('names the exchange rate that converted the minimum and target into the task’s currency', () => {
    const rate = { from: 'USD', to: 'EUR', rate: 0.9, enteredAt: 5 };
    const converting: RateSettings = { ...settings, displayCurrency: 'USD', exchangeRates: [rate] };
    const euros = liveView({ events: front, reward: { minor: 1200, currency: 'EUR' } }, at(10), converting);
    expect(euros).toMatchObject({ minimum: { minor: 653, currency: 'EUR' }, target: { minor: 900, currency: 'EUR' }, converted: [rate] });
    // Its own currency's minimum and target need no rate: nothing is marked.
    expect(liveView({ events: front, reward: usd(1200) }, at(10), converting).converted).toBeUndefined();
  });

  it('warns under the minimum: a $0.01 HIT after 10 s pays $3.60/h', () => {
    expect(liveView({ events: front, reward: usd(1) }, at(10), settings)).toMatchObject({
      activeMs: 10_000,
      running: true,
      rate: usd(360),
      band: 'under',
      minimum: usd(725),
      leftMs: null,
    });
  });

  it('leads with the time left at or above the minimum: $12.00 at $7.25/h after 10 s', () => {
    // 1200 × 3,600,000 ÷ 724.5 = 5,962,732.92 ms, less the 10 s done.
    expect(liveView({ events: front, reward: usd(1200) }, at(10), settings).leftMs).toBeCloseTo(5_952_732.92, 2);
    // Not with a reward in a currency with no minimum, nor without a reward.
    expect(liveView({ events: front, reward: { minor: 100, currency: 'EUR' } }, at(10), settings).leftMs).toBeNull();
    expect(liveView({ events: front, reward: null }, at(10), settings).leftMs).toBeNull();
  });

  it('says between minimum and target, and good at or above the target', () => {
    // $0.25 for 100 s = $9.00/h; $12 for 10 s is far above.
    expect(liveView({ events: front, reward: usd(25) }, at(100), settings).band).toBe('between');
    expect(liveView({ events: front, reward: usd(1200) }, at(10), settings).band).toBe('good');
  });

  it('says so when no minimum exists for the currency and none can be converted', () => {
    const view = liveView({ events: front, reward: { minor: 100, currency: 'EUR' } }, at(10), settings);
    expect(view).toMatchObject({ band: 'no-minimum', minimum: null });
  });

  it('converts the display currency minimum with the worker’s own rate', () => {
    const euro: RateSettings = { ...settings, minRates: { EUR: 1000 }, exchangeRates: [{ from: 'EUR', to: 'USD', rate: 1.1 }] };
    expect(rateFor('min', 'USD', euro)).toEqual(usd(1100));
    expect(rateFor('min', 'GBP', euro)).toBeNull();
  });

  it('is not running once out of front, and has no band without a reward', () => {
    const events: TimerEvent[] = [...front, { boot: 1, n: 2, type: 'not-front', at: at(5) }];
    expect(liveView({ events, reward: null }, at(10), settings)).toMatchObject({ running: false, activeMs: 5_000, band: 'no-reward' });
  });
});

describe('live state', () => {
  const cheap = { reward: usd(1), minimum: usd(725), target: usd(1000) };

  it('shows a rate only once it means something: after a minute, or under the minimum', () => {
    // $0.50 at 30 s pays $60.00/h: a figure from a few seconds, not shown; at 60 s, $30.00/h is.
    const half = { ...cheap, reward: usd(50) };
    expect(liveState(half, 30_000)).toMatchObject({ rate: usd(6000), band: 'good', showRate: false });
    expect(liveState(half, 60_000)).toMatchObject({ rate: usd(3000), band: 'good', showRate: true });
    // $0.01 at 10 s: $3.60/h, under: the rate is the warning, minute or not; no time is left.
    expect(liveState(cheap, 10_000)).toEqual({ activeMs: 10_000, rate: usd(360), band: 'under', leftMs: null, showRate: true });
    // Before the first millisecond: no rate, the whole time left.
    expect(liveState(cheap, 0)).toMatchObject({ rate: null, band: 'good', showRate: false });
    expect(liveState(cheap, 0).leftMs).toBeCloseTo(4968.944, 3);
  });

  it('turns under exactly when no time is left', () => {
    const even = { ...cheap, reward: usd(161) }; // 800,000 ms exactly (see time-left.test.ts)
    expect(liveState(even, 800_000)).toMatchObject({ band: 'between', leftMs: 0 });
    expect(liveState(even, 800_001)).toMatchObject({ band: 'under', leftMs: null });
  });

  it('says when the band next changes: at the target, then at the minimum, then never', () => {
    // $0.01: under $10.00 after 3,600,000 ÷ 999.5 = 3,601.80 ms; under $7.25 after 4,968.94 ms.
    expect(nextBandChange(cheap, 0)).toBeCloseTo(3601.801, 3);
    expect(nextBandChange(cheap, 4000)).toBeCloseTo(968.944, 3);
    expect(nextBandChange(cheap, 5000)).toBeNull();
    expect(nextBandChange({ ...cheap, reward: null }, 0)).toBeNull();
  });
});

describe('badge text', () => {
  it.each([
    [725, '7.25'],
    [1250, '12.5'],
    [12_549, '125'],
    [123_456, '1.2k'],
    [995_000, '10k'],
    [5, '0.05'],
  ])('%i minor units → %s (four characters at most)', (minor, text) => {
    expect(badgeText(usd(minor), 2)).toBe(text);
    expect(text.length).toBeLessThanOrEqual(4);
  });

  // Values a float's toFixed or Math.round rounds the wrong way, or that the old thresholds cut too early.
  it.each([
    [1245, 2, '12.5'], // 12.45 is 12.4499… as a float: toFixed(1) gave "12.4"
    [145_000, 2, '1.5k'], // 1.45 as a float: "1.4k"
    [9994, 2, '99.9'], // fits in four characters: not "100"
    [9995, 2, '100'], // 99.95 rounds up to 100.0, which does not fit: "100"
    [99_949, 2, '999'],
    [99_950, 2, '1.0k'],
    [994_999, 2, '9.9k'],
    [1045, 3, '1.05'], // 1.045 (a three-digit currency) is 1.0449… as a float: toFixed(2) gave "1.04"
    [1005, 3, '1.01'], // 1.005: toFixed(2) gave "1.00"
    [9994, 3, '9.99'],
    [9995, 3, '10.0'], // 9.995
    [99_950, 3, '100'], // 99.95
    [0, 2, '0.00'],
  ])('%i minor units with %i digits → %s, rounded half up on integers', (minor, digits, text) => {
    expect(badgeText({ minor, currency: digits === 3 ? 'KWD' : 'USD' }, digits)).toBe(text);
    expect(text.length).toBeLessThanOrEqual(4);
  });

  it('has no decimals for a currency without minor units', () => {
    expect(badgeText({ minor: 1200, currency: 'JPY' }, 0)).toBe('1.2k');
    // In the UI language's notation: a French badge reads "7,25", "12,5", "1,2k".
    expect([725, 1245, 120_000].map((minor) => badgeText(usd(minor), 2, ','))).toEqual(['7,25', '12,5', '1,2k']);
  });
});
