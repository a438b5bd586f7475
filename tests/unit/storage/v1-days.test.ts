import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay, type Aggregates } from '../../../lib/domain/summary';
import type { PlatformStretch } from '../../../lib/storage/schemas';
import { v1Days } from '../../../lib/storage/v1-days';

const ZONES = ['Pacific/Kiritimati', 'Asia/Tokyo', 'Europe/Paris', 'UTC', 'America/New_York', 'America/Los_Angeles', 'Pacific/Pago_Pago'];
const START = Date.UTC(2026, 9, 20);

/** Stretches in time order, each counted (as version 1 did) on the day of the zone of its moment. */
const history = fc
  .array(fc.record({ gap: fc.integer({ min: 60_000, max: 20 * 3_600_000 }), ms: fc.integer({ min: 1, max: 3_600_000 }), zone: fc.constantFrom(...ZONES), move: fc.boolean() }), { minLength: 1, maxLength: 40 })
  .map((steps) => {
    let wall = START;
    let zone = 'Europe/Paris';
    return steps.map((s, i) => {
      wall += s.gap;
      if (s.move) zone = s.zone; // the worker travels (or changes the computer's zone)
      const stretch: PlatformStretch = { v: 1, platform: 'mturk', start: { wall, mono: i, origin: 0 }, end: { wall: wall + s.ms, mono: i + s.ms, origin: 0 }, ms: s.ms };
      wall += s.ms;
      return { stretch, day: localDay(stretch.start.wall, zone) };
    });
  });

const totals = (placed: { day: string; ms: number }[]): Aggregates =>
  placed.reduce<Aggregates>((agg, { day, ms }) => {
    const t = (agg[`${day}|mturk`] ??= { paidActiveMs: 0, unpaidActiveMs: 0, idleMs: 0, platformMs: 0, tasks: 0, earned: {}, pending: {}, approved: {} });
    t.platformMs += ms;
    return agg;
  }, {});

describe("version 1's platform time, given back the day it was counted under", () => {
  it('gives every day the platform time version 1 counted there, whatever the zone did', () => {
    fc.assert(
      fc.property(history, (h) => {
        const v1 = totals(h.map(({ stretch, day }) => ({ day, ms: stretch.ms })));
        const { stretches } = v1Days(h.map((x) => x.stretch), [], v1);
        expect(totals(stretches.map((s) => ({ day: s.day!, ms: s.ms })))).toEqual(v1);
      }),
      { numRuns: Number(process.env.CENTIME_PROPERTY_RUNS ?? 500) },
    );
  });

  it('keeps a day a record already has', () => {
    const stretch: PlatformStretch = { v: 1, platform: 'mturk', start: { wall: START, mono: 0, origin: 0 }, end: { wall: START + 5, mono: 5, origin: 0 }, ms: 5, day: '2026-10-19' };
    expect(v1Days([stretch], [], {}).stretches[0]!.day).toBe('2026-10-19');
  });
});
