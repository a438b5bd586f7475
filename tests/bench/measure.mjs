/* global setTimeout, Buffer */
// One load of one page in a fresh tab: CDP Performance metrics a fixed time after load (TOOLCHAIN.md, "Measuring
// what an extension costs a page"), the long tasks, and optionally what runs afterwards and which scripts ran.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const AFTER_LOAD_MS = 1_500;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(list.map(({ name, value }) => [name, value]));
  return {
    scriptMs: m.ScriptDuration * 1000,
    taskMs: m.TaskDuration * 1000,
    layoutMs: (m.LayoutDuration + m.RecalcStyleDuration) * 1000,
    heapKb: m.JSHeapUsedSize / 1024,
  };
}

/**
 * Loads `url`, waits `AFTER_LOAD_MS` after the load event and reads the metrics. With `idleMs`, then also reads
 * what the page's main thread did per second over the next `idleMs` (timers, observers: work after load), and
 * lists the extensions' scripts that ran in the page (their files in `extensionDir`, gzipped).
 */
export async function load(harness, url, { waitMs = AFTER_LOAD_MS, idleMs = 0, extensionDir = null } = {}) {
  const page = await harness.context.newPage();
  const cdp = await harness.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  await sleep(waitMs);
  const sample = await metrics(cdp);
  sample.longTasks = (await page.evaluate(() => globalThis.__longTasks ?? [])).length;
  if (idleMs > 0) {
    await sleep(idleMs);
    const later = await metrics(cdp);
    sample.idleScriptMsPerS = ((later.scriptMs - sample.scriptMs) * 1000) / idleMs;
    sample.idleTaskMsPerS = ((later.taskMs - sample.taskMs) * 1000) / idleMs;
  }
  // What stays once the garbage of the load (message copies, parsed strings) is collected.
  await cdp.send('HeapProfiler.collectGarbage');
  sample.heapKeptKb = (await metrics(cdp)).heapKb;
  if (extensionDir !== null) sample.scripts = await scriptsIn(cdp, extensionDir);
  await cdp.detach();
  await page.close();
  return sample;
}

/** The extension scripts the page ran (content scripts and injected files), each with its gzipped size. */
async function scriptsIn(cdp, extensionDir) {
  const urls = new Set();
  cdp.on('Debugger.scriptParsed', ({ url }) => {
    if (url.startsWith('chrome-extension://')) urls.add(url);
  });
  // Enabling the debugger reports every script already parsed: enabled only now, it slows none of the above.
  await cdp.send('Debugger.enable');
  await sleep(100);
  await cdp.send('Debugger.disable');
  return [...urls].sort().map((url) => {
    const file = new URL(url).pathname;
    const code = extensionDir ? readFileSync(`${extensionDir}${file}`) : Buffer.alloc(0);
    return { file, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
  });
}

/** The median and the quartiles of `values` (the spread of the loads). */
export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const at = (q) => {
    const i = (v.length - 1) * q;
    return v[Math.floor(i)] + (v[Math.ceil(i)] - v[Math.floor(i)]) * (i - Math.floor(i));
  };
  return { median: at(0.5), p25: at(0.25), p75: at(0.75) };
}
