// The CPU profile of Centime's service worker while `run` runs (bench:data's events, with --profile-worker): the
// browser's CDP session attaches to the worker (unflattened: playwright-core's sessions carry no child session),
// and the self time by function is printed, with a few characters of the minified source to name each.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function profileWorker(context, run) {
  const session = await context.browser().newBrowserCDPSession();
  const { targetInfos } = await session.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let next = 0;
  const waiting = new Map();
  session.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message);
    waiting.get(message.id)?.(message.result);
  });
  const call = (method, params = {}) => new Promise((resolve) => {
    const id = ++next;
    waiting.set(id, resolve);
    void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
  });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 200 });
  await call('Profiler.start');
  const result = await run();
  const { profile } = await call('Profiler.stop');
  await session.detach();
  print(profile);
  return result;
}

/** A CPU profile's self time in ms by function, keyed `name path:line:column` (history-profile.mjs reads it too). */
export function selfTimes(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = nodes.get(id);
    const file = f.url ? new URL(f.url).pathname : '';
    const key = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return self;
}

function print(profile) {
  // PROFILE_OUT=file.cpuprofile keeps the whole profile (DevTools opens it) for inclusive times.
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  const self = selfTimes(profile);
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)')).reduce((a, [, ms]) => a + ms, 0);
  console.log(`service worker: ${busy.toFixed(0)} ms busy`);
  const lines = new Map();
  for (const [key, ms] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, c) => c[1] - a[1]).slice(0, 30)) {
    const [, file, line, column] = /^.* (\S*):(\d+):(\d+)$/.exec(key) ?? [];
    let snippet = '';
    if (file?.endsWith('.js')) {
      if (!lines.has(file)) lines.set(file, readFileSync(join(ROOT, '.output-e2e/chrome-mv3', file), 'utf8').split('\n'));
      snippet = (lines.get(file)[Number(line)] ?? '').slice(Number(column), Number(column) + 80);
    }
    console.log(`${ms.toFixed(1).padStart(8)}  ${key}  ${snippet}`);
  }
}
