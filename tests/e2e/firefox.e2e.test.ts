import { readFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
import { ROOT, type Site } from './support/served';

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
});
