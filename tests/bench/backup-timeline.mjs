/* global performance, IDBObjectStore, IDBIndex -- the init script and probes run in the options page */
// Where a backup's time goes, as a timeline of the options page: when each IndexedDB request the page makes is asked
// and answered (by store; the Workers' own are not seen), when each backup Worker starts and ends (and its progress
// messages arrive), and any JSON.stringify over 20 ms or Blob built over 5 ms, from the click. Two backups of the
// seeded profile (bench:data's; PROFILE=dir for another), in Debian's Chromium with the e2e build.
// Usage: node tests/bench/backup-timeline.mjs
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './data-launch.mjs';
import { settle } from './popup-probes.mjs';
import { catchDownloads, timeBackup } from './data-probes.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const b = await launch(process.env.PROFILE ?? join(ROOT, '.output/seed-profile-100000'));
await settle(60_000);
const page = await b.context.newPage();
await page.addInitScript(() => {
  const log = (globalThis.__log = []);
  const t0 = () => performance.now();
  for (const name of ['getAll', 'getAllKeys', 'get', 'count', 'openCursor']) {
    for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
      const orig = proto[name];
      if (!orig) continue;
      proto[name] = function (...args) {
        const req = orig.apply(this, args);
        const start = t0();
        const store = this.name;
        req.addEventListener('success', () => log.push([start, t0(), `${name} ${store}`]));
        return req;
      };
    }
  }
  const W = globalThis.Worker;
  globalThis.Worker = function (...args) {
    const w = new W(...args);
    const start = t0();
    w.addEventListener('message', (e) => { if (e.data && e.data.end) log.push([start, t0(), 'worker end']); else if (e.data && e.data.done !== undefined) log.push([t0(), t0(), `worker progress ${e.data.done}`]); });
    return w;
  };
  const B = globalThis.Blob;
  globalThis.Blob = function (parts, opts) { const s = t0(); const r = new B(parts, opts); const e = t0(); if (e - s > 5) log.push([s, e, `Blob ${parts.length}`]); return r; };
  globalThis.Blob.prototype = B.prototype;
  const stringify = JSON.stringify;
  JSON.stringify = function (...a) { const s = t0(); const r = stringify.apply(this, a); const e = t0(); if (e - s > 20) log.push([s, e, `stringify ${r.length}`]); return r; };
});
await page.goto(b.url('options.html'));
await page.waitForSelector('button.backup');
await page.evaluate(catchDownloads);
await settle(5_000);
for (let i = 0; i < 2; i++) {
  await page.evaluate(() => { globalThis.__log.length = 0; globalThis.__start = performance.now(); });
  const r = await page.evaluate(timeBackup);
  const log = await page.evaluate(() => globalThis.__log.map(([s, e, n]) => [Math.round(s - globalThis.__start), Math.round(e - globalThis.__start), n]));
  console.log(JSON.stringify(r));
  const merged = new Map();
  for (const [s, e, n] of log) {
    if (n.startsWith('worker progress')) continue;
    const m = merged.get(n) ?? [Infinity, 0, 0, 0];
    merged.set(n, [Math.min(m[0], s), Math.max(m[1], e), m[2] + 1, m[3] + (e - s)]);
  }
  for (const [n, [s, e, c, sum]] of [...merged].sort((a, b) => a[1][0] - b[1][0])) console.log(`${String(s).padStart(6)} ${String(e).padStart(6)} x${c} sum ${Math.round(sum)}  ${n}`);
  const prog = log.filter(([, , n]) => n.startsWith('worker progress'));
  console.log('progress', prog.filter((_, i) => i % 10 === 0).map(([s, , n]) => `${s}:${n.split(' ')[2]}`).join(' '));
}
await b.context.close();
