import { describe, expect, it } from 'vitest';
import { badgeFace, nextBadgeChange } from '../../../lib/domain/badge-face';
import { liveState } from '../../../lib/domain/live';

const task = (reward: number | null, minimum: number | null = 725, target: number | null = 1000, currency = 'USD') => ({
  reward: reward === null ? null : { minor: reward, currency },
  minimum: minimum === null ? null : { minor: minimum, currency },
  target: target === null ? null : { minor: target, currency },
});
const face = (t: ReturnType<typeof task>, activeMs: number) => badgeFace(liveState(t, activeMs), 2);

describe('the badge', () => {
  it('counts down while at or above the minimum, in the band’s colour', () => {
    expect(face(task(1), 0)).toEqual({ kind: 'left', text: '5s', tone: 'good' });
    expect(face(task(1200), 0)).toEqual({ kind: 'left', text: '1h39', tone: 'good' });
    // $0.50 after 3 min: $10.00/h, the target; 68.4 s left.
    expect(face(task(50), 180_000)).toEqual({ kind: 'left', text: '1m', tone: 'good' });
    // $0.25 after 100 s: $9.00/h, between; 124,223.6 − 100,000 ms = 24.2 s left.
    expect(face(task(25), 100_000)).toEqual({ kind: 'left', text: '24s', tone: 'between' });
  });

  it('shows the rate in red once under the minimum', () => {
    expect(face(task(1), 10_000)).toEqual({ kind: 'rate', text: '3.60', tone: 'under' });
  });

  it('with no minimum, waits a minute in grey, then shows the rate', () => {
    const euro = task(100, null, null, 'EUR');
    expect(face(euro, 59_999)).toEqual({ kind: 'wait', text: '…', tone: 'neutral' });
    // €1.00 for a minute: €60.00/h.
    expect(face(euro, 60_000)).toEqual({ kind: 'rate', text: '60.0', tone: 'neutral' });
  });

  it('shows nothing without a reward', () => {
    expect(face(task(null), 10_000)).toEqual({ kind: 'none', text: '', tone: 'neutral' });
  });
});

describe('when the badge of a running task next changes', () => {
  const at = (t: ReturnType<typeof task>, activeMs: number) => nextBadgeChange(t, liveState(t, activeMs));

  it('wakes at its next countdown text, colour or the crossing under, a few ms past each', () => {
    // $0.01: "5s" until 4.5 s are left (468.9 ms), then each second; amber at 3,601.8 ms; under at 4,968.9 ms.
    expect(at(task(1), 0)).toBeCloseTo(473.944, 3);
    expect(at(task(1), 474)).toBeCloseTo(999.944, 3); // 4,494.9 ms left: "4s" down to 3.5 s
    expect(at(task(1), 3500)).toBeCloseTo(106.801, 3);
    expect(at(task(1), 3700)).toBeCloseTo(1273.944, 3);
    // Under the minimum, the rate moves on slowly: the heartbeat redraws it.
    expect(at(task(1), 5000)).toBeNull();
    // $12: "1h39" lasts 52.7 s more.
    expect(at(task(1200), 0)).toBeCloseTo(52_737.919, 3);
  });

  it('wakes at a minute with no minimum, then no more; never without a reward', () => {
    const euro = task(100, null, null, 'EUR');
    expect(at(euro, 20_000)).toBe(40_005);
    expect(at(euro, 60_000)).toBeNull();
    expect(at(task(null), 0)).toBeNull();
  });

  it('puts each change where the face does change', () => {
    const t = task(1200, 725, 1000);
    const faces = [face(t, 0)];
    let activeMs = 0;
    for (let wait = at(t, 0); wait !== null; wait = at(t, activeMs)) {
      expect(face(t, activeMs + wait - 10)).toEqual(faces.at(-1));
      activeMs += wait;
      faces.push(face(t, activeMs));
      expect(faces.at(-1)).not.toEqual(faces.at(-2));
    }
    // 1h39 … 1h00, 59m … 1m, 59s … 1s, then the rate in red. On the way it turns amber under $10.00/h, at
    // 1200 × 3,600,000 ÷ 999.5 = 4,322,161 ms, with 1,640,572 ms (27.3 min) left: "27m" twice, green then amber.
    expect(faces.map((f) => f.text)).toEqual([
      ...Array.from({ length: 40 }, (_, i) => `1h${String(39 - i).padStart(2, '0')}`),
      ...Array.from({ length: 59 }, (_, i) => `${59 - i}m`),
      ...Array.from({ length: 59 }, (_, i) => `${59 - i}s`),
      '7.24',
    ].flatMap((text) => (text === '27m' ? [text, text] : [text])));
    expect(faces.filter((f) => f.text === '27m').map((f) => f.tone)).toEqual(['good', 'between']);
    expect(faces.at(-1)!.tone).toBe('under');
  });
});
