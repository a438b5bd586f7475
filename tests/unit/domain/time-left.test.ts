import { describe, expect, it } from 'vitest';
import { leftText, leftTextChange, timeLeftMs } from '../../../lib/domain/time-left';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const MIN = usd(725); // $7.25/h
const S = 1000;
const M = 60 * S;
const H = 60 * M;

// Expected values worked out by hand from DESIGN.md's definition: the rate, rounded half up to the cent, stays
// at or above $7.25 until reward × 1 h ÷ $7.245 of active time.
describe('time left at or above the minimum', () => {
  it('is reward ÷ (minimum − ½ cent) − active time', () => {
    // $0.01: 3,600,000 ÷ 724.5 = 4,968.944… ms.
    expect(timeLeftMs(usd(1), MIN, 0)).toBeCloseTo(4968.944, 3);
    // $12.00: 4,320,000,000 ÷ 724.5 = 5,962,732.919… ms (1 h 39 min 22.7 s).
    expect(timeLeftMs(usd(1200), MIN, 0)).toBeCloseTo(5_962_732.919, 3);
    // $0.50 after 3 min: 180,000,000 ÷ 724.5 = 248,447.205… ms, less 180,000.
    expect(timeLeftMs(usd(50), MIN, 3 * M)).toBeCloseTo(68_447.205, 3);
  });

  it('reaches zero exactly where the rounded rate turns under the minimum', () => {
    // $1.61 × 3,600,000 ÷ 724.5 = 800,000 ms exactly: there the rate is $7.245, rounded half up to $7.25.
    expect(timeLeftMs(usd(161), MIN, 799_000)).toBe(1000);
    expect(timeLeftMs(usd(161), MIN, 800_000)).toBe(0);
    expect(timeLeftMs(usd(161), MIN, 800_001)).toBeNull(); // $7.2449…: $7.24, under
    // $0.01 at 4,968 ms pays 724.64 → $7.25; at 4,969 ms, 724.49 → $7.24.
    expect(timeLeftMs(usd(1), MIN, 4968)).toBeCloseTo(0.944, 3);
    expect(timeLeftMs(usd(1), MIN, 4969)).toBeNull();
  });

  it('is null with no reward, no minimum, a minimum in another currency or of zero', () => {
    expect(timeLeftMs(null, MIN, 0)).toBeNull();
    expect(timeLeftMs(usd(100), null, 0)).toBeNull();
    expect(timeLeftMs(usd(100), { minor: 600, currency: 'GBP' }, 0)).toBeNull();
    // Nothing is ever under a minimum of 0: there is nothing to count down to.
    expect(timeLeftMs(usd(100), usd(0), 10 * H)).toBeNull();
  });
});

describe('the badge’s countdown text', () => {
  it('shows the examples of issue 14', () => {
    expect(leftText(timeLeftMs(usd(1), MIN, 0)!)).toBe('5s');
    expect(leftText(timeLeftMs(usd(1200), MIN, 0)!)).toBe('1h39');
    // 68.4 s: over a minute, to the nearest minute.
    expect(leftText(timeLeftMs(usd(50), MIN, 3 * M)!)).toBe('1m');
  });

  it.each([
    [1, '1s'], // never "0s" while time remains
    [499, '1s'],
    [1499, '1s'],
    [1500, '2s'],
    [4499, '4s'],
    [4500, '5s'],
    [45 * S, '45s'],
    [59_499, '59s'],
    [59_500, '1m'], // 59.5 s rounds to 60 s: a minute
    [89_999, '1m'],
    [90 * S, '2m'],
    [39 * M, '39m'],
    [59.5 * M - 1, '59m'],
    [59.5 * M, '1h00'],
    [99 * M, '1h39'],
    [599.5 * M - 1, '9h59'],
    [599.5 * M, '10h'],
    [10.5 * H - 1, '10h'],
    [10.5 * H, '11h'],
    [12 * H, '12h'],
    [99.5 * H, '99h'], // capped: four characters
    [500 * H, '99h'],
  ])('%d ms left → %s', (ms, text) => {
    expect(leftText(ms)).toBe(text);
    expect(text.length).toBeLessThanOrEqual(4);
  });

  it('says how much more active time its text lasts', () => {
    // "5s" lasts down to 4.5 s.
    expect(leftTextChange(4968.944)).toBeCloseTo(468.944, 3);
    // "1s" lasts until no time is left: the crossing under the minimum.
    expect(leftTextChange(1400)).toBe(1400);
    // "1m" (68.4 s) lasts down to 59.5 s, where "59s" begins; "2m" down to 90 s.
    expect(leftTextChange(68_447.205)).toBeCloseTo(8_947.205, 3);
    expect(leftTextChange(100 * S)).toBe(10 * S);
    // "1h39" (99.38 min) lasts down to 98.5 min; "1h00" down to 59.5 min; "10h" down to 599.5 min; "99h" to 98.5 h.
    expect(leftTextChange(5_962_732.919)).toBeCloseTo(52_732.919, 3);
    expect(leftTextChange(60 * M)).toBe(30 * S);
    expect(leftTextChange(10 * H)).toBe(30 * S);
    expect(leftTextChange(200 * H)).toBe(101.5 * H);
  });

  it('changes text exactly where it says, and not before', () => {
    for (let ms = 1; ms < 12 * H; ms = ms * 1.37 + 7) {
      const wait = leftTextChange(ms);
      expect(leftText(ms - wait + 0.01)).toBe(leftText(ms));
      if (ms - wait - 1 > 0) expect(leftText(ms - wait - 1)).not.toBe(leftText(ms));
    }
  });
});
