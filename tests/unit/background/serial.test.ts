import { describe, expect, it } from 'vitest';
import { readStored, serialized, updateStored, type StoredValue } from '../../../lib/background/serial';

/** A stored value whose reads and writes each take a turn of the event loop, as browser storage does. */
function slowValue<T>(key: string, value: T): StoredValue<T> & { writes: number } {
  const turn = () => new Promise((r) => setTimeout(r, 1));
  const item = {
    key,
    writes: 0,
    getValue: async () => (await turn(), value),
    setValue: async (next: T) => {
      await turn();
      value = next;
      item.writes++;
    },
  };
  return item;
}

describe('serialised read-modify-writes', () => {
  it('keeps every change made at once, in the order given', async () => {
    const item = slowValue<number[]>('list', []);
    await Promise.all(Array.from({ length: 20 }, (_, i) => updateStored(item, (list) => [...list, i])));
    expect(await readStored(item)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('writes nothing for a change that returns the value it was given', async () => {
    const item = slowValue('same', { a: 1 });
    await Promise.all([updateStored(item, (v) => v), updateStored(item, (v) => v)]);
    expect(item.writes).toBe(0);
  });

  it('runs the next change after one that failed; other keys do not wait', async () => {
    const item = slowValue('n', 0);
    const failed = updateStored(item, () => {
      throw new Error('broken');
    });
    const next = updateStored(item, (n) => n + 1);
    await expect(failed).rejects.toThrow('broken');
    await expect(next).resolves.toBe(1);
    const order: string[] = [];
    let release = () => {};
    const slow = serialized('a', () => new Promise<void>((r) => (release = r)).then(() => void order.push('a')));
    await serialized('b', async () => void order.push('b'));
    release();
    await slow;
    expect(order).toEqual(['b', 'a']);
  });
});
