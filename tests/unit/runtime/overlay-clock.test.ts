import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liveState, type LiveView } from '../../../lib/domain/live';
import { liveAt, nextChange } from '../../../lib/runtime/overlay-clock';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const running = (reward: number, minimum: number, target: number): LiveView => ({
  activeMs: 0, idleMs: 0, running: true, reward: usd(reward), rate: null, minimum: usd(minimum), target: usd(target), band: 'good', leftMs: null,
});
/** The figures at `activeMs`, as the overlay works them out. */
const at = (v: LiveView, activeMs: number) => liveState(v, activeMs);

describe('the overlay’s clock', () => {
  it('wakes an expanded overlay at the next whole second of active time, and never a paused one', () => {
    // $0.50 has 248,447.2 ms at or above $7.25/h: at 61,750 ms, 186,697.2 ms left, its next second in 697.2 ms.
    const v = running(50, 725, 1000);
    expect(nextChange(v, at(v, 61_750), false)).toBe(250);
    expect(nextChange({ ...v, running: false }, at(v, 61_250), false)).toBeNull();
    expect(nextChange({ ...v, running: false }, at(v, 61_250), true)).toBeNull();
    // Under the minimum (or with no minimum), only the active time moves on each second.
    const under = running(1, 725, 1000);
    expect(nextChange(under, at(under, 61_250), false)).toBe(750);
  });

  it('wakes an expanded overlay when its countdown shows the next second, and just past the crossing under', () => {
    const v = running(50, 725, 1000);
    // 187,197.2 ms left at 61,250 ms: "3:08" until 187,000 ms are left, in 197.2 ms (before the 750 ms tick),
    // rounded up to the ms.
    expect(nextChange(v, at(v, 61_250), false)).toBe(198);
    // $0.01: 4,968.9 ms left; "0:05" until 4,000 ms are left; "0:01" until none, a few ms past that.
    const cheap = running(1, 725, 1000);
    expect(nextChange(cheap, at(cheap, 0), false)).toBe(969);
    expect(nextChange(cheap, at(cheap, 4_500), false)).toBe(474);
    expect(liveAt(cheap, 0, 4_500 + 474).band).toBe('under');
    // Collapsed, the countdown is not shown: only the band's changes wake it, the first under the $10.00 target
    // at 50 × 3,600,000 ÷ 999.5 = 180,090.05 ms.
    expect(nextChange(v, at(v, 61_250), true)).toBeCloseTo(180_090.045 - 61_250 + 5, 3);
  });

  it('wakes a collapsed overlay just after its band changes, and not before', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: 1, max: 3_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 1_000, max: 3_600_000 }),
        (reward, minimum, extra, activeMs) => {
          // A view as the background sends it: its figures those of its own active time.
          const base = { ...running(reward, minimum, minimum + extra), activeMs };
          const { rate, band, leftMs } = liveState(base, activeMs);
          const v = { ...base, rate, band, leftMs };
          const bandAt = (ms: number) => liveAt(v, 0, ms - activeMs).band;
          const wait = nextChange(v, at(v, activeMs), true);
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
    expect(liveAt(v, 1_000, 6_000)).toEqual({ activeMs: 50_000, rate: usd(720), band: 'under', leftMs: null, showRate: true });
    // Paused: the background's figures as they are (here, 4.7 s left: 10 × 3,600,000 ÷ 724.5 = 49,689.4 ms).
    const paused = { ...v, running: false, leftMs: 4_689 };
    expect(liveAt(paused, 1_000, 6_000)).toEqual({ activeMs: 45_000, rate: usd(800), band: 'between', leftMs: 4_689, showRate: false });
  });

  it('gives a running view’s own figures at its own time, worked out again in the page only once time has moved', () => {
    // The background's 4,689 ms left and its rate stand as sent (the overlay's first render does no rate arithmetic).
    const v = { ...running(10, 725, 1000), activeMs: 45_000, rate: usd(800), band: 'between' as const, leftMs: 4_689 };
    const at = liveAt(v, 1_000, 1_000);
    expect(at.rate).toBe(v.rate);
    expect(at).toEqual({ activeMs: 45_000, rate: usd(800), band: 'between', leftMs: 4_689, showRate: false });
    expect(liveAt(v, 1_000, 1_001).rate).not.toBe(v.rate);
  });
});
