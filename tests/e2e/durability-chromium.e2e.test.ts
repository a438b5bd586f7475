import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { replay, type Stamp, type TimerEvent } from '../../lib/domain/task-timer';
import type { LastSeen } from '../../lib/background/tracker';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { routeKey, sidecar } from './support/fixtures';

const task = sidecar('mturk/task-page.json');
const KEY = `task:mturk:${task.expected.taskId}`;
const site = { [routeKey(task.url)]: { fixture: 'mturk/task-page.html' } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface StoredTask {
  status: string;
  activeMs: number;
  events: TimerEvent[];
}

async function stored(h: ChromiumHarness): Promise<StoredTask> {
  let record: StoredTask | undefined;
  await expect.poll(async () => (record = await h.readRecord<StoredTask>(KEY)), { timeout: 10_000 }).toBeDefined();
  return record!;
}

/** The worker's own clock reading, so that an open stretch is measured as the worker would. */
async function workerNow(h: ChromiumHarness): Promise<Stamp> {
  return h.evaluate(() => {
    const origin = performance.timeOrigin;
    return { wall: Date.now(), mono: origin + performance.now(), origin };
  }, null);
}

/** Opens the task page and waits until the task is in front; returns when its time started. */
async function openTask(h: ChromiumHarness) {
  const page = await h.context.newPage();
  await page.goto(task.url);
  await expect.poll(async () => (await h.readRecord<StoredTask>(KEY))?.events.some((e) => e.type === 'front'), {
    timeout: 10_000,
  }).toBe(true);
  return { page, since: frontSince(await stored(h)) };
}

function frontSince(record: StoredTask): number {
  const front = record.events.filter((e) => e.type === 'front');
  expect(front).toHaveLength(1);
  return front[0]!.at.wall;
}

describe('Chromium: time survives the service worker and the browser', () => {
  const profile = mkdtempSync(join(tmpdir(), 'centime-durability-'));
  let h: ChromiumHarness | undefined;
  afterAll(async () => {
    await h?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('counts every second across three service-worker stops, with no tab event while stopped', async () => {
    h = await launchChromium(site);
    const { page, since } = await openTask(h);
    for (let i = 0; i < 3; i++) {
      await sleep(1_500);
      const worker = await h.serviceWorker();
      await worker.evaluate((n) => ((globalThis as { centimeTestMarker?: number }).centimeTestMarker = n), i + 1);
      await h.stopServiceWorker(page);
      await sleep(2_000); // stopped: no heartbeat, no event; the task is still in front
      await h.startServiceWorker(page);
      const fresh = await h.serviceWorker();
      // A new worker: the global set before the stop is gone.
      expect(await fresh.evaluate(() => (globalThis as { centimeTestMarker?: number }).centimeTestMarker)).toBeUndefined();
    }
    await sleep(1_000);
    const record = await stored(h);
    const now = await workerNow(h);
    const active = replay(record.events, now).activeMs;
    const truth = now.wall - since;
    expect(truth).toBeGreaterThan(11_000);
    expect(Math.abs(active - truth)).toBeLessThanOrEqual(1_000);
    expect(record.events.filter((e) => e.type === 'crash')).toEqual([]);
    await h.close();
    h = undefined;
  });

  it('after the browser closes mid-task, keeps the time up to the last heartbeat and resumes on return', async () => {
    h = await launchChromium(site, profile);
    const { since } = await openTask(h);
    await sleep(7_000);
    const closedAt = Date.now();
    await h.close();

    h = await launchChromium(site, profile);
    let record = await stored(h);
    await expect.poll(async () => (record = await stored(h!)).events.some((e) => e.type === 'crash')).toBe(true);
    expect(record.status).toBe('open');
    // The open stretch ended at the last heartbeat before the close: at most one interval (5 s) lost.
    const lastBeat = record.events.find((e) => e.type === 'crash')!.at;
    expect(Math.abs(record.activeMs - (lastBeat.wall - since))).toBeLessThanOrEqual(50);
    expect(closedAt - lastBeat.wall).toBeLessThanOrEqual(5_000 + 500);
    expect(record.activeMs).toBeGreaterThanOrEqual(7_000 - 5_500);
    // The new session beats again: its heartbeat is newer than the close.
    await expect.poll(async () => (await h!.readLocal<LastSeen>('lastSeen'))?.at.wall ?? 0).toBeGreaterThan(closedAt);

    // Back on the task: it resumes from where it stopped.
    const opening = Date.now();
    const again = await h.context.newPage();
    await again.goto(task.url);
    await sleep(3_000);
    const now = await workerNow(h);
    const resumed = replay((await stored(h)).events, now).activeMs;
    expect(resumed - record.activeMs).toBeGreaterThanOrEqual(2_000);
    // Never more than the time since its page began to open again: nothing counted twice, nothing while closed.
    expect(resumed - record.activeMs).toBeLessThanOrEqual(now.wall - opening + 50);
  });
});
