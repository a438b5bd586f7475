import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveView } from '../../../lib/domain/live';
import { liveAt, nextChange } from '../../../lib/runtime/overlay-clock';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const running = (reward: number, minimum: number, target: number): LiveView => ({
  activeMs: 0, idleMs: 0, running: true, reward: usd(reward), rate: null, minimum: usd(minimum), target: usd(target), band: 'good',
});

describe('the overlay’s clock', () => {
  it('wakes an expanded overlay at the next whole second of active time, and never a paused one', () => {
    const v = running(50, 725, 1000);
    expect(nextChange(v, 61_250, false)).toBe(750);
    expect(nextChange({ ...v, running: false }, 61_250, false)).toBeNull();
    expect(nextChange({ ...v, running: false }, 61_250, true)).toBeNull();
  });

  it('wakes a collapsed overlay just after its band changes, and not before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 3_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 1_000, max: 3_600_000 }),
        (reward, minimum, extra, activeMs) => {
          const v = { ...running(reward, minimum, minimum + extra), activeMs };
          const bandAt = (ms: number) => liveAt(v, 0, ms - activeMs).band;
          const wait = nextChange(v, activeMs, true);
          if (wait === null) {
            // Nothing left to cross: the band at an hour later is the band now.
            expect(bandAt(activeMs + 3_600_000 * 10)).toBe(bandAt(activeMs));
            return;
          }
          expect(wait).toBeGreaterThan(0);
          expect(bandAt(activeMs + wait - 10)).toBe(bandAt(activeMs));
          expect(bandAt(activeMs + wait)).not.toBe(bandAt(activeMs));
        },
      ),
    );
  });

  it('moves a running task’s time, rate and band on from the background’s view', () => {
    const v = { ...running(10, 725, 1000), activeMs: 45_000, rate: usd(800), band: 'between' as const };
    expect(liveAt(v, 1_000, 6_000)).toEqual({ activeMs: 50_000, rate: usd(720), band: 'under' });
    expect(liveAt({ ...v, running: false }, 1_000, 6_000)).toEqual({ activeMs: 45_000, rate: usd(800), band: 'between' });
  });
});
