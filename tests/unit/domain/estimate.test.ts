import { describe, expect, it } from 'vitest';
import { estimate, median, type WorkHistory } from '../../../lib/domain/estimate';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const MIN = usd(725);
const TARGET = usd(1000);
// Seeded history: the worker's own submitted HITs, in ms of paid active time.
const history: WorkHistory = {
  byGroup: { G_FAST: [30_000, 40_000, 35_000], G_TWO: [60_000, 60_000] },
  byRequester: { R_SLOW: [300_000, 240_000, 360_000, 600_000], R_ONE: [10_000] },
};

describe('rates before accepting', () => {
  it('uses the median time of at least 3 submitted HITs of the group', () => {
    // $0.10 in a median 35 s = $10.29/h.
    expect(estimate({ groupId: 'G_FAST', requesterId: 'R_SLOW', reward: usd(10), timeAllottedSec: 3600 }, history, MIN, TARGET)).toEqual({
      basis: 'group',
      samples: 3,
      medianMs: 35_000,
      expected: usd(1029),
      band: 'good',
      worstCase: usd(10),
    });
  });

  it("uses the platform's own time estimate when the worker has no history of their own, and only then", () => {
    const gbp = (minor: number) => ({ minor, currency: 'GBP' });
    // Prolific: £1.00 for "10 mins" is £6.00/h, under a £7.00 minimum.
    const e = estimate({ reward: gbp(100), estimatedSec: 600 }, history, gbp(700), gbp(900));
    expect(e).toEqual({ basis: 'platform', samples: 0, medianMs: 600_000, expected: gbp(600), band: 'under' });
    // The worker's own median wins over the platform's estimate.
    expect(estimate({ groupId: 'G_FAST', reward: usd(10), estimatedSec: 600 }, history, MIN, TARGET)).toMatchObject({ basis: 'group', medianMs: 35_000 });
  });

  it('falls back to the requester when the group has fewer than 3', () => {
    // $0.50 in a median 5.5 min = $5.45/h: under the minimum.
    const e = estimate({ groupId: 'G_TWO', requesterId: 'R_SLOW', reward: usd(50) }, history, MIN, TARGET);
    expect(e).toMatchObject({ basis: 'requester', samples: 4, medianMs: 330_000, expected: usd(545), band: 'under' });
  });

  it('gives no estimate without 3 tasks, and never calls a row under the minimum from the worst case alone', () => {
    const e = estimate({ groupId: 'G_NEW', requesterId: 'R_ONE', reward: usd(1), timeAllottedSec: 3600 }, history, MIN, TARGET);
    expect(e).toEqual({ basis: 'none', samples: 0, worstCase: usd(1) });
    expect(e.band).toBeUndefined();
  });

  it('compares only in the reward’s own currency', () => {
    const gbp = estimate({ groupId: 'G_FAST', reward: { minor: 10, currency: 'GBP' } }, history, MIN, TARGET);
    expect(gbp).toMatchObject({ basis: 'group', band: 'no-minimum' });
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([5])).toBe(5);
    expect(median([])).toBeUndefined();
  });
});
