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

describe('Firefox: time survives the background being stopped', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    h = await launchFirefox({ [routeKey(task.url)]: { fixture: 'mturk/task-page.html' } });
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
});
