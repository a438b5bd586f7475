// npm run seed -- --tasks 100000 [--profile DIR] [--seed N] [--now ISO-DATE] [--chunk N] [--build]
//
// Fills a real Chromium profile with a generated history (tests/seed/generate.ts): the e2e build of Centime is
// loaded in Debian's Chromium, and its background writes the batches through the storage layer
// (`globalThis.centimeTest.importPrimary`, then `rebuild`), exactly as it stores what the worker does. The
// profile can then be opened by the benchmark and the history page's browser tests. Prints the time taken and
// the size of the profile's IndexedDB.
/* global chrome -- runs in the extension's service worker (worker.evaluate) */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXTENSION = join(ROOT, '.output-e2e/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Written in every profile this script makes: only such a directory is ever emptied by it. */
const MARK = '.centime-seed.json';

function options(argv) {
  const o = { seed: 1, chunk: 2_000, now: Date.now(), build: false };
  const numbers = { '--tasks': 'tasks', '--seed': 'seed', '--chunk': 'chunk' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (name === '--build') o.build = true;
    else if (numbers[name]) o[numbers[name]] = Number(argv[++i]);
    else if (name === '--now') o.now = Date.parse(argv[++i]);
    else if (name === '--profile') o.profile = resolve(argv[++i]);
    else throw new Error(`unknown option ${name}`);
  }
  if (!Number.isSafeInteger(o.tasks) || o.tasks < 0) throw new Error('--tasks N (a whole number) is required');
  if (!Number.isFinite(o.now)) throw new Error('--now takes a date, e.g. 2026-11-27T14:00:00Z');
  o.profile ??= join(ROOT, `.output/seed-profile-${o.tasks}`);
  return o;
}

/** A fresh profile directory: an earlier seed's is emptied, anything else is left alone. */
function freshProfile(dir) {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARK))) throw new Error(`${dir} is not empty and was not made by this script: choose another --profile`);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
}

/** The e2e build, made when missing, when asked, or when it predates `centimeTest`. */
function ensureBuild(force) {
  const background = join(EXTENSION, 'background.js');
  if (!force && existsSync(background) && readFileSync(background, 'utf8').includes('centimeTest')) return;
  console.log('Building the e2e build of Centime for Chromium…');
  const run = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, CENTIME_E2E: '1' } });
  if (run.status !== 0) throw new Error('the e2e build failed');
}

/** The generator (TypeScript) bundled for Node. */
async function generator() {
  const dir = mkdtempSync(join(tmpdir(), 'centime-seed-'));
  const outfile = join(dir, 'seed.mjs');
  await build({
    stdin: {
      contents: "export { generateHistory } from './generate'; export { SEED_RULES } from './rules'; export { CUSTOM_RULES_VERSION } from '../../lib/storage/custom-rules';",
      resolveDir: join(ROOT, 'tests/seed'),
      loader: 'ts',
    },
    bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning',
  });
  const module = await import(pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  return module;
}

function duBytes(dir) {
  const du = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
  return Number(du.stdout.split('\t')[0]);
}

async function main() {
  const o = options(process.argv.slice(2));
  const started = performance.now();
  ensureBuild(o.build);
  const { generateHistory, SEED_RULES, CUSTOM_RULES_VERSION } = await generator();
  freshProfile(o.profile);
  const context = await chromium.launchPersistentContext(o.profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless=new', `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=en-US',
    ],
  });
  try {
    const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const ready = () => worker.evaluate(() => typeof globalThis.centimeTest?.importPrimary === 'function');
    for (let i = 0; !(await ready()); i++) {
      if (i === 50) throw new Error('the background exposes no centimeTest: is this the e2e build (CENTIME_E2E=1)?');
      await sleep(100);
    }
    // The history's days are the browser's: the background counts them in its own time zone.
    const timeZone = await worker.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await worker.evaluate((value) => chrome.storage.local.set({ customRules: value }), { v: CUSTOM_RULES_VERSION, rules: SEED_RULES });
    let tasks = 0;
    // Today's work, as the popup will find it (none on a day off, or before the day's first session).
    const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone });
    const today = dayOf.format(o.now);
    let todays = 0;
    const importing = performance.now();
    for (const batch of generateHistory({ tasks: o.tasks, now: o.now, timeZone, seed: o.seed, chunk: o.chunk })) {
      await worker.evaluate((json) => globalThis.centimeTest.importPrimary(JSON.parse(json)), JSON.stringify(batch));
      tasks += batch.tasks.length;
      todays += batch.tasks.filter((t) => (t.countedDay ?? dayOf.format(t.firstSeenAt)) === today).length;
      process.stdout.write(`\r${tasks} / ${o.tasks} tasks imported (${((performance.now() - importing) / 1000).toFixed(1)} s)`);
    }
    const rebuilding = performance.now();
    process.stdout.write('\nRebuilding the derived data…');
    await worker.evaluate(() => globalThis.centimeTest.rebuild());
    const rebuildS = (performance.now() - rebuilding) / 1000;
    console.log(` ${rebuildS.toFixed(1)} s`);
    console.log(`Today (${today}, ${timeZone}): ${todays} tasks`);
    writeFileSync(join(o.profile, MARK), JSON.stringify({ tasks: o.tasks, seed: o.seed, now: new Date(o.now).toISOString(), timeZone }, null, 2));
  } finally {
    await context.close();
  }
  const idb = duBytes(join(o.profile, 'Default/IndexedDB'));
  const seconds = (performance.now() - started) / 1000;
  console.log(`Profile ${o.profile}: ${o.tasks} tasks, IndexedDB ${(idb / 1e6).toFixed(1)} MB (${idb} bytes), ${seconds.toFixed(1)} s in all`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
