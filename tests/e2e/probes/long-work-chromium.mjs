// Does Chromium stop an extension's service worker in the middle of a long IndexedDB transaction that no pending
// message holds open (a rebuild or migration at start-up), and does an extension API call every 20 s keep it
// up (lib/background/keep-awake.ts)? Not part of `npm test`: Playwright's DevTools session keeps a worker alive
// (tests/e2e/README.md), so this launches Debian's Chromium with no DevTools client attached and only lists its
// targets over HTTP. Each case takes ~100 s.
// Usage: node tests/e2e/probes/long-work-chromium.mjs [--ms 70000]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const msArg = process.argv.indexOf('--ms');
const WORK_MS = msArg > 0 ? Number(process.argv[msArg + 1]) : 70_000;
const PORT = 9333;

/** A one-file extension whose worker, once installed, keeps one write transaction busy for WORK_MS. */
function extension(dir, ping) {
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'probe', version: '1', background: { service_worker: 'bg.js' }, permissions: ['storage'] }));
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>-</title><script src="page.js"></script>');
  // The page shows, in its title, what the worker stored: its own storage reads never wake the worker.
  writeFileSync(join(dir, 'page.js'), `setInterval(async () => { const { result } = await chrome.storage.local.get(); document.title = JSON.stringify(result ?? null); }, 1000);`);
  writeFileSync(
    join(dir, 'bg.js'),
    `const PING = ${ping}, WORK_MS = ${WORK_MS};
chrome.runtime.onInstalled.addListener(async () => {
  await chrome.tabs.create({ url: 'page.html' });
  const db = await new Promise((res, rej) => { const r = indexedDB.open('x', 1); r.onupgradeneeded = () => r.result.createObjectStore('s'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const keep = PING ? setInterval(() => chrome.runtime.getPlatformInfo(), 20000) : undefined;
  const t0 = Date.now();
  await new Promise((res, rej) => {
    const tx = db.transaction('s', 'readwrite');
    let n = 0;
    const step = () => { if (Date.now() - t0 < WORK_MS) tx.objectStore('s').put({ n }, n++).onsuccess = step; };
    step();
    tx.oncomplete = res; tx.onerror = () => rej(tx.error);
  });
  clearInterval(keep);
  await chrome.storage.local.set({ result: { workMs: Date.now() - t0 } });
});`,
  );
}

async function targets() {
  try {
    return await (await globalThis.fetch(`http://127.0.0.1:${PORT}/json/list`)).json();
  } catch {
    return [];
  }
}

async function run(ping) {
  const dir = mkdtempSync(join(tmpdir(), 'centime-probe-'));
  const ext = join(dir, 'ext');
  mkdirSync(ext);
  extension(ext, ping);
  const chromium = spawn('chromium', ['--headless=new', '--no-sandbox', `--user-data-dir=${join(dir, 'profile')}`, `--load-extension=${ext}`, `--disable-extensions-except=${ext}`, `--remote-debugging-port=${PORT}`, 'about:blank'], { stdio: 'ignore' });
  const start = Date.now();
  let workerGoneAt = null;
  let result = null;
  try {
    while (Date.now() - start < WORK_MS + 30_000) {
      await sleep(2_000);
      const list = await targets();
      const worker = list.some((t) => t.type === 'service_worker');
      const page = list.find((t) => t.url.endsWith('/page.html'));
      if (!worker && workerGoneAt === null && page) workerGoneAt = Date.now() - start;
      if (page && page.title !== 'null' && page.title !== '-') result = page.title;
      if (result) break;
    }
  } finally {
    chromium.kill();
    await sleep(500);
    rmSync(dir, { recursive: true, force: true });
  }
  return { ping, workMs: WORK_MS, finished: result, workerStoppedAfterMs: workerGoneAt };
}

for (const ping of [false, true]) console.log(JSON.stringify(await run(ping)));
