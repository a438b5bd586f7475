// npm run bench:popup: the time to open the popup to its summary painted, with 1,000 and with 100,000 stored tasks
// (issue 13 item 6, issue 18 item 4: ≤ 150 ms, and 100,000 tasks ≤ 1.5 × 1,000). Medians to report, never a test.
//
// Each size has its own Chromium profile, seeded by tests/seed/seed.mjs (kept in .output/seed-profile-<n>, and
// reused while its seed options are the same; the 100,000 takes 2–3 minutes to make) through the e2e build
// (.output-e2e/chrome-mv3: an unpacked extension's id follows its path, and the data belongs to that id). The
// history ends at a fixed moment (NOW, a Friday afternoon), and both browsers' clocks are moved there (Date only,
// popup-probes.mjs) so that the popup's today is the seeded day, whatever the real date; --real-clock leaves the
// clock alone (today is then a day with no history). Both browsers are launched and left to settle (the history
// upgrade, LevelDB compaction), then the popup page is opened in a fresh tab, one open turn about in each:
// one warm-up (reported apart: the first read after start-up), then OPENS timed ones. An open is timed from
// navigation start to the first frame painted after the summary is in the DOM (popup-probes.mjs, paintProbe).
// The IndexedDB requests and records the background made meanwhile are counted (its tab events' own reads too).
// Usage: node tests/bench/popup-open.mjs [--opens 9] [--sizes 1000,100000] [--real-clock] [--reseed]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { countIndexedDb, paintProbe, settle, shiftClock } from './popup-probes.mjs';
import { forgetWorker } from './data-launch.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// A seeded profile's data belongs to the extension id, which Chromium derives from the build's path: a build made
// elsewhere is measured on it by mounting it at this path (CENTIME_BENCH_EXTENSION names it).
const EXTENSION = process.env.CENTIME_BENCH_EXTENSION ?? join(ROOT, '.output-e2e/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const OPENS = Number(option('--opens', 9));
const SIZES = option('--sizes', '1000,100000').split(',').map(Number);
const NOW = '2026-11-27T14:00:00.000Z';
const SEED = 1;
const BUDGET = { ms: 150, ratio: 1.5 };

/** The profile of `tasks` tasks, seeded again unless its mark says it was made with these options. */
function profileFor(tasks) {
  const dir = join(ROOT, `.output/seed-profile-${tasks}`);
  const mark = join(dir, '.centime-seed.json');
  const made = existsSync(mark) ? JSON.parse(readFileSync(mark, 'utf8')) : null;
  if (args.includes('--reseed') || made?.tasks !== tasks || made.seed !== SEED || made.now !== NOW) {
    console.log(`Seeding ${tasks} tasks into ${dir}…`);
    const run = spawnSync('node', ['tests/seed/seed.mjs', '--tasks', String(tasks), '--profile', dir, '--now', NOW, '--seed', String(SEED)], { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`seeding ${tasks} tasks failed`);
  }
  return dir;
}

async function launch(tasks) {
  const profile = profileFor(tasks);
  forgetWorker(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless=new', `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US'],
  });
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(worker.url()).host;
  if (!existsSync(join(profile, `Default/IndexedDB/chrome-extension_${id}_0.indexeddb.leveldb`))) {
    throw new Error(`${profile} holds no data of extension ${id}: was it seeded from another checkout? Run again with --reseed`);
  }
  const offset = args.includes('--real-clock') ? 0 : Date.parse(NOW) - Date.now();
  await context.addInitScript(shiftClock, offset);
  await context.addInitScript(paintProbe);
  // The worker may be replaced (stopped when idle): the clock and the counter go in again before each open.
  const prepare = async () => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? worker;
    await live.evaluate(shiftClock, offset);
    await live.evaluate(countIndexedDb);
    return live;
  };
  return { tasks, profile, context, url: `chrome-extension://${id}/popup.html`, prepare, opens: [] };
}

async function open(b) {
  const page = await b.context.newPage();
  await settle(3_000);
  const worker = await b.prepare();
  await worker.evaluate(() => globalThis.__idbCount());
  await page.goto(b.url, { waitUntil: 'commit' });
  const times = await page.evaluate(() => globalThis.__popupOpen);
  const reads = await worker.evaluate(() => globalThis.__idbCount());
  await page.close();
  return { ...times, reads };
}

