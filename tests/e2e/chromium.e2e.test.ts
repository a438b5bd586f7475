import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, overlayOf, type ChromiumHarness } from './support/chromium';
import { routeKey, sidecar } from './support/fixtures';

const task = sidecar('mturk/task-page.json');
const search = sidecar('mturk/search-results.json');
const DASHBOARD = 'https://worker.mturk.com/dashboard';
// The HIT's own content, which the task page frames from the requester's site.
const REQUESTER = 'https://requester.example.org/hit.html';

async function taskTitles(page: Page): Promise<string[]> {
  return page.locator('.tasks li .title').allTextContents();
}

describe('Chromium: the built extension on served MTurk pages', () => {
  let h: ChromiumHarness;
  beforeAll(async () => {
    h = await launchChromium({
      [routeKey(task.url)]: { fixture: 'mturk/task-page.html' },
      [routeKey(search.url)]: { fixture: 'mturk/search-results.html' },
      [REQUESTER]: { html: '<!doctype html><title>HIT</title><form><textarea name="answer"></textarea></form>' },
      [DASHBOARD]: { html: '<!doctype html><title>Dashboard</title><div id="dashboard-available-earnings"></div>' },
    });
  });
  afterAll(async () => h?.close());

  it('lists in the popup, as text, the task that the content script reported', async () => {
    const mturk = await h.context.newPage();
    await mturk.setViewportSize({ width: 900, height: 520 });
    await mturk.goto(task.url);
    // The live overlay appears on the task page (closed shadow root: seen through its host). Its pictures, and
    // the popup's, are made by popup-look-chromium.e2e.test.ts (`npm run screenshots`).
    await expect.poll(() => mturk.locator('centime-overlay').count(), { timeout: 10_000 }).toBe(1);
    const popup = await h.openExtensionPage('popup.html');
    await expect.poll(() => taskTitles(popup), { timeout: 10_000 }).toEqual([task.expected.title]);
    const row = popup.locator('.tasks li').first();
    await expect.poll(() => row.locator('.reward').textContent()).toBe('$0.50');
    expect(await row.locator('.requester').textContent()).toBe(task.expected.requesterName);
    // The title holds `<b>` as text: it must not have become markup.
    expect(await popup.locator('.tasks b').count()).toBe(0);
    // The task's tab in front again (opening the popup as a tab took the front): the popup marks it in front.
    await mturk.bringToFront();
    await popup.reload();
    await popup.waitForSelector('.tasks li.front');
    await popup.close();
    await mturk.close();
  });

  it('keeps what it stored when the service worker is stopped, and answers from a fresh worker', async () => {
    const before = await h.serviceWorker();
    await before.evaluate(() => ((globalThis as { marker?: number }).marker = 1));
    await h.stopServiceWorker();
    // Opening the popup sends a message, which wakes a new worker with empty globals.
    const popup = await h.openExtensionPage('popup.html');
    await expect.poll(() => taskTitles(popup), { timeout: 10_000 }).toEqual([task.expected.title]);
    const after = await h.serviceWorker();
    expect(await after.evaluate(() => (globalThis as { marker?: number }).marker)).toBeUndefined();
    await popup.close();
  });

  it('records nothing from a platform page that is not a task', async () => {
    const dashboard = await h.context.newPage();
    await dashboard.goto(DASHBOARD);
    await dashboard.waitForLoadState('load');
    const popup = await h.openExtensionPage('popup.html');
    await expect.poll(() => taskTitles(popup)).toEqual([task.expected.title]);
    await dashboard.waitForTimeout(500);
    expect(await taskTitles(popup)).toEqual([task.expected.title]);
    await popup.close();
    await dashboard.close();
  });

  it('shows the estimates panel on search results, and not on task pages', async () => {
    const page = await h.context.newPage();
    await page.goto(search.url);
    await expect.poll(() => page.locator('centime-estimates').count(), { timeout: 10_000 }).toBe(1);
    const taskPage = await h.context.newPage();
    await taskPage.goto(task.url);
    await expect.poll(() => taskPage.locator('centime-overlay').count(), { timeout: 10_000 }).toBe(1);
    expect(await taskPage.locator('centime-estimates').count()).toBe(0);
    await page.close();
    await taskPage.close();
  });

  it('after an update with a task open: the old copy leaves, the new version serves each tab from its next load and times on', async () => {
    const mturk = await h.context.newPage();
    await mturk.goto(task.url);
    await expect.poll(() => mturk.locator('centime-overlay').count(), { timeout: 10_000 }).toBe(1);
    const list = await h.context.newPage();
    await list.goto(search.url);
    await expect.poll(() => list.locator('centime-estimates').count(), { timeout: 10_000 }).toBe(1);
    await mturk.bringToFront();
    const key = `task:mturk:${task.expected.taskId}`;
    await expect.poll(async () => (await h.readRecord<{ status: string }>(key))?.status, { timeout: 10_000 }).toBe('open');
    // An update, as the extensions page's Reload button applies one to an unpacked extension, its tabs left open.
    // (chrome.runtime.reload() leaves a --load-extension extension disabled, "unsupportedDeveloperExtension",
    // unless developer mode is on: tests/e2e/README.md.)
    const extensions = await h.context.newPage();
    await extensions.goto('chrome://extensions');
    await extensions.evaluate(async (id) => {
      const { developerPrivate } = (globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(c: object): Promise<void>; reload(id: string, o: object): Promise<void> } } }).chrome;
      await developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
      await developerPrivate.reload(id, { failQuietly: true });
    }, h.extensionId);
    await extensions.close();
    await mturk.bringToFront();
    // Chromium injects nothing into open tabs; the old copy's overlay goes by itself (its runtime is gone): no
    // figures of a background that no longer runs, and never two at once.
    const seen: number[] = [];
    for (let i = 0; i < 100 && seen.at(-1) !== 0; i++) {
      seen.push(await mturk.locator('centime-overlay').count());
      expect(await list.locator('centime-estimates').count()).toBeLessThanOrEqual(1);
      await mturk.waitForTimeout(100);
    }
    expect(seen.at(-1)).toBe(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(1);
    // The next load of each tab is the new version's: one overlay, one panel, its script live.
    await mturk.reload();
    await list.reload();
    await mturk.bringToFront();
    await expect.poll(() => mturk.evaluate(() => document.documentElement.getAttribute('data-centime')), { timeout: 10_000 }).toBe('live');
    await expect.poll(() => mturk.locator('centime-overlay').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => list.locator('centime-estimates').count(), { timeout: 10_000 }).toBe(1);
    // The same task, still open, timed on by the new background: the active time its overlay shows grows with the
    // seconds spent (the stored record's figures move only at its events).
    const activeSeconds = async () => {
      const m = /(\d+):(\d\d) active/.exec((await overlayOf(h, mturk)).text);
      return m ? Number(m[1]) * 60 + Number(m[2]) : -1;
    };
    await expect.poll(activeSeconds, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
    const first = await activeSeconds();
    await expect.poll(activeSeconds, { timeout: 8_000, interval: 250 }).toBeGreaterThanOrEqual(first + 3);
    expect((await h.readRecord<{ status: string }>(key))?.status).toBe('open');
    await list.close();
    await mturk.close();
  });

  it('contacts no one but the served platform pages', () => {
    expect(h.unrouted.filter((r) => r.byExtension)).toEqual([]);
    // The check sees requests at all: the search page's own stylesheet went unanswered, and was not ours.
    expect(h.unrouted.some((r) => r.url.endsWith('.css') && !r.byExtension)).toBe(true);
  });
});
