import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium';
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

  it('contacts no one but the served platform pages', () => {
    expect(h.unrouted.filter((r) => r.byExtension)).toEqual([]);
    // The check sees requests at all: the search page's own stylesheet went unanswered, and was not ours.
    expect(h.unrouted.some((r) => r.url.endsWith('.css') && !r.byExtension)).toBe(true);
  });
});
