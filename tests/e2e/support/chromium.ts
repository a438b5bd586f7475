import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { CHROME_DIR, serve, type Site } from './served';

export interface ChromiumHarness {
  context: BrowserContext;
  extensionId: string;
  /** The live service worker; after `stopServiceWorker` it is a new one. */
  serviceWorker(): Promise<Worker>;
  openExtensionPage(path: 'popup.html' | 'options.html' | 'task-history.html' | 'statement.html'): Promise<Page>;
  /**
   * Stops every service worker (Chromium's own way, through DevTools), like the browser does when idle. With
   * `via`, DevTools is reached through that page, so no tab is opened or brought to the front.
   */
  stopServiceWorker(via?: Page): Promise<void>;
  /** Starts the worker again without any tab or message event (DevTools' own start). */
  startServiceWorker(via: Page): Promise<void>;
  /** Runs `fn` in the service worker, starting it first if the browser stopped it (never hangs). */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** A stored record of Centime's IndexedDB history (`task:mturk:…`, `agg:…`), read in the worker. */
  readRecord<T = unknown>(key: string): Promise<T | undefined>;
  /** A value of `storage.local`. */
  readLocal<T = unknown>(key: string): Promise<T | undefined>;
  /**
   * Requests that reached no route, and whether the extension made them (its service worker or its pages)
   * rather than a served page (a fixture's own stylesheet): a test can assert that Centime asked nobody else.
   */
  unrouted: { url: string; byExtension: boolean }[];
  /** What the routes answered, in order (e.g. to count the requests a refresh sent). */
  served: { url: string; status: number }[];
  close(): Promise<void>;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Reads one record of Centime's history database (docs/storage.md) by the name it had in version 1's layout
 * (`task:<key>`, `agg:<day>|<platform>`, or a key-value record), in the extension's own realm. It must never
 * create the database: opened before the extension's first write, a plain `open('centime')` would make it
 * without its object stores, breaking the extension for the rest of the test. Self-contained (it is sent to the
 * browser as text): `scope` is the realm's global, the service worker's here, Firefox's background page there.
 */
export function readIndexedDb(scope: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }, key: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const open = scope.indexedDB.open('centime');
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => resolve(undefined);
    open.onsuccess = () => {
      const db = open.result;
      const done = (value: unknown) => {
        db.close();
        resolve(value);
      };
      const ask = <T>(request: IDBRequest<T>) =>
        new Promise<T>((ok, fail) => {
          request.onsuccess = () => ok(request.result);
          request.onerror = () => fail(request.error);
        });
      try {
        if (key.startsWith('task:')) {
          // A task is its record, its event records and (derived) its row: put back together as one record.
          const task = key.slice('task:'.length);
          const tx = db.transaction(['tasks', 'events', 'rows']);
          const parts = [tx.objectStore('tasks').get(task), tx.objectStore('events').getAll(scope.IDBKeyRange.bound([task], [task, []])), tx.objectStore('rows').get(task)];
          Promise.all(parts.map((r) => ask(r as IDBRequest<unknown>))).then(([header, events, row]) => {
            const r = row as { activeMs?: number; idleMs?: number; updatedAt?: number } | undefined;
            // A closed task's timeline is in its record (database version 4); an open one's, in event records.
            const sealed = (header as { events?: object[] } | undefined)?.events ?? [];
            const timeline = [...sealed, ...(events as { task?: string }[]).map(({ task: _t, ...e }) => e)];
            done(header === undefined ? undefined : { ...(header as object), events: timeline, activeMs: r?.activeMs ?? 0, idleMs: r?.idleMs ?? 0, updatedAt: r?.updatedAt });
          }, reject);
        } else {
          const [store, id] = key.startsWith('agg:') ? ['days', key.slice('agg:'.length)] : ['records', key];
          ask(db.transaction(store).objectStore(store).get(id)).then(done, reject);
        }
      } catch {
        done(undefined);
      }
    };
  });
}

/**
 * Debian's Chromium with the built extension loaded; platform URLs answered from fixtures by routing. `lang`:
 * the browser's language. Checked (Chromium 156, headless): `--lang=fr` words the extension's messages in French
 * (`--lang=fr-FR` does not: it has no such pack) while `i18n.getUILanguage()` still answers "en-US"; Playwright's
 * `locale` sets the pages' `navigator.languages`, hence the region Centime formats in.
 */