const quantile = (values, q) => {
  const v = [...values].sort((a, b) => a - b);
  const i = (v.length - 1) * q;
  return v[Math.floor(i)] + (v[Math.ceil(i)] - v[Math.floor(i)]) * (i - Math.floor(i));
};
const sum = (reads, key) => Object.values(reads).reduce((s, r) => s + r[key], 0);
const duBytes = (dir) => Number(spawnSync('du', ['-sb', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);

const browsers = [];
for (const tasks of SIZES) browsers.push(await launch(tasks));
const settledMs = await settle(60_000);
const warmUp = [];
for (const b of browsers) warmUp.push(await open(b));
for (let round = 0; round < OPENS; round++) {
  for (let i = 0; i < browsers.length; i++) {
    const b = browsers[(i + round) % browsers.length];
    b.opens.push(await open(b));
  }
}
for (const b of browsers) await b.context.close();

const out = { machine: { cpus: cpus().length, load: loadavg().map((l) => Number(l.toFixed(2))) }, now: args.includes('--real-clock') ? 'real' : NOW, opens: OPENS, settledMs, budget: BUDGET, sizes: {} };
console.log(`\nPopup opened to its summary painted (ms from navigation start), ${OPENS} opens after one warm-up; today = ${out.now}`);
console.log(`${'tasks'.padStart(8)}${'median'.padStart(9)}${'p90'.padStart(8)}${'min'.padStart(8)}${'first'.padStart(8)}${'FCP'.padStart(7)}${'data'.padStart(7)}${'IDB ms'.padStart(8)}${'IDB req'.padStart(9)}${'records'.padStart(9)}${'IndexedDB'.padStart(12)}${'budget'.padStart(9)}`);
console.log('(median, p90, min: the timed opens; first: the warm-up; FCP: the loading text painted; data: the summary in the DOM;');
console.log(' IDB ms: the background\'s IndexedDB reads, first request to last answer; IDB req, records: one open; all medians)');
browsers.forEach((b, i) => {
  const painted = b.opens.map((o) => o.painted);
  const last = b.opens.at(-1);
  const f = {
    median: quantile(painted, 0.5), p90: quantile(painted, 0.9), min: Math.min(...painted), samples: painted.map((p) => Number(p.toFixed(1))),
    firstOpen: warmUp[i].painted, fcp: quantile(b.opens.map((o) => o['first-contentful-paint']), 0.5), data: quantile(b.opens.map((o) => o.data), 0.5),
    idbRequests: sum(last.reads.stores, 'requests'), idbRecords: sum(last.reads.stores, 'records'), reads: last.reads.stores,
    idbSpanMs: quantile(b.opens.map((o) => o.reads.spanMs), 0.5), shown: last.shown,
    indexedDbBytes: duBytes(join(b.profile, 'Default/IndexedDB')),
  };
  out.sizes[b.tasks] = f;
  console.log(`${String(b.tasks).padStart(8)}${f.median.toFixed(1).padStart(9)}${f.p90.toFixed(1).padStart(8)}${f.min.toFixed(1).padStart(8)}${f.firstOpen.toFixed(1).padStart(8)}${f.fcp.toFixed(1).padStart(7)}${f.data.toFixed(1).padStart(7)}${f.idbSpanMs.toFixed(1).padStart(8)}${String(f.idbRequests).padStart(9)}${String(f.idbRecords).padStart(9)}${`${(f.indexedDbBytes / 1e6).toFixed(1)} MB`.padStart(12)}${`≤ ${BUDGET.ms}`.padStart(9)}`);
});
const [small, large] = SIZES.map((n) => out.sizes[n]);
if (small && large) {
  out.ratio = large.median / small.median;
  console.log(`ratio ${SIZES[1]} / ${SIZES[0]} (medians): ${out.ratio.toFixed(2)}   budget ≤ ${BUDGET.ratio}`);
}
for (const n of SIZES) {
  const { openTasks, balances, pending, todayPlatforms, todayText } = out.sizes[n].shown;
  console.log(`${n} tasks, shown: ${openTasks} open tasks, ${balances} balances, ${pending} pending; today ${todayPlatforms} platform(s): ${todayText.slice(0, 200)}`);
}
console.log(JSON.stringify(out));
