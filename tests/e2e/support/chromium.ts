import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROME_DIR, serve, type Site } from './served';

export interface ChromiumHarness {
  context: BrowserContext;
  extensionId: string;
  /** The live service worker; after `stopServiceWorker` it is a new one. */
  serviceWorker(): Promise<Worker>;
  openExtensionPage(path: 'popup.html' | 'options.html'): Promise<Page>;
  /** Stops every service worker (Chromium's own way, through DevTools), like the browser does when idle. */
  stopServiceWorker(): Promise<void>;
  /** Requests that reached no route: a test can assert that Centime asked nobody else. */
  unrouted: string[];
  close(): Promise<void>;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium with the built extension loaded; platform URLs answered from fixtures by routing. */
export async function launchChromium(site: Site, profileDir?: string): Promise<ChromiumHarness> {
  const userDataDir = profileDir ?? mkdtempSync(join(tmpdir(), 'centime-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless=new',
      `--disable-extensions-except=${CHROME_DIR}`,
      `--load-extension=${CHROME_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=en-US',
    ],
  });
  const unrouted: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('chrome-extension://')) return route.continue();
    const answer = serve(site, url);
    if (!answer) {
      unrouted.push(url);
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not served by the test' });
    }
    return route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
  });

  // Playwright keeps one Worker handle per service-worker version, across stops and restarts: a test tells a
  // fresh worker by its empty globals, and stopServiceWorker() waits for DevTools to report it stopped.
  const serviceWorker = async () => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return live ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  };
  const extensionId = new URL((await serviceWorker()).url()).host;

  const openExtensionPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };

  const stopServiceWorker = async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const cdp = await context.newCDPSession(page);
    const origin = `chrome-extension://${extensionId}/`;
    const running = new Map<string, string>();
    const allStopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const v of versions) if (v.scriptURL.startsWith(origin)) running.set(v.versionId, v.runningStatus);
        if (running.size > 0 && [...running.values()].every((status) => status === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await Promise.race([
      allStopped,
      new Promise((_, reject) => setTimeout(() => reject(new Error('service worker did not stop')), 10_000)),
    ]);
    await cdp.detach();
    await page.close();
  };

  return {
    context,
    extensionId,
    serviceWorker,
    openExtensionPage,
    stopServiceWorker,
    unrouted,
    close: async () => {
      await context.close();
      if (!profileDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
