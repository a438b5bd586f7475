// Where the history page's time goes with 100,000 tasks: V8's CPU profile of one step (the page's opening, a
// filter change, a sort change, or a scroll; or the options page's backup), self time by function (the build is minified: a few characters of
// its source at the function's start name it). Uses bench:data's profile and probes.
// Usage: node tests/bench/history-profile.mjs [open|filter|sort|scroll|backup]   (PROFILE=dir: another profile)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './data-launch.mjs';
import { settle } from './popup-probes.mjs';
import { catchDownloads, historyProbe, scrollList, timeBackup, timeListChange } from './data-probes.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const step = process.argv[2] ?? 'filter';
const b = await launch(process.env.PROFILE ?? join(ROOT, '.output/seed-profile-100000'));
await b.context.addInitScript(historyProbe);
await settle(60_000);
const page = await b.context.newPage();
const cdp = await b.context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
if (step === 'open') await cdp.send('Profiler.start');
if (step === 'backup') {
  // The options page's backup, click to the file at the link.
  await page.goto(b.url('options.html'));
  await page.waitForSelector('button.backup');
  await page.evaluate(catchDownloads);
  await settle(5_000);
  await cdp.send('Profiler.start');
  console.log(JSON.stringify(await page.evaluate(timeBackup)));
} else {
  await page.goto(b.url('task-history.html'), { waitUntil: 'commit' });
  await page.evaluate(() => globalThis.__history.complete);
}
if (step !== 'open' && step !== 'backup') {
  await settle(5_000);
  await cdp.send('Profiler.start');
  const timed = [];
  if (step === 'filter') {
    for (const value of ['rejected', '', 'approved', '']) timed.push(await page.evaluate(timeListChange, { select: 'outcome', value }));
  } else if (step === 'sort') {
    for (const sortColumn of ['title', 'ended']) timed.push(await page.evaluate(timeListChange, { sortColumn }));
  } else {
    timed.push(await page.evaluate(scrollList, { ms: 3_000, step: 900 }));
  }
  console.log(JSON.stringify(timed));
}
const { profile } = await cdp.send('Profiler.stop');
await b.context.close();
// PROFILE_OUT=file.cpuprofile keeps the whole profile (DevTools opens it) for inclusive times.
if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));

const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
const self = new Map();
profile.samples.forEach((id, i) => {
  const f = nodes.get(id);
  const file = f.url ? new URL(f.url).pathname : '';
  const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber}:${f.columnNumber}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
});
const total = [...self.values()].reduce((a, c) => a + c, 0);
console.log(`${step}: ${total.toFixed(0)} ms sampled`);
const sources = new Map();
for (const [key, ms] of [...self].sort((a, c) => c[1] - a[1]).slice(0, 30)) {
  const [, file, line, column] = /^.* (\S*):(\d+):(\d+)$/.exec(key) ?? [];
  let snippet = '';
  if (file?.startsWith('/') && file.endsWith('.js')) {
    if (!sources.has(file)) sources.set(file, readFileSync(join(process.env.CENTIME_BENCH_EXTENSION ?? join(ROOT, '.output-e2e/chrome-mv3'), file), 'utf8').split('\n'));
    snippet = (sources.get(file)[Number(line)] ?? '').slice(Number(column), Number(column) + 90);
  }
  console.log(`${ms.toFixed(1).padStart(8)}  ${key}  ${snippet}`);
}
