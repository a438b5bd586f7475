/* global IDBObjectStore, IDBIndex, MutationObserver, MessageChannel, PerformanceObserver, location, performance, requestAnimationFrame, setTimeout */
// What npm run bench:popup runs inside the browser (each function self-contained: it is serialised into the
// service worker or the page), and how it tells that Chromium has settled.
import { readdirSync, readFileSync } from 'node:fs';

/**
 * The popup page: from its very start (an init script), notes when the summary is in the DOM (the loading
 * paragraph gone, the "Today" section there) and when the next frame after it has run and painted (a task
 * posted from the frame's requestAnimationFrame runs once the frame is committed). Times are `performance.now()`
 * of the page, i.e. milliseconds since its navigation started. `globalThis.__popupOpen` resolves with them.
 */
export function paintProbe() {
  if (!location.pathname.endsWith('/popup.html')) return;
  const times = {};
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) times[e.name] = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  globalThis.__popupOpen = new Promise((resolve) => {
    const check = () => {
      if (times.data !== undefined || document.querySelector('[aria-busy="true"]') || !document.querySelector('[aria-labelledby="today-title"]')) return;
      times.data = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        times.frame = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          times.painted = performance.now();
          // What the summary held, so the report can say what was read.
          const count = (selector) => document.querySelectorAll(selector).length;
          const pending = document.querySelector('.pending-items summary')?.textContent ?? '';
          resolve({
            ...times,
            shown: {
              openTasks: count('[aria-labelledby="tasks-title"] ul.tasks > li'),
              balances: count('[aria-labelledby="balances-title"] > dl.today > *'),
              pending: Number(/\d+/.exec(pending)?.[0] ?? 0),
              todayPlatforms: count('[aria-labelledby="today-title"] [data-platform]'),
              todayText: document.querySelector('[aria-labelledby="today-title"]')?.textContent ?? '',
            },
          });
        };
        channel.port2.postMessage(0);
      });
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/**
 * A clock moved by `offset` ms (Date.now and `new Date()`; performance.now is left alone): the background and the
 * popup then see the seeded day as today. Installed once per realm; `Date.__shift` tells it is there.
 */
export function shiftClock(offset) {
  if (offset === 0 || Date.__shift !== undefined) return;
  const Real = Date;
  const now = () => Real.now() + offset;
  globalThis.Date = new Proxy(Real, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length ? args : [now()], newTarget),
    apply: () => new Real(now()).toString(),
    get: (target, key, receiver) => (key === 'now' ? now : key === '__shift' ? offset : Reflect.get(target, key, receiver)),
  });
  // Alarms are set on this clock but ring on the browser's: a task's deadline alarm, an hour ahead here, would be
  // days in the past there and ring at once, expiring every task the bench opens. Set them on the browser's clock.
  const alarms = globalThis.chrome?.alarms;
  if (alarms?.create) {
    const create = alarms.create.bind(alarms);
    alarms.create = (...args) => {
      const at = typeof args[0] === 'object' && args[0] !== null ? 0 : 1;
      const info = args[at];
      if (info && typeof info.when === 'number') args[at] = { ...info, when: info.when - offset };
      return create(...args);
    };
  }
}

/**
 * Counts the IndexedDB requests made in this realm (the service worker: the popup's data is read there) and the
 * records they return, by store or `store.index`, with `ms` from its first request to its last answer (stores read
 * together overlap), and `spanMs` from the first request to the last answer. `globalThis.__idbCount()` reads and resets
 * them.
 */
export function countIndexedDb() {
  if (globalThis.__idbCount) return;
  let counts = {};
  const wrap = (proto, nameOf) => {
    for (const method of ['get', 'getKey', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor']) {
      const real = proto[method];
      proto[method] = function (...args) {
        const request = real.apply(this, args);
        const c = (counts[nameOf(this)] ??= { requests: 0, records: 0, from: performance.now(), ms: 0 });
        c.requests++;
        // A cursor's request succeeds once per step, the last with no cursor: `ms` runs to the last answer.
        request.addEventListener('success', () => {
          c.ms = performance.now() - c.from;
          const r = request.result;
          if (method === 'count') return;
          c.records += Array.isArray(r) ? r.length : r === undefined || r === null ? 0 : 1;
        });
        return request;
      };
    }
  };
  wrap(IDBObjectStore.prototype, (s) => s.name);
  wrap(IDBIndex.prototype, (i) => `${i.objectStore.name}.${i.name}`);
  globalThis.__idbCount = () => {
    const all = Object.values(counts);
    const spanMs = all.length ? Math.max(...all.map((c) => c.from + c.ms)) - Math.min(...all.map((c) => c.from)) : 0;
    const stores = Object.fromEntries(Object.entries(counts).map(([k, { from: _f, ...c }]) => [k, { ...c, ms: Math.round(c.ms * 10) / 10 }]));
    counts = {};
    return { spanMs, stores };
  };
}

/** CPU seconds used so far by this process's descendants (the browsers), from /proc. */
function childrenCpuSeconds() {
  const parent = new Map();
  const cpu = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      parent.set(pid, fields[1]);
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process ended meanwhile.
    }
  }
  const ours = (pid) => {
    for (let p = parent.get(pid); p !== undefined && p !== '0'; p = parent.get(p)) if (p === String(process.pid)) return true;
    return false;
  };
  return [...cpu].reduce((sum, [pid, s]) => (ours(pid) ? sum + s : sum), 0);
}

/**
 * Waits until the browsers have been idle (under 5 % of a core) for a whole second, or `maxMs`; resolves with the
 * time waited. Start-up work (the history upgrade, LevelDB compaction) must be over before anything is timed.
 */
export async function settle(maxMs) {
  const started = Date.now();
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  let before = childrenCpuSeconds();
  while (Date.now() - started < maxMs) {
    await sleep(1_000);
    const now = childrenCpuSeconds();
    if (now - before < 0.05) break;
    before = now;
  }
  return Date.now() - started;
}
