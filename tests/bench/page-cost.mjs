/* global chrome -- runs in the service worker (evaluate) */
// npm run bench: what Centime costs the platforms' pages, measured in real Chromium on its production build beside
// no extension and an extension whose content script is empty (the floor of any extension). Figures to report,
// each beside its budget (issue 18): never a pass/fail test. Timings are noisy on a shared machine: each is the
// median of LOADS loads (a first, cold load skipped), with its spread (p25–p75) in the JSON.
// Usage: node tests/bench/page-cost.mjs [--no-build] [--loads 9] [--trace] [--json tests/bench/results.json]
//   [--centime <unpacked build dir>: another build, e.g. an older commit's, instead of building this one]
//   [--pages mturk-task,prolific-studies: only these pages]
import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { rmSync, writeFileSync } from 'node:fs';
import { emptyExtension, launch } from './browser.mjs';
import { AFTER_LOAD_MS, load, stats } from './measure.mjs';
import { PAGES as ALL_PAGES } from './pages.mjs';
import { report } from './report.mjs';
import { topDifferences, traceLoad } from './trace.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const LOADS = Number(option('--loads', 9));
const JSON_PATH = option('--json', 'tests/bench/results.json');
const IDLE_MS = 3_000;
const CENTIME = option('--centime', `${process.cwd()}/.output/chrome-mv3`);
const PAGES = ALL_PAGES.filter((p) => option('--pages', p.name).split(',').includes(p.name));

if (!args.includes('--no-build') && !args.includes('--centime')) execSync('npx wxt build', { stdio: ['ignore', 'ignore', 'inherit'] });
const started = Date.now();
const routes = Object.assign({}, ...ALL_PAGES.map((p) => p.routes));
const emptyDir = emptyExtension();
const configs = [
  { name: 'none', dir: null },
  { name: 'empty', dir: emptyDir },
  { name: 'centime', dir: CENTIME },
];
for (const c of configs) c.harness = await launch(c.dir, routes);
const centime = configs[2].harness;
const setOverlay = (place) =>
  centime.worker.evaluate((p) => (p ? chrome.storage.local.set({ overlay: p }) : chrome.storage.local.remove('overlay')), place);

// Loads interleaved (round after round, each page in each configuration, the order turning), so that the noise of
// a shared machine falls on every configuration alike. The overlay shows as a new worker sees it: expanded.
await setOverlay(null);
const samples = {};
for (let round = 0; round <= LOADS; round++) {
  for (const page of PAGES) {
    for (let i = 0; i < configs.length; i++) {
      const c = configs[(i + round) % configs.length];
      const sample = await load(c.harness, page.url, { waitMs: round === 0 ? 500 : AFTER_LOAD_MS });
      if (round > 0) ((samples[page.name] ??= {})[c.name] ??= []).push(sample);
    }
  }
}

// After load, with the overlay collapsed: what runs per second (timers, observers), and which scripts ran.
await setOverlay({ x: 16, y: 16, collapsed: true });
const idle = {};
for (const page of PAGES) {
  for (const c of configs) (idle[page.name] ??= {})[c.name] = await load(c.harness, page.url, { idleMs: IDLE_MS, extensionDir: c.dir ?? '' });
}

let traces = null;
if (args.includes('--trace')) {
  await setOverlay(null);
  traces = {};
  // Each a mean of 3 traced loads after a first one (cold caches): one trace is noisy.
  const traced = async (harness, url) => {
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await traceLoad(harness, url, AFTER_LOAD_MS));
    const mean = {};
    for (const run of runs.slice(1)) for (const [name, ms] of Object.entries(run)) mean[name] = (mean[name] ?? 0) + ms / 3;
    return mean;
  };
  for (const page of PAGES) traces[page.name] = topDifferences(await traced(centime, page.url), await traced(configs[0].harness, page.url));
}
for (const c of configs) await c.harness.close();
rmSync(emptyDir, { recursive: true, force: true });

const figures = {};
for (const page of PAGES) {
  const of = (config, key) => stats(samples[page.name][config].map((s) => s[key]));
  figures[page.name] = { kind: page.kind, url: page.url };
  for (const c of configs) {
    figures[page.name][c.name] = {
      scriptMs: of(c.name, 'scriptMs'), taskMs: of(c.name, 'taskMs'), layoutMs: of(c.name, 'layoutMs'), heapKb: of(c.name, 'heapKb'), heapKeptKb: of(c.name, 'heapKeptKb'),
      longTasks: Math.max(...samples[page.name][c.name].map((s) => s.longTasks)),
      idleScriptMsPerS: idle[page.name][c.name].idleScriptMsPerS, idleTaskMsPerS: idle[page.name][c.name].idleTaskMsPerS,
      scripts: idle[page.name][c.name].scripts,
    };
  }
}
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, loads: LOADS, afterLoadMs: AFTER_LOAD_MS, idleWindowMs: IDLE_MS, seconds: Math.round((Date.now() - started) / 1000) };
const results = report(figures, machine, traces);
writeFileSync(JSON_PATH, JSON.stringify(results, null, 2) + '\n');
console.log(`\nJSON: ${JSON_PATH} (${machine.seconds} s of measuring)`);
