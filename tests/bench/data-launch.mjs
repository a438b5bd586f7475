// Chromium with the e2e build for bench:data (data-figures.mjs) and history-profile.mjs, on a seeded profile,
// its clock moved to the seeded history's end as popup-open.mjs does.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { shiftClock } from './popup-probes.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// A seeded profile's data belongs to the extension id, which Chromium derives from the build's path: a build made
// elsewhere is measured on it by mounting it at this path (CENTIME_BENCH_EXTENSION names it).
const EXTENSION = process.env.CENTIME_BENCH_EXTENSION ?? join(ROOT, '.output-e2e/chrome-mv3');
if (EXTENSION !== join(ROOT, '.output-e2e/chrome-mv3')) {
  // Measured there, it is another extension: the seeded history is not its own (an empty history, a page that waits
  // for rows forever). Copy or mount that build at the default path instead.
  console.warn(`bench: ${EXTENSION} is not at ${join(ROOT, '.output-e2e/chrome-mv3')}: the seeded profile's data belongs to the build there, not to this one`);
}
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** popup-open.mjs's seeded history ends here (a Friday afternoon). */
export const NOW = '2026-11-27T14:00:00.000Z';

/** Chromium with the e2e build on `profile`; every web request answered from `routes` (origin + path). */
export async function launch(profile, { routes = {}, shift = true } = {}) {
  forgetWorker(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless=new', `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
  });
  await context.route(/^https?:/, (route) => {
    const u = new URL(route.request().url());
    const body = routes[`${u.origin}${u.pathname}`];
    return body === undefined ? route.fulfill({ status: 404, body: '' }) : route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(worker.url()).host;
  const offset = shift ? Date.parse(NOW) - Date.now() : 0;
  await context.addInitScript(shiftClock, offset);
  await worker.evaluate(shiftClock, offset);
  const live = () => context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? worker;
  return { context, url: (page) => `chrome-extension://${id}/${page}`, worker: live };
}


/**
 * Chromium starts the service worker script it cached in a profile (the extension's version unchanged), whatever
 * build is loaded: without its registration, the worker is registered again from the build measured.
 */
export function forgetWorker(profile) {
  rmSync(join(profile, 'Default/Service Worker'), { recursive: true, force: true });
}
