import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimerEvent } from '../../lib/domain/task-timer';
import { routeKey, sidecar } from './support/fixtures';
import { launchFirefox, type BackgroundWindow, type FirefoxHarness } from './support/firefox';

const task = sidecar('mturk/task-page.json');
const KEY = `task:mturk:${task.expected.taskId}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface StoredTask {
  status: string;
  activeMs: number;
  events: TimerEvent[];
}

/** Reads a record of Centime's IndexedDB history inside the background page. */
function readRecord(bg: BackgroundWindow, key: string): Promise<StoredTask | undefined> {
  return new Promise((resolve, reject) => {
    const open = bg.indexedDB.open('centime');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('records').objectStore('records').get(key);
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    };
  });
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
      record = await h.background.evaluate(readRecord, KEY);
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
