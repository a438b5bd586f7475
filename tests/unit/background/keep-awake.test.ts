import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepAwake } from '@/lib/background/keep-awake';
import { TaskWriter } from '@/lib/background/task-writer';

/** A long step's end, given by the test. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('keepAwake: a long step of the writer calls an extension API every 20 s until it ends', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  const awakeWith = (ping: () => unknown) =>
    keepAwake({ ping, setInterval: (run, ms) => setInterval(run, ms), clearInterval: (h) => clearInterval(h as number), now: () => Date.now() });

  it('pings through a one-minute import, then stops once nothing has run for an interval', async () => {
    const ping = vi.fn();
    const awake = awakeWith(ping);
    const end = deferred();
    const done = awake.during(() => end.promise);
    await vi.advanceTimersByTimeAsync(19_000);
    expect(ping).not.toHaveBeenCalled(); // a short step costs nothing
    await vi.advanceTimersByTimeAsync(45_000); // 64 s in: pinged at 20, 40 and 60 s
    expect(ping).toHaveBeenCalledTimes(3);
    end.resolve();
    await done;
    await vi.advanceTimersByTimeAsync(120_000);
    // One more at 80 s (the work ended 16 s before it), none after: the browser may stop an idle worker again.
    expect(ping).toHaveBeenCalledTimes(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts steps that follow one another closely (a migration in batches) as one piece of work', async () => {
    const ping = vi.fn();
    const awake = awakeWith(ping);
    for (let i = 0; i < 12; i++) {
      const step = awake.during(() => new Promise<void>((r) => setTimeout(r, 5_000)));
      await vi.advanceTimersByTimeAsync(5_000);
      await step;
    }
    // 60 s of 5 s batches, each shorter than the interval: still pinged at 20, 40 and 60 s.
    expect(ping).toHaveBeenCalledTimes(3);
  });

  it('stops after ten minutes of work that never ends, and a failing ping or step changes nothing', async () => {
    const ping = vi.fn(() => Promise.reject(new Error('context invalidated')));
    const awake = awakeWith(ping);
    void awake.during(() => new Promise(() => {}));
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(ping).toHaveBeenCalledTimes(30);
    expect(vi.getTimerCount()).toBe(0);
    await expect(awake.during(() => Promise.reject(new Error('abort')))).rejects.toThrow('abort');
  });

  it("is what the writer's queue runs each step through", async () => {
    const writer = new TaskWriter(() => 'UTC');
    const seen: string[] = [];
    writer.awake = { during: async (work) => (seen.push('awake'), work()) };
    expect(await writer.serial(async () => (seen.push('work'), 7))).toBe(7);
    expect(seen).toEqual(['awake', 'work']);
  });
});
