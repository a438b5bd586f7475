import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../../lib/domain/summary';
import { pacificDays } from '../../../lib/platforms/mturk-days';
import { mturkSync } from '../../../lib/platforms/mturk-sync';

describe('pacificDays: the MTurk days pending items were submitted on', () => {
  // The worker's machine in Honolulu (UTC−10): the answer must not depend on it.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Pacific/Honolulu';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('is the day after the local one at 23:30 in Honolulu (01:30 in Los Angeles)', () => {
    const submittedAt = Date.UTC(2026, 10, 27, 9, 30);
    expect(new Date(submittedAt).getDate()).toBe(26); // the process really runs on Honolulu time
    expect(localDay(submittedAt, 'Pacific/Honolulu')).toBe('2026-11-26');
    expect(pacificDays([{ submittedAt }])).toEqual(['2026-11-27']);
  });

  it('is the day before the local one early in the morning in Paris', () => {
    const submittedAt = Date.UTC(2026, 10, 27, 4, 0); // 05:00 in Paris, 20:00 the day before in Los Angeles
    expect(localDay(submittedAt, 'Europe/Paris')).toBe('2026-11-27');
    expect(pacificDays([{ submittedAt }])).toEqual(['2026-11-26']);
  });

  it('follows daylight saving time (00:30 PDT is the new day, not 23:30 at UTC−8)', () => {
    expect(pacificDays([{ submittedAt: Date.UTC(2026, 6, 1, 7, 30) }])).toEqual(['2026-07-01']);
  });

  it('gives each day once, oldest first', () => {
    const at = (d: number, h: number) => ({ submittedAt: Date.UTC(2026, 10, d, h) });
    expect(pacificDays([at(27, 20), at(25, 20), at(27, 21), at(26, 9)])).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(pacificDays([])).toEqual([]);
  });

  it('gives back the day of an untimed record (stamped at noon of its MTurk day), whatever the season', () => {
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (d) => {
        expect(pacificDays([{ submittedAt: mturkSync.dayInstant(d) }])).toEqual([d]);
      }),
    );
  });
});
