import { describe, expect, it } from 'vitest';
import { timeZoneReader } from '../../../lib/domain/time-zone';

describe("the browser's time zone as the background reads it", () => {
  it('is asked of Intl at most once a second, and a change is seen within the second', () => {
    let clock = 1_000_000;
    let zone = 'Europe/Paris';
    let reads = 0;
    const timeZone = timeZoneReader(() => clock, () => (reads++, zone));
    expect(timeZone()).toBe('Europe/Paris');
    for (let i = 0; i < 50; i++) {
      clock += 19;
      expect(timeZone()).toBe('Europe/Paris');
    }
    expect(reads).toBe(1);
    // The worker travels: the next read after the second sees it.
    zone = 'America/New_York';
    clock += 50;
    expect(timeZone()).toBe('America/New_York');
    expect(reads).toBe(2);
    // A clock set back reads again at once.
    zone = 'Asia/Tokyo';
    clock -= 60_000;
    expect(timeZone()).toBe('Asia/Tokyo');
    expect(reads).toBe(3);
  });

  it('reads the real zone by default', () => {
    expect(timeZoneReader()()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
