/* global setTimeout */
// Where Centime's own script time goes on a page: V8's CPU profile of a load (the third; two warm the caches),
// self time by function, for the scripts of the unpacked build (minified: the offset finds the function).
// Usage: npm run build && node tests/bench/profile.mjs [mturk-task|mturk-queue-200|prolific-studies] [build dir]
import { launch } from './browser.mjs';
import { PAGES } from './pages.mjs';

const page = PAGES.find((p) => p.name === (process.argv[2] ?? 'mturk-task'));
const dir = process.argv[3] ?? `${process.cwd()}/.output/chrome-mv3`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const harness = await launch(dir, Object.assign({}, ...PAGES.map((p) => p.routes)));
let profile;
for (let i = 0; i < 3; i++) {
  const tab = await harness.context.newPage();
  const cdp = await harness.context.newCDPSession(tab);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await tab.goto(page.url, { waitUntil: 'load' });
  await sleep(1_500);
  ({ profile } = await cdp.send('Profiler.stop'));
  await tab.close();
}
await harness.close();
const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
const self = new Map();
profile.samples.forEach((id, i) => {
  const f = nodes.get(id);
  if (!f.url.startsWith('chrome-extension://')) return;
  const key = `${f.functionName || '(anonymous)'} ${new URL(f.url).pathname}:${f.columnNumber}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${page.name}: ${total.toFixed(1)} ms sampled in the extension's scripts`);
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${ms.toFixed(2).padStart(8)}  ${key}`);
