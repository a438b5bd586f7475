// Where the page's kept heap goes (issue 18, item 2's heap budget): the MTurk task page loaded with Centime's
// production build and with the empty-content-script extension, a heap snapshot of each after a GC, their objects'
// self sizes summed by kind and name, and the largest differences printed. The renderer's one V8 heap holds the
// page's world and every extension's isolated world, so the difference is what Centime keeps in that page.
// Two more extensions give floors: one sends one message from its content script; the other reads the page and
// sends it as Centime's page script does, without an overlay.
// Usage: node tests/bench/heap-diff.mjs [--loads 3] [--top 40] [--centime .output/chrome-mv3]
/* global setTimeout */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyExtension, launch } from './browser.mjs';
import { PAGES } from './pages.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
};
const LOADS = Number(arg('--loads', 3));
const TOP = Number(arg('--top', 40));
const CENTIME = arg('--centime', '.output/chrome-mv3');
const TASK = PAGES.find((p) => p.name === 'mturk-task');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Self sizes summed by `type name` over one snapshot of the page's heap, after a GC. */
async function snapshot(harness) {
  const page = await harness.context.newPage();
  await page.goto(TASK.url, { waitUntil: 'load' });
  await sleep(2_500);
  const cdp = await harness.context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  let text = '';
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => (text += chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await page.close();
  const { snapshot: meta, nodes, strings } = JSON.parse(text);
  const fields = meta.meta.node_fields;
  const types = meta.meta.node_types[0];
  const [T, N, S] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const sums = new Map();
  let total = 0;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + T]];
    const raw = strings[nodes[i + N]];
    // Strings and code are summed by kind; a string's text would make every one its own line.
    const name = type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number' ? '' : raw.slice(0, 60);
    const key = `${type} ${name}`;
    sums.set(key, (sums.get(key) ?? 0) + nodes[i + S]);
    total += nodes[i + S];
  }
  return { sums, total };
}

/**
 * The floor of any content script that talks to its extension: one `runtime.sendMessage` at load (answered by a
 * background), which makes the browser build its extension API bindings in the page's isolated world.
 */
function messageExtension(script = 'chrome.runtime.sendMessage({ hello: 1 }).catch(() => {});\n') {
  const dir = mkdtempSync(join(tmpdir(), 'centime-bench-empty-message-'));
  writeFileSync(join(dir, 'cs.js'), script);
  writeFileSync(join(dir, 'bg.js'), 'chrome.runtime.onMessage.addListener((m, s, answer) => answer({ ok: true }));\n');
  const manifest = {
    manifest_version: 3, name: 'One message', version: '1.0', background: { service_worker: 'bg.js' },
    content_scripts: [{ matches: ['https://worker.mturk.com/*'], js: ['cs.js'], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

/**
 * What Centime's page script does before any overlay, written plainly: listens for the background, reads the page
 * as text and sends it, and claims the page with an event, an AbortController and a listener (page-context.ts).
 */
const READS = `chrome.runtime.onMessage.addListener(() => {});
const claim = new AbortController();
window.addEventListener('centime-claim', () => {}, { signal: claim.signal });
document.dispatchEvent(new CustomEvent('centime-claim', { detail: 1 }));
chrome.runtime.sendMessage({ html: document.documentElement.outerHTML, url: location.href }).catch(() => {});
`;

/** The kind of a snapshot line: the extension bindings' and V8's own objects, strings, code, Blink's, the rest. */
const kindOf = (key) =>
  key.startsWith('code ') ? 'code'
  : key.startsWith('native blink') ? 'Blink (DOM, style, layout)'
  : key.startsWith('native system') || key.startsWith('object shape') || key.startsWith('array ') ? 'V8 system (templates, maps, descriptors)'
  : key.startsWith('string') || key.startsWith('concatenated') || key.startsWith('sliced') ? 'strings'
  : 'objects and closures';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = {};
for (const [name, dir] of [['empty', emptyExtension()], ['message', messageExtension()], ['reads', messageExtension(READS)], ['centime', CENTIME]]) {
  const harness = await launch(dir, TASK.routes);
  await snapshot(harness); // a first, cold load
  const runs = [];
  for (let i = 0; i < LOADS; i++) runs.push(await snapshot(harness));
  await harness.close();
  const keys = new Set(runs.flatMap((r) => [...r.sums.keys()]));
  results[name] = { total: median(runs.map((r) => r.total)), sums: new Map([...keys].map((k) => [k, median(runs.map((r) => r.sums.get(k) ?? 0))])) };
}
const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const signed = (n) => `${n > 0 ? '+' : ''}${kB(n)}`;
const { empty, message, reads, centime } = results;
console.log(`heap after a GC, median of ${LOADS} loads: empty script ${kB(empty.total)}; one message ${signed(message.total - empty.total)}; reading the page ${signed(reads.total - empty.total)}; Centime ${signed(centime.total - empty.total)}`);
const keys = [...new Set([empty, message, reads, centime].flatMap((r) => [...r.sums.keys()]))];
const at = (r, k) => r.sums.get(k) ?? 0;
const kinds = new Map();
for (const k of keys) {
  const kind = kinds.get(kindOf(k)) ?? { message: 0, reads: 0, centime: 0 };
  for (const name of ['message', 'reads', 'centime']) kind[name] += at(results[name], k) - at(empty, k);
  kinds.set(kindOf(k), kind);
}
console.log('\nby kind, over the empty script: one message / reading the page / Centime');
for (const [kind, d] of kinds) console.log(`${signed(d.message).padStart(11)} ${signed(d.reads).padStart(11)} ${signed(d.centime).padStart(11)}  ${kind}`);
console.log(`\nlargest lines, Centime over reading the page:`);
const diff = keys.map((k) => [k, at(centime, k) - at(reads, k)]).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
for (const [key, d] of diff.slice(0, TOP)) console.log(signed(d).padStart(11), key);
