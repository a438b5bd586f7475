/* global PerformanceObserver -- runs in the page (addInitScript) */
// Launching Chromium for the page-cost bench, the way tests/e2e/support/chromium.ts does, once per configuration:
// no extension, an extension whose content script is empty (generated here), and Centime's production build.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { routeKey } from './pages.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PLATFORMS = ['https://worker.mturk.com/*', 'https://app.prolific.com/*'];

/** The floor: an extension with one empty content script on the same pages (no background, no messages). */
export function emptyExtension() {
  const dir = mkdtempSync(join(tmpdir(), 'centime-bench-empty-'));
  writeFileSync(join(dir, 'empty.js'), '// empty\n');
  const manifest = { manifest_version: 3, name: 'Empty content script', version: '1.0', content_scripts: [{ matches: PLATFORMS, js: ['empty.js'], run_at: 'document_idle' }] };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

/**
 * A persistent context with `extensionDir` loaded (or none), every request answered from `routes` (origin +
 * path → HTML) or refused, and `__longTasks` collected in each page from its very start.
 */
export async function launch(extensionDir, routes) {
  const profile = mkdtempSync(join(tmpdir(), 'centime-bench-profile-'));
  mkdirSync(profile, { recursive: true });
  const extension = extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', ...extension, '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('chrome-extension://')) return route.continue();
    const body = routes[routeKey(url)];
    if (body === undefined) return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  // Long tasks (> 50 ms) of the page's main thread, whoever runs them: the page, or an extension's scripts.
  await context.addInitScript(() => {
    const seen = (globalThis.__longTasks = []);
    new PerformanceObserver((list) => seen.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
  });
  let worker = null;
  if (extensionDir && !extensionDir.includes('centime-bench-empty-')) {
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  }
  return {
    context,
    worker,
    extensionId: worker ? new URL(worker.url()).host : null,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
