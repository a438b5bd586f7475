/* global navigator, IDBDatabase, IDBObjectStore, MessageChannel, MutationObserver, PerformanceObserver, chrome, location, performance, requestAnimationFrame, setTimeout, Event, fetch */
// What npm run bench:data runs inside the browser (each function self-contained: it is serialised into a page or
// the service worker). Times are the realm's performance.now().

/**
 * The history page, from its very start (an init script): when the first task row is in the DOM and the frame after
 * it painted (`__history.first`), when every row is read (`__history.complete`: the "reading all" note gone), and
 * every long task (> 50 ms) the page had, from a `longtask` observer (`__history.longTasks`).
 */
export function historyProbe() {
  if (!location.pathname.endsWith('/task-history.html')) return;
  const h = { longTasks: [] };
  const done = {};
  h.first = new Promise((r) => (done.first = r));
  h.complete = new Promise((r) => (done.complete = r));
  globalThis.__history = h;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) h.longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const c = new MessageChannel();
    c.port1.onmessage = () => resolve(performance.now());
    c.port2.postMessage(0);
  }));
  const check = () => {
    if (h.rowsAt === undefined && document.querySelector('.history-body [data-key]')) {
      h.rowsAt = performance.now();
      void painted().then(done.first);
    }
    if (h.rowsAt !== undefined && h.completeAt === undefined && document.querySelector('.history-count') && !document.querySelector('.history-count .muted')) {
      h.completeAt = performance.now();
      void painted().then(done.complete);
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

/** In the history page: `change` applied to the list and the next frame painted, in ms; what the count then says. */
export async function timeListChange({ select, value, sortColumn }) {
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const c = new MessageChannel();
    c.port1.onmessage = () => resolve(performance.now());
    c.port2.postMessage(0);
  }));
  await painted();
  const start = performance.now();
  if (sortColumn) {
    document.querySelector(`[data-col="${sortColumn}"] button.sort`).click();
  } else {
    const el = document.querySelector(`select[name="${select}"]`);
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
  const end = await painted();
  return { ms: end - start, count: document.querySelector('.history-count')?.textContent ?? '' };
}

/** In the history page: scrolls the list for `ms` (a step each frame); the long tasks that started meanwhile. */
export async function scrollList({ ms, step }) {
  const scroller = document.querySelector('.history-scroll');
  const start = performance.now();
  let frames = 0;
  while (performance.now() - start < ms) {
    scroller.scrollTop += step;
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) step = -Math.abs(step);
    if (scroller.scrollTop <= 0) step = Math.abs(step);
    frames++;
    await new Promise((r) => requestAnimationFrame(r));
  }
  await new Promise((r) => setTimeout(r, 100));
  const longTasks = globalThis.__history.longTasks.filter((t) => t.start >= start);
  return { frames, ms: performance.now() - start, longTasks, rowsInDom: document.querySelectorAll('.history-body [data-key]').length };
}

/** In the options page: keeps each download's blob URL instead of saving it (as tests/e2e/support/data-flows.ts). */
export function catchDownloads() {
  globalThis.downloads = [];
  globalThis.HTMLAnchorElement.prototype.click = function click() {
    if (this.download) globalThis.downloads.push({ href: this.href, at: performance.now() });
  };
}

/** In the options page: clicks "Back up" and times it to the download at the link, then reads the file back. */
export async function timeBackup() {
  const before = globalThis.downloads.length;
  const start = performance.now();
  document.querySelector('button.backup').click();
  while (globalThis.downloads.length === before) await new Promise((r) => setTimeout(r, 5));
  const { href, at } = globalThis.downloads.at(-1);
  const text = await (await fetch(href)).text();
  return { ms: at - start, readMs: performance.now() - start, bytes: text.length, tasks: (text.match(/"taskId":/g) ?? []).length };
}

