/* global setTimeout */
// Where a page's main-thread time goes (TOOLCHAIN.md): a CDP trace of one load, the events of the page's own
// renderer thread (CrRendererMain) summed by name, inclusive (nested events count in their parents too).
const CATEGORIES = 'devtools.timeline,toplevel,v8.execute,blink,ipc,mojom,v8';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function traceLoad(harness, url, afterLoadMs) {
  const page = await harness.context.newPage();
  const cdp = await harness.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await page.goto(url, { waitUntil: 'load' });
  await sleep(afterLoadMs);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  await page.close();
  return byName(events, new URL(url).origin);
}

/** ms per event name on the main thread of the renderer that loaded `origin`. */
function byName(events, origin) {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const loads = new Map();
  for (const e of events) {
    const u = e.args?.beginData?.url ?? e.args?.data?.url ?? '';
    const thread = `${e.pid}:${e.tid}`;
    if (mains.has(thread) && typeof u === 'string' && u.startsWith(origin)) loads.set(thread, (loads.get(thread) ?? 0) + 1);
  }
  const main = [...loads].sort((a, b) => b[1] - a[1])[0]?.[0];
  const sums = {};
  const open = new Map();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main) continue;
    if (e.ph === 'X' && typeof e.dur === 'number') sums[e.name] = (sums[e.name] ?? 0) + e.dur / 1000;
    if (e.ph === 'B') open.set(e.name, [...(open.get(e.name) ?? []), e.ts]);
    if (e.ph === 'E' && open.get(e.name)?.length) sums[e.name] = (sums[e.name] ?? 0) + (e.ts - open.get(e.name).pop()) / 1000;
  }
  return sums;
}

/** The names whose time differs most between two traces (e.g. Centime − no extension). */
export function topDifferences(with_, without, count = 14) {
  const names = new Set([...Object.keys(with_), ...Object.keys(without)]);
  return [...names]
    .map((name) => ({ name, ms: (with_[name] ?? 0) - (without[name] ?? 0) }))
    .sort((a, b) => Math.abs(b.ms) - Math.abs(a.ms))
    .slice(0, count);
}
