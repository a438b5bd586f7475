import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimerEvent } from '../../lib/domain/task-timer';
import { routeKey, sidecar } from './support/fixtures';
import { firefoxDriver } from './support/driver';
import { launchFirefox, type FirefoxHarness } from './support/firefox';

const task = sidecar('mturk/task-page.json');
const KEY = `task:mturk:${task.expected.taskId}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface StoredTask {
  status: string;
  activeMs: number;
  events: TimerEvent[];
}

// Firefox stops an idle event page (pref `extensions.background.idle.timeout`, 30 s by default; 8 s here, over the 5 s heartbeat, so that a
// test can show it in seconds).
const IDLE_MS = 8_000;

describe('Firefox: time survives the background being stopped', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    h = await launchFirefox({ [routeKey(task.url)]: { fixture: 'mturk/task-page.html' } }, { backgroundIdleTimeoutMs: IDLE_MS });
  });
  afterAll(async () => h?.close());

  it('keeps counting while the background is stopped mid-task, and stops when another tab comes to the front', async () => {
    const page = await h.page();
    await page.goto(task.url);
    await page.bringToFront();
    await sleep(2_000);
    const stoppedAt = Date.now();
    await h.background.stop();
    expect(await h.background.isRunning()).toBe(false);
    await sleep(3_000);
    expect(await h.background.isRunning()).toBe(false);
    // Reading opens an extension tab: that tab event wakes the background, which ends the task's stretch.
    const wokeAt = Date.now();
    let record: StoredTask | undefined;
    for (let i = 0; i < 50 && !record?.events.some((e) => e.type === 'not-front'); i++) {
      record = await firefoxDriver(h).readRecord<StoredTask>(KEY);
      await sleep(100);
    }
    const front = record!.events.find((e) => e.type === 'front')!;
    const notFront = record!.events.find((e) => e.type === 'not-front')!;
    expect(record!.events.some((e) => e.type === 'crash')).toBe(false);
    // All the time in front counted, including the 3 s while the background was stopped.
    expect(record!.activeMs).toBeGreaterThanOrEqual(wokeAt - stoppedAt + 1_000);
    expect(Math.abs(record!.activeMs - (notFront.at.wall - front.at.wall))).toBeLessThanOrEqual(1_000);
    expect(record!.status).toBe('open');
  });

  // While a task is in front the heartbeat's storage writes (every 5 s) are extension API calls, which keep the event
  // page running: so a sleep of the computer is met by the same running background, whose heartbeat sees the gap and
  // ends the task's time at its last beat (`Tracker.thaw`). With nothing in front there is no heartbeat, and it stops.
  it('is still running at twice the idle timeout with a task in front, and stops once nothing is', async () => {
    const page = await h.page();
    await page.goto(task.url);
    await page.bringToFront();
    const running: boolean[] = [];
    for (let waited = 0; waited < 2 * IDLE_MS + 2_000; waited += 1_000) {
      await sleep(1_000);
      running.push(await h.background.isRunning());
    }
    expect(running.every(Boolean)).toBe(true);
    await page.goto('about:blank');
    let stopped = false;
    for (let i = 0; i < 4 * IDLE_MS && !stopped; i += 500) {
      await sleep(500);
      stopped = !(await h.background.isRunning());
    }
    expect(stopped).toBe(true);
  }, 60_000);
});