export async function launchChromium(site: Site, profileDir?: string, lang: { ui: string; locale: string } = { ui: 'en-US', locale: 'en-US' }): Promise<ChromiumHarness> {
  const userDataDir = profileDir ?? mkdtempSync(join(tmpdir(), 'centime-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: lang.locale,
    args: [
      '--headless=new',
      `--disable-extensions-except=${CHROME_DIR}`,
      `--load-extension=${CHROME_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--lang=${lang.ui}`,
    ],
  });
  const unrouted: { url: string; byExtension: boolean }[] = [];
  const served: { url: string; status: number }[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('chrome-extension://')) return route.continue();
    const headers = await route.request().allHeaders();
    const answer = serve(site, url, route.request().method(), headers.cookie ?? '');
    if (answer) served.push({ url, status: answer.status });
    if (!answer) {
      const request = route.request();
      let frameUrl = '';
      try {
        frameUrl = request.frame().url();
      } catch {
        // Requests of a service worker have no frame.
      }
      unrouted.push({ url, byExtension: request.serviceWorker() !== null || frameUrl.startsWith('chrome-extension://') });
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not served by the test' });
    }
    return route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
  });

  // Playwright keeps one Worker handle per service-worker version, across stops and restarts: a test tells a
  // fresh worker by its empty globals, and stopServiceWorker() waits for DevTools to report it stopped.
  const serviceWorker = async () => {
    const live = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return live ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  };
  const extensionId = new URL((await serviceWorker()).url()).host;

  const openExtensionPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };

  const devtools = async (via: Page | undefined, work: (cdp: CDPSession) => Promise<void>) => {
    const page = via ?? (await context.newPage());
    if (!via) await page.goto(`chrome-extension://${extensionId}/options.html`);
    const cdp = await context.newCDPSession(page);
    try {
      await work(cdp);
    } finally {
      await cdp.detach();
      if (!via) await page.close();
    }
  };

  const stopServiceWorker = (via?: Page) =>
    devtools(via, async (cdp) => {
      const origin = `chrome-extension://${extensionId}/`;
      const running = new Map<string, string>();
      const allStopped = new Promise<void>((resolve) => {
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          for (const v of versions) if (v.scriptURL.startsWith(origin)) running.set(v.versionId, v.runningStatus);
          if (running.size > 0 && [...running.values()].every((status) => status === 'stopped')) resolve();
        });
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await Promise.race([
        allStopped,
        new Promise((_, reject) => setTimeout(() => reject(new Error('service worker did not stop')), 10_000)),
      ]);
    });

  const startServiceWorker = (via: Page) =>
    devtools(via, async (cdp) => {
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${extensionId}/` });
    });

  /**
   * Evaluates in the worker, never hanging: an evaluate on a worker the browser stopped can wait forever, so
   * after 5 s the worker is started through DevTools (from an open page: no tab changes) and the newest
   * handle is asked again.
   */
  const withTimeout = <R>(work: Promise<R>, ms: number, what: string): Promise<R> => {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(what)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  };
  const inWorker = async <R, A>(fn: ((arg: A) => R | Promise<R>) | string, arg: A): Promise<R> => {
    const ask = (worker: Worker) => worker.evaluate(fn as never, arg) as Promise<R>;
    try {
      return await withTimeout(ask(await serviceWorker()), 5_000, 'service worker did not answer in 5 s');
    } catch {
      const page = context.pages()[0];
      if (page) await startServiceWorker(page);
      const workers = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
      const newest = workers.at(-1) ?? (await serviceWorker());
      return withTimeout(ask(newest), 10_000, 'service worker did not answer, even after a start');
    }
  };

  const readRecord = async <T>(key: string) =>
    (await inWorker(`(${readIndexedDb.toString()})(globalThis, ${JSON.stringify(key)})`, null)) as T | undefined;

  const readLocal = async <T>(key: string) =>
    (await inWorker(async (k: string) => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
      return (await api.storage.local.get(k))[k];
    }, key)) as T | undefined;

  return {
    context,
    extensionId,
    serviceWorker,
    openExtensionPage,
    stopServiceWorker,
    startServiceWorker,
    evaluate: inWorker,
    readRecord,
    readLocal,
    unrouted,
    served,
    close: async () => {
      await context.close();
      if (!profileDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

interface CdpNode {
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/** The overlay's text and box class, read through DevTools (which sees into the closed shadow root). */
export async function overlayOf(h: ChromiumHarness, page: Page): Promise<{ text: string; box: string }> {
  const cdp = await h.context.newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  await cdp.detach();
  let host: CdpNode | undefined;
  const find = (n: CdpNode) => {
    if (n.nodeName === 'CENTIME-OVERLAY') host = n;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) find(c);
  };
  find(root);
  const texts: string[] = [];
  let box = '';
  const walk = (n: CdpNode) => {
    if (n.nodeName === '#text' && n.nodeValue) texts.push(n.nodeValue);
    const cls = n.attributes?.[n.attributes.indexOf('class') + 1];
    if (n.nodeName === 'DIV' && cls?.startsWith('box')) box = cls;
    if (n.nodeName !== 'STYLE') for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
  };
  if (host) walk(host);
  return { text: texts.join(' '), box };
}
