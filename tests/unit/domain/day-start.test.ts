import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayStart, localDay, nextDay } from '../../../lib/domain/summary';

const ZONES = ['UTC', 'Europe/Paris', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati', 'America/Santiago', 'Australia/Lord_Howe', 'America/Havana'];

describe('the instant a local day begins', () => {
  it('is on that day, and the instant before it is on the day before', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...ZONES), (wall, zone) => {
        const day = localDay(wall, zone);
        const start = dayStart(day, zone);
        expect(localDay(start, zone)).toBe(day);
        expect(localDay(start - 1, zone)).not.toBe(day);
        expect(start).toBeLessThanOrEqual(wall);
        expect(dayStart(nextDay(day), zone)).toBeGreaterThan(wall);
      }),
      { numRuns: 400 },
    );
  });

  it('knows a day that starts at 01:00 because midnight was skipped (Havana, 2026-03-08)', () => {
    expect(new Date(dayStart('2026-03-08', 'America/Havana')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(dayStart('2026-11-30', 'Europe/Paris')).toBe(Date.UTC(2026, 10, 29, 23));
  });
});