/** In the options page: waits for `selector`, then gives the time it appeared and its text. */
export async function waitFor({ selector, timeoutMs }) {
  const start = performance.now();
  while (!document.querySelector(selector)) {
    if (performance.now() - start > timeoutMs) throw new Error(`no ${selector} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return { at: performance.now(), text: document.querySelector(selector).textContent.trim() };
}

/**
 * In the service worker: notes when each task page's message arrives (`cs-bg-page-html`, by the assignment id of
 * its URL), when a task's first event record is put (`written`: the page read, the tracker's work done), and when
 * the transaction that put it completes (`durable`: IndexedDB fires `complete` once it is committed). `__events()` reads and resets them.
 */
export function watchEvents() {
  if (globalThis.__events) return;
  let arrived = {};
  let written = {};
  let durable = {};
  chrome.runtime.onMessage.addListener((message) => {
    if (message?.type !== 'cs-bg-page-html') return;
    const id = new URL(message.payload.url).searchParams.get('assignment_id');
    if (id && arrived[id] === undefined) arrived[id] = performance.now();
  });
  const putEvents = new WeakMap();
  // The tasks whose record each transaction puts (which task a write before the first event was for).
  const taskPuts = new WeakMap();
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, ...rest) {
    if (this.name === 'tasks' && value?.taskId) {
      const tx = this.transaction;
      if (!taskPuts.has(tx)) taskPuts.set(tx, []);
      taskPuts.get(tx).push(value.taskId);
    }
    if (this.name === 'events' && value?.task) {
      const tx = this.transaction;
      if (!putEvents.has(tx)) {
        putEvents.set(tx, new Set());
        tx.addEventListener('complete', () => {
          const at = performance.now();
          for (const task of putEvents.get(tx)) durable[task] ??= at;
        });
      }
      putEvents.get(tx).add(value.task);
      written[value.task] ??= performance.now();
    }
    return put.call(this, value, ...rest);
  };
  // Every read-write transaction (start, commit), to see what else the writer did meanwhile.
  let writes = [];
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
    const tx = transaction.call(this, stores, mode, ...rest);
    if (mode === 'readwrite') {
      const start = performance.now();
      tx.addEventListener('complete', () => writes.push({ start, end: performance.now(), stores: [...tx.objectStoreNames], tasks: taskPuts.get(tx) ?? [] }));
    }
    return tx;
  };
  globalThis.__events = () => {
    const out = { arrived, written, durable, writes };
    arrived = {};
    written = {};
    durable = {};
    writes = [];
    return out;
  };
}

/**
 * In the service worker, during an import: when its parts arrive (first and last `ui-bg-import-stage`), when the
 * confirmation arrives (`ui-bg-import-commit`), and each read-write transaction's start, end and stores.
 * `__import()` reads them.
 */
export function watchImport(byStore = false) {
  if (globalThis.__import) return;
  const seen = { stages: [], commitAt: undefined, writes: [] };
  // `byStore` (bench:data --import-stores): each write transaction's time split by the store of each request, from
  // the previous request's success to its own (IndexedDB runs a transaction's requests in order), the rest to its
  // commit. A listener per request: it adds to the figures it splits, so only on asking.
  if (byStore) {
    for (const method of ['put', 'add', 'delete', 'get', 'getAll', 'getAllKeys', 'clear', 'count']) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (...args) {
        const req = original.apply(this, args);
        const tx = this.transaction;
        if (tx.mode === 'readwrite') {
          const name = `${this.name}.${method}`;
          // When the last request was made: how much of the transaction the script took to ask it all.
          tx.__issued = performance.now();
          (tx.__first ??= {})[name] ??= tx.__issued - tx.__start;
          req.addEventListener('success', () => {
            const t = performance.now();
            const split = (tx.__split ??= { last: tx.__start, by: {} });
            split.by[name] = (split.by[name] ?? 0) + (t - split.last);
            split.last = t;
          });
        }
        return req;
      };
    }
  }
  chrome.runtime.onMessage.addListener((message) => {
    if (message?.type === 'ui-bg-import-stage') seen.stages.push(performance.now());
    if (message?.type === 'ui-bg-import-commit') seen.commitAt = performance.now();
  });
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
    const tx = transaction.call(this, stores, mode, ...rest);
    if (mode === 'readwrite') {
      const w = { start: performance.now(), stores: [...tx.objectStoreNames] };
      tx.__start = w.start;
      tx.addEventListener('complete', () => {
        const end = performance.now();
        const by = tx.__split && Object.fromEntries(Object.entries({ ...tx.__split.by, commit: end - tx.__split.last, '(all asked by)': tx.__issued - w.start }).map(([k, ms]) => [k, Math.round(ms)]));
        const first = tx.__first && Object.fromEntries(Object.entries(tx.__first).map(([k, ms]) => [k, Math.round(ms)]));
        seen.writes.push({ ...w, end, ...(by ? { by, first } : {}) });
      });
    }
    return tx;
  };
  globalThis.__import = () => ({ ...seen, now: performance.now() });
}

/**
 * Runs (in the service worker) the background's archiving pass as a start of it does (lib/storage/archive.ts): a
 * seeded profile's first start with the archive packs its settled tasks many to a record. Answers how long it took
 * and how many tasks moved.
 */
export async function runArchive() {
  const started = Date.now();
  // A pass the start began holds the archive's lock alone: wait for it to end (a shared request waits for it).
  await navigator.locks.request('centime-archive', { mode: 'shared' }, () => undefined);
  const moved = await globalThis.centimeTest.archive();
  return { ms: Date.now() - started, moved };
}
