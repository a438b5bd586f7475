import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, StoredTask, Tab } from './driver';
import { sidecar } from './fixtures';

/**
 * A platform switched off in the options page (DESIGN.md, issue 15 item 3), the same in both browsers: its
 * task page gets no overlay and nothing is recorded; switched on again, the same page is timed.
 */
const task = sidecar('mturk/task-page.json');
const ASSIGNMENT = '3SWITCHEDOFFASSIGNMENT0000X';
const url = task.url.replace(/assignment_id=[^&]+/, `assignment_id=${ASSIGNMENT}`);
const key = `task:mturk:${ASSIGNMENT}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs in the options page: the platforms switched off, as stored. */
async function storedOff(): Promise<string[]> {
  type Api = { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
  const g = globalThis as unknown as { browser?: Api; chrome: Api };
  const { settings } = (await (g.browser ?? g.chrome).storage.local.get('settings')) as { settings?: { disabledPlatforms?: string[] } };
  return settings?.disabledPlatforms ?? [];
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (ok(value)) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const hasOverlay = (tab: Tab) => tab.evaluate(() => document.querySelector('centime-overlay') !== null, null);

export function platformSwitch(launch: () => Promise<{ driver: Driver; close: () => Promise<void> }>) {
  describe('a platform switched off in the options page', () => {
    let d: Driver;
    let close: () => Promise<void>;
    beforeAll(async () => ({ driver: d, close } = await launch()));
    afterAll(async () => close?.());

    it('records nothing of an MTurk task page and shows no overlay while MTurk is off; times it once on again', async () => {
      const options = await d.openOptions();
      // A real click on the switch: it saves at once.
      await options.click('#record-mturk');
      await until(() => options.evaluate(storedOff, null), (off) => off.includes('mturk'), 'MTurk switched off');
      const tab = await d.newTab();
      await tab.bringToFront();
      await tab.goto(url);
      await sleep(3_000);
      expect(await hasOverlay(tab)).toBe(false);
      expect(await d.readRecord(key)).toBeUndefined();

      await options.bringToFront();
      await options.click('#record-mturk');
      await until(() => options.evaluate(storedOff, null), (off) => !off.includes('mturk'), 'MTurk switched on');
      await tab.bringToFront();
      await tab.goto(url);
      await until(() => hasOverlay(tab), (shown) => shown, 'the overlay');
      await sleep(3_000);
      const record = (await until(() => d.readRecord<StoredTask>(key), (t) => t !== undefined && t.events.length > 0, 'the task'))!;
      // Timed: it came to the front and accrued active time (replayed up to now, as lib/domain does).
      const { replay } = await import('../../../lib/domain/task-timer');
      const origin = record.events.at(-1)!.at.origin;
      expect(record.events.map((e) => e.type)).toContain('front');
      expect(replay(record.events, { wall: Date.now(), mono: Date.now(), origin }).activeMs).toBeGreaterThan(1_500);
      await tab.close();
      await options.close();
    });
  });
}
