import { describe, expect, it } from 'vitest';
import { mirrored, readStored, serialized, updateStored, type StoredValue } from '../../../lib/background/serial';

/** A stored value whose reads and writes each take a turn of the event loop, as browser storage does. */
function slowValue<T>(key: string, value: T): StoredValue<T> & { writes: number; reads: number; set(next: T): void } {
  const turn = () => new Promise((r) => setTimeout(r, 1));
  const item = {
    key,
    writes: 0,
    reads: 0,
    /** Another context (or "delete all") changes it. */
    set: (next: T) => void (value = next),
    // A read answers with the value as it was when asked.
    getValue: async () => {
      item.reads++;
      const asked = value;
      await turn();
      return asked;
    },
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

describe('a stored value mirrored in memory', () => {
  it('is read from storage once, then again only after a change is announced; its own writes go through', async () => {
    const item = slowValue<Record<string, number>>('claims', { 1: 10 });
    let announce = () => {};
    const mirror = mirrored(item, (listener) => (announce = listener));
    for (let message = 0; message < 5; message++) expect(await readStored(mirror)).toEqual({ 1: 10 });
    expect(item.reads).toBe(1);
    await updateStored(mirror, (all) => ({ ...all, 2: 20 }));
    expect(await readStored(mirror)).toEqual({ 1: 10, 2: 20 });
    expect(item.writes).toBe(1);
    // Cleared elsewhere ("delete all"): storage.onChanged announces it, the next read goes to storage.
    item.set({});
    announce();
    expect(await readStored(mirror)).toEqual({});
  });

  it("keeps its copy when the change announced is its own write coming back, and drops it for another value", async () => {
    const item = slowValue<{ task: string | null }>('front', { task: null });
    let announce: (value?: unknown) => void = () => {};
    const mirror = mirrored(item, (listener) => (announce = listener));
    await mirror.setValue({ task: 'mturk:A' });
    // storage.onChanged of that write: the same value, nothing to read again.
    announce({ task: 'mturk:A' });
    expect(await mirror.getValue()).toEqual({ task: 'mturk:A' });
    expect(item.reads).toBe(0);
    // Another value ("delete all" gives the fallback): read from storage.
    item.set({ task: null });
    announce({ task: null });
    expect(await mirror.getValue()).toEqual({ task: null });
    expect(item.reads).toBe(1);
  });

  it('keeps its copy when its own write is announced before the write answers, not when another value is', async () => {
    const item = slowValue<number>('n', 1);
    let announce: (value?: unknown) => void = () => {};
    const mirror = mirrored(item, (listener) => (announce = listener));
    const writing = mirror.setValue(5);
    announce(5);
    await writing;
    expect(await mirror.getValue()).toBe(5);
    expect(item.reads).toBe(0);
    // Another context's value announced during a write of this one: the write's copy is not kept.
    const second = mirror.setValue(6);
    item.set(7);
    announce(7);
    await second;
    expect(await mirror.getValue()).toBe(6);
    expect(item.reads).toBe(1);
  });

  it('does not keep a read that was in flight when a change was announced', async () => {
    const item = slowValue<number>('n', 1);
    let announce = () => {};
    const mirror = mirrored(item, (listener) => (announce = listener));
    const inFlight = mirror.getValue();
    item.set(2);
    announce();
    expect(await inFlight).toBe(1);
    expect(await mirror.getValue()).toBe(2);
  });
});
