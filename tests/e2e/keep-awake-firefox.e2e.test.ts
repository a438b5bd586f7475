import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxHarness } from './support/firefox';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Firefox stops an event page after `extensions.background.idle.timeout` with no extension event or API call (30 s
// by default; 2 s here). A long step of the writer's queue (a rebuild of years of history after an update) would be
// cut off there at every start. The keep-awake calls `runtime.getPlatformInfo()` while a step runs
// (lib/background/keep-awake.ts); here its interval is scaled to the short timeout (1 s instead of 20 s) and a step
// holds the queue 5 s. Checked once by hand: with its calls made no-ops the page stopped 2 s into the step.
const IDLE_MS = 2_000;
const HOLD_MS = 5_000;

interface TestHooks {
  centimeTest: { awakeEvery(ms: number): void; hold(ms: number): void; heldUntil?: number };
}

async function holdAndWatch(h: FirefoxHarness, everyMs: number): Promise<{ running: boolean[]; heldUntil: number | undefined }> {
  await h.background.evaluate((bg, every, hold) => {
    const g = bg as unknown as TestHooks;
    g.centimeTest.awakeEvery(every);
    g.centimeTest.hold(hold);
  }, everyMs, HOLD_MS);
  // Each second until the step is over, or until the page is seen stopped (its step can never end then).
  const running: boolean[] = [];
  for (let waited = 0; waited < HOLD_MS + 1_000 && running.at(-1) !== false; waited += 1_000) {
    await sleep(1_000);
    running.push(await h.background.isRunning());
  }
  // A stopped background is woken by the evaluation, as a new page with no `heldUntil`.
  const heldUntil = await h.background.evaluate((bg) => (bg as unknown as Partial<TestHooks>).centimeTest?.heldUntil);
  return { running, heldUntil };
}

describe('Firefox: a long step of the writer keeps the event page awake until it ends', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    h = await launchFirefox({}, { backgroundIdleTimeoutMs: IDLE_MS });
  });
  afterAll(async () => h?.close());

  it('is cut off at the idle timeout without the keep-awake, and finishes with it', async () => {
    const without = await holdAndWatch(h, 0);
    expect(without.running.includes(false)).toBe(true);
    expect(without.heldUntil).toBeUndefined();

    const started = Date.now();
    const kept = await holdAndWatch(h, 1_000);
    expect(kept.running.slice(0, HOLD_MS / 1_000)).toEqual(Array(HOLD_MS / 1_000).fill(true));
    expect(kept.heldUntil).toBeGreaterThanOrEqual(started + HOLD_MS);

    // Once the work is over the calls stop and the page stops when idle, as before.
    let stopped = false;
    for (let waited = 0; waited < 6 * IDLE_MS && !stopped; waited += 500) {
      await sleep(500);
      stopped = !(await h.background.isRunning());
    }
    expect(stopped).toBe(true);
  }, 60_000);
});
