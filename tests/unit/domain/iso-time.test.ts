import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { isoWithOffset } from '../../../lib/domain/iso-time';

describe('isoWithOffset', () => {
  it('writes the local wall time of the zone with its offset', () => {
    const at = Date.UTC(2026, 10, 30, 16, 52, 35, 789);
    expect(isoWithOffset(at, 'America/Los_Angeles')).toBe('2026-11-30T08:52:35-08:00');
    expect(isoWithOffset(at, 'Europe/Paris')).toBe('2026-11-30T17:52:35+01:00');
    expect(isoWithOffset(at, 'UTC')).toBe('2026-11-30T16:52:35+00:00');
    expect(isoWithOffset(at, 'Asia/Kolkata')).toBe('2026-11-30T22:22:35+05:30');
    expect(isoWithOffset(at, 'America/St_Johns')).toBe('2026-11-30T13:22:35-03:30');
  });

  it('follows daylight saving time: the same zone, two offsets', () => {
    expect(isoWithOffset(Date.UTC(2026, 6, 1, 12), 'America/Los_Angeles')).toBe('2026-07-01T05:00:00-07:00');
    expect(isoWithOffset(Date.UTC(2026, 0, 1, 12), 'America/Los_Angeles')).toBe('2026-01-01T04:00:00-08:00');
    // The repeated hour of the autumn change (01:30 happens twice): the offset tells the two apart.
    expect(isoWithOffset(Date.UTC(2026, 10, 1, 8, 30), 'America/Los_Angeles')).toBe('2026-11-01T01:30:00-07:00');
    expect(isoWithOffset(Date.UTC(2026, 10, 1, 9, 30), 'America/Los_Angeles')).toBe('2026-11-01T01:30:00-08:00');
  });

  it('crosses the day line where the zone does, and drops the fraction of a second (never rounds up)', () => {
    expect(isoWithOffset(Date.UTC(2026, 11, 31, 23, 59, 59, 999), 'Pacific/Kiritimati')).toBe('2027-01-01T13:59:59+14:00');
    expect(isoWithOffset(Date.UTC(2026, 0, 1, 0, 0, 0), 'Pacific/Pago_Pago')).toBe('2025-12-31T13:00:00-11:00');
  });

  it('names the same instant it was given, in any zone (the string parses back to it)', () => {
    const zones = ['UTC', 'Europe/Paris', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const iso = isoWithOffset(ms, zone);
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
        expect(Date.parse(iso)).toBe(Math.floor(ms / 1000) * 1000);
      }),
    );
  });

  it('reads the wall time from its parts where the runtime writes it in another form', () => {
    const at = Date.UTC(2026, 10, 30, 16, 52, 35, 789);
    const fast = ['America/Los_Angeles', 'Asia/Kolkata', 'UTC'].map((zone) => isoWithOffset(at, zone));
    // `format` is an accessor (it answers a bound function): typed here as the value it is read as.
    const proto = Intl.DateTimeFormat.prototype as unknown as { readonly format: unknown };
    const written = vi.spyOn(proto, 'format', 'get').mockReturnValue(() => '30.11.2026 08:52:35');
    try {
      expect(['America/Los_Angeles', 'Asia/Kolkata', 'UTC'].map((zone) => isoWithOffset(at, zone))).toEqual(fast);
      expect(written).toHaveBeenCalled();
    } finally {
      written.mockRestore();
    }
    expect(fast).toEqual(['2026-11-30T08:52:35-08:00', '2026-11-30T22:22:35+05:30', '2026-11-30T16:52:35+00:00']);
  });

  it("uses the runtime's zone when none is given, and refuses what is not an instant", () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(isoWithOffset(1_700_000_000_000)).toBe(isoWithOffset(1_700_000_000_000, zone));
    expect(() => isoWithOffset(Number.NaN)).toThrow(RangeError);
  });
});
