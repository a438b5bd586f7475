import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, StoredTask, Tab } from './driver';
import { sidecar } from './fixtures';
import { TOLERANCE_MS } from './tolerance';

/**
 * "Pause tracking" in the built extension, the same in both browsers (DESIGN.md, "Pause"): a HIT worked 3 s,
 * paused from the popup's button, 4 s pass with its page in front, resumed, 3 s more: about 6 s of active time,
 * not 10, and the badge said "paused" meanwhile.
 */
const task = sidecar('mturk/task-page.json');
const GREY = [110, 119, 129, 255]; // BADGE_COLOURS.neutral in lib/background/live.ts
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = `task:mturk:${new URL(task.url).searchParams.get('assignment_id')}`;

async function until<T>(read: () => Promise<T | undefined>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== undefined && ok(value)) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs in the popup page: clicks the button named `from` and waits until it reads `to` (the pause went through). */
async function clickPause([from, to]: readonly [string, string]): Promise<boolean> {
  const find = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name);
  for (let i = 0; i < 100 && !find(from); i++) await new Promise((r) => setTimeout(r, 50));
  find(from)!.click();
  for (let i = 0; i < 100; i++) {
    if (find(to)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

export function pauseFlow(launch: () => Promise<{ driver: Driver; close: () => Promise<void> }>) {
  describe('Pause tracking', () => {
    let d: Driver;
    let close: () => Promise<void>;
    beforeAll(async () => ({ driver: d, close } = await launch()));
    afterAll(async () => close?.());

    /** Pauses or resumes from the popup page; returns when it opened (the task left the front) and closed. */
    async function fromPopup(tab: Tab, pause: boolean): Promise<{ opened: number; closed: number }> {
      const opened = Date.now();
      const popup = await d.openPopup();
      const names = pause ? (['Pause tracking', 'Resume tracking'] as const) : (['Resume tracking', 'Pause tracking'] as const);
      expect(await popup.evaluate(clickPause, names)).toBe(true);
      if (pause) expect(await popup.evaluate(() => document.querySelector('.paused-note')?.textContent ?? '', null)).toMatch(/nothing is being timed/);
      await popup.close();
      await tab.bringToFront();
      return { opened, closed: Date.now() };
    }

    it('accrues nothing while paused, says so on the badge, and times again after resume', async () => {
      const tab = await d.newTab();
      await tab.bringToFront();
      await tab.goto(task.url);
      await until(() => tab.evaluate(() => document.documentElement.getAttribute('data-centime'), null), (v) => v === 'live', 'the content script');
      const loadedAt = Date.now();
      await sleep(3_000);
      const paused = await fromPopup(tab, true);
      await sleep(4_000);
      // The task page is in front, yet the badge says tracking is paused, in grey.
      const badge = await until(() => d.badge(), (b) => b.text === 'II', 'the paused badge');
      expect(badge.color).toEqual(GREY);
      const resumed = await fromPopup(tab, false);
      await until(() => d.badge(), (b) => b.text !== 'II', 'the badge after resume');
      await sleep(3_000 - (Date.now() - resumed.closed));
      const end = Date.now();
      // Worked: from its load until the popup took the front (between its opening and its closing), and from the
      // task's return to the front (between the second popup's opening and closing) to now. The bounds, not one
      // guess inside them: on a loaded machine the popup takes a second or more to open and close. The 4 s paused
      // lie outside both: a pause that did not stop accrual shows as 4 s over the upper bound.
      const least = paused.opened - loadedAt + (end - resumed.closed);
      const most = paused.closed - loadedAt + (end - resumed.opened);
      expect(resumed.opened - paused.closed).toBeGreaterThan(4_000);
      const record = await until(() => d.readRecord<StoredTask>(key), (t) => t.events.length > 0, 'the task');
      // Active time up to now: the stored time plus the stretch still open (replayed as lib/domain does it).
      const active = await activeNow(record, end);
      expect(active).toBeGreaterThanOrEqual(least - TOLERANCE_MS);
      expect(active).toBeLessThanOrEqual(most + TOLERANCE_MS);
      expect(active).toBeLessThan(8_000);
      await tab.close();
    });
  });
}

/** The task's active time at `now` from its stored events, the stretch still open included. */
async function activeNow(record: StoredTask, now: number): Promise<number> {
  const { replay } = await import('../../../lib/domain/task-timer');
  const origin = record.events.at(-1)!.at.origin;
  // A monotonic reading is `performance.timeOrigin + performance.now()`: the wall clock, give or take drift.
  return replay(record.events, { wall: now, mono: now, origin }).activeMs;
}
