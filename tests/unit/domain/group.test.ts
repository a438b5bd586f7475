import { describe, expect, it } from 'vitest';
import { addTo } from '../../../lib/domain/group';

describe('addTo', () => {
  it('keeps each key’s values in the order they came, in one list per key', () => {
    const groups = new Map<string, number[]>();
    [['a', 1], ['b', 2], ['a', 3], ['a', 4], ['b', 5]].forEach(([k, v]) => addTo(groups, k as string, v as number));
    expect([...groups]).toEqual([['a', [1, 3, 4]], ['b', [2, 5]]]);
  });

  it('keeps every one of 100,000 values under two keys', () => {
    const groups = new Map<string, number[]>();
    for (let i = 0; i < 100_000; i++) addTo(groups, i % 2 ? 'mturk' : 'prolific', i);
    expect(groups.get('mturk')).toHaveLength(50_000);
    expect(groups.get('prolific')![49_999]).toBe(99_998);
  });
});
