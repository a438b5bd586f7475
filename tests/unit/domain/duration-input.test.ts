import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../lib/domain/duration';
import { parseDuration } from '../../../lib/domain/duration-input';

describe('parseDuration', () => {
  it('reads minutes, decimal minutes and stopwatch readings', () => {
    expect(parseDuration('40')).toBe(40 * 60_000);
    expect(parseDuration(' 12.5 ')).toBe(750_000);
    expect(parseDuration('12,5')).toBe(750_000);
    expect(parseDuration('40:00')).toBe(2_400_000);
    expect(parseDuration('1:05:09')).toBe(3_909_000);
    expect(parseDuration('0')).toBe(0);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', '-5', 'abc', '1:60', '1:61:00', '5 min', '1:2', '1.2.3']) expect(parseDuration(text), text).toBeNull();
  });

  it('reads back what formatDuration writes (whole seconds)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 * 3600 }), (sec) => {
      expect(parseDuration(formatDuration(sec * 1000))).toBe(sec * 1000);
    }));
  });
});
