// Where the history page's time goes with 100,000 tasks: V8's CPU profile of one step (the page's opening, a
// filter change, a sort change, or a scroll; or the options page's backup), self time by function (the build is minified: a few characters of
// its source at the function's start name it). Uses bench:data's profile and probes.
// Usage: node tests/bench/history-profile.mjs [open|filter|sort|scroll|backup|backup-workers]   (PROFILE=dir: another profile)
// backup-workers: the backup's Workers' profiles instead of the page's, each printed apart (they run the tasks' part).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { launch } from './data-launch.mjs';
import { settle } from './popup-probes.mjs';
import { catchDownloads, historyProbe, scrollList, timeBackup, timeListChange } from './data-probes.mjs';
import { selfTimes } from './worker-profile.mjs';

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
/** Profiles of the Workers the page starts from now on (attached paused, through the page's session), and their stop. */
async function profileWorkers() {
  let next = 1;
  const answers = new Map();
  const workers = [];
  cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
    const m = JSON.parse(message);
    answers.get(`${sessionId}:${m.id}`)?.(m.result ?? m.error);
  });
  const send = (sessionId, method, params = {}) =>
    new Promise((resolve) => {
      const id = next++;
      answers.set(`${sessionId}:${id}`, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch((error) => resolve({ error: String(error) }));
    });
  cdp.on('Target.attachedToTarget', async ({ sessionId, targetInfo, waitingForDebugger }) => {
    if (targetInfo.type !== 'worker') return void (waitingForDebugger && send(sessionId, 'Runtime.runIfWaitingForDebugger'));
    workers.push(sessionId);
    await send(sessionId, 'Profiler.enable');
    await send(sessionId, 'Profiler.setSamplingInterval', { interval: 200 });
    await send(sessionId, 'Profiler.start');
    if (waitingForDebugger) await send(sessionId, 'Runtime.runIfWaitingForDebugger');
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  // A Worker's profile must be taken before it ends (the page terminates it once its span is written).
  return async () => (await Promise.all(workers.map((id) => send(id, 'Profiler.stop')))).map((r) => r?.profile).filter(Boolean);
}

let workerProfiles = [];
if (step === 'backup-workers') {
  await page.goto(b.url('options.html'));
  await page.waitForSelector('button.backup');
  await page.evaluate(catchDownloads);
  await settle(5_000);
  const stop = await profileWorkers();
  const backup = page.evaluate(timeBackup);
  // Stopped short of the backup's end (STOP_MS, 5 s by default), while both Workers still run.
  await sleep(Number(process.env.STOP_MS ?? 5_000));
  workerProfiles = await stop();
  console.log(JSON.stringify(await backup));
} else if (step === 'backup') {
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
if (!['open', 'backup', 'backup-workers'].includes(step)) {
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
const profiles = step === 'backup-workers' ? workerProfiles : [(await cdp.send('Profiler.stop')).profile];
await b.context.close();
for (const [n, profile] of profiles.entries()) printProfile(profile, step === 'backup-workers' ? `worker ${n + 1}` : step);

function printProfile(profile, name) {
  // PROFILE_OUT=file.cpuprofile keeps the whole profile (DevTools opens it) for inclusive times.
  if (process.env.PROFILE_OUT) writeFileSync(profiles.length > 1 ? `${process.env.PROFILE_OUT}.${name.replace(' ', '-')}` : process.env.PROFILE_OUT, JSON.stringify(profile));

  const self = selfTimes(profile);
  const total = [...self.values()].reduce((a, c) => a + c, 0);
  console.log(`${name}: ${total.toFixed(0)} ms sampled`);
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
}
