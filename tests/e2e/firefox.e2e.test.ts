import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
import { FIREFOX_DIR, ROOT, type Site } from './support/served';

// The built test extension (CENTIME_E2E=1 wxt build -b firefox --mv3) in real headless Firefox ESR.

interface Sidecar {
  url: string;
  expected: { taskId: string; title: string; requesterName: string };
}
const taskPage = JSON.parse(readFileSync(`${ROOT}tests/fixtures/mturk/task-page.json`, 'utf8')) as Sidecar;
const taskUrl = new URL(taskPage.url);
const DASHBOARD = 'https://worker.mturk.com/dashboard';

const site: Site = {
  [`${taskUrl.origin}${taskUrl.pathname}`]: { fixture: 'mturk/task-page.html' },
  [DASHBOARD]: { html: '<!doctype html><html lang="en"><title>Dashboard</title><h1>Dashboard</h1></html>' },
};

interface Row {
  taskId: string | null;
  title: string | null;
  requester: string | null;
  reward: string | null;
}

/** What the popup lists, read as text. */
function readTasks(popup: Page): Promise<{ rows: Row[]; boldInList: number }> {
  return popup.evaluate(() => ({
    rows: [...document.querySelectorAll('ul.tasks > li')].map((li) => ({
      taskId: li.getAttribute('data-task-id'),
      title: li.querySelector('.title')?.textContent ?? null,
      requester: li.querySelector('.requester')?.textContent ?? null,
      reward: li.querySelector('.reward')?.textContent ?? null,
    })),
    boldInList: document.querySelectorAll('ul.tasks b').length,
  }));
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Firefox: MTurk task capture', () => {
  let ff: FirefoxHarness;

  beforeAll(async () => {
    ff = await launchFirefox(site);
  });
  afterAll(async () => {
    await ff?.close();
  });

  it('lists a visited task page in the popup, page strings as text', async () => {
    const page = await ff.page();
    await page.goto(taskPage.url);
    const popup = await ff.openExtensionPage('popup.html');

    const { rows, boldInList } = await poll(
      () => readTasks(popup),
      (r) => r.rows.length > 0,
    );
    expect(rows).toEqual([
      {
        taskId: taskPage.expected.taskId,
        title: taskPage.expected.title,
        requester: taskPage.expected.requesterName,
        reward: '$0.50',
      },
    ]);
    expect(boldInList).toBe(0);
    await Promise.all([page.close(), popup.close()]);
  });

  it('adds no task for an MTurk page that is not a task', async () => {
    const page = await ff.page();
    await page.goto(DASHBOARD);
    // The content script marks the pages it runs on: wait for it, so that "nothing added" means something.
    await page.waitForFunction(() => document.documentElement.getAttribute('data-centime') === 'live', {
      timeout: 10_000,
    });
    const popup = await ff.openExtensionPage('popup.html');
    // Once the popup has its data, watch it a little: a task sent for the dashboard would show up at once.
    const loaded = await poll(
      () => readTasks(popup),
      (r) => r.rows.length > 0,
    );
    expect(loaded.rows.map((r) => r.taskId)).toEqual([taskPage.expected.taskId]);
    const later = await poll(
      () => readTasks(popup),
      (r) => r.rows.length !== 1,
      1_500,
    );
    expect(later.rows.map((r) => r.taskId)).toEqual([taskPage.expected.taskId]);
    expect(ff.requests.filter((r) => r.url === DASHBOARD).map((r) => r.status)).toEqual([200]);
    await Promise.all([page.close(), popup.close()]);
  });

  it('updated with a task page open: the new version takes the page over, one overlay at a time, and times on', async () => {
    const page = await ff.page();
    await page.goto(taskPage.url);
    await page.bringToFront();
    const activeSeconds = async () => {
      const m = /(\d+):(\d\d) active/.exec((await ff.overlay(page)).text);
      return m ? Number(m[1]) * 60 + Number(m[2]) : -1;
    };
    await expect.poll(activeSeconds, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
    // The page's own script marks the overlay it sees (a page can set attributes on its host, not look inside).
    const overlays = () => page.evaluate(() => [...document.querySelectorAll('centime-overlay')].map((o) => (o.hasAttribute('data-before') ? 'before' : 'after')));
    await page.evaluate(() => document.querySelector('centime-overlay')!.setAttribute('data-before', ''));
    // An update as Firefox applies one to a temporary add-on: the same id installed again, its tabs left open.
    // Firefox cuts the old copy's sandbox off (its overlay stays in the DOM, frozen) and injects the new version
    // into the open tab (tests/e2e/README.md, "A page script across an extension reload").
    await ff.browser.installExtension(FIREFOX_DIR);
    const seen: string[][] = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const now = await overlays();
      seen.push(now);
      if (now.join() === 'after') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    // The new copy's overlay replaced the old one; never two at once.
    expect(seen.at(-1)).toEqual(['after']);
    expect(seen.filter((o) => o.length > 1)).toEqual([]);
    // The same task, timed on by the new background: its overlay's active time grows with the seconds spent.
    const first = await activeSeconds();
    await expect.poll(activeSeconds, { timeout: 8_000, interval: 250 }).toBeGreaterThanOrEqual(first + 3);
    await page.close();
  });
});
