import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { inject } from 'vitest';
import { FIREFOX_DIR, serve, type ServedResponse, type Site } from './served';

/**
 * Real Firefox (ESR, headless) driven over WebDriver BiDi by puppeteer-core, with the CENTIME_E2E=1 build
 * installed as a temporary add-on. `network.dns.localDomains` points the platforms' real host names at a local
 * HTTPS server (127.0.0.1:443, self-signed certificate made at launch) that answers from a `Site`, so content
 * scripts run on their real match patterns. Everything else goes to a dead proxy: Firefox never leaves the box.
 */

export const FIREFOX_BIN = '/usr/bin/firefox-esr';
/** Fixed by the pref `extensions.webextensions.uuids`, so tests know the `moz-extension://` origin. */
export const EXTENSION_UUID = '6c0e2b9a-4f1d-4c3e-9a57-2b8d1e0f7c45';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}/`;
/** A host of our own for blank pages that no content script matches (the way into extension pages). */
export const HARNESS_HOST = 'harness.centime.test';
const PLATFORM_HOSTS = ['worker.mturk.com', 'app.prolific.com'];

export type ExtensionPagePath = 'popup.html' | 'options.html' | 'task-history.html' | 'statement.html';

/** The background page's window, as seen from a page of the same extension. */
export type BackgroundWindow = Window & typeof globalThis & { browser: typeof import('wxt/browser').browser };

export interface ServedRequest {
  url: string;
  method: string;
  status: number;
}

export interface LaunchOptions {
  /** Built extension directory; default `.output-e2e/firefox-mv3`. */
  extensionDir?: string;
  /**
   * Stop the idle MV3 background after this many ms (pref `extensions.background.idle.timeout`; Firefox's
   * default is 30 s; clamped to 100 ms – 5 min). Checked: with 1000 it stops 1–1.5 s after its last event,
   * open extension pages or not; `background.stop()` is the deterministic way.
   */
  backgroundIdleTimeoutMs?: number;
  /** Extra prefs, applied last. */
  prefs?: Record<string, unknown>;
  /**
   * A profile to keep (e.g. for a restart test); default: a copy of the run's profile template
   * (`makeProfileTemplate`) or, without one, puppeteer's own new profile, deleted on close.
   * Note that a temporary add-on is uninstalled when Firefox closes: reinstall after relaunching.
   */
  userDataDir?: string;
}

export interface FirefoxHarness {
  browser: Browser;
  /** `moz-extension://<fixed uuid>/` */
  extensionOrigin: string;
  /** What the HTTPS server answered for the site's hosts, in order (e.g. to assert what the extension fetched). */
  requests: ServedRequest[];
  /** A new tab. */
  page(): Promise<Page>;
  /** The text and box class of Centime's overlay in `page` (closed shadow root, read through BiDi). */
  overlay(page: Page): Promise<{ text: string; box: string }>;
  /**
   * Opens an extension page in a new tab (or in `page`) and resolves once it has loaded. BiDi refuses
   * `goto('moz-extension://…')`, so the tab first loads a served blank page that then sets `location.href`.
   * puppeteer does not see that navigation: `page.url()` keeps the blank page's URL, but evaluate,
   * `$`/`$$`, `waitForSelector` and close work on the extension page.
   */
  openExtensionPage(path: ExtensionPagePath, page?: Page): Promise<Page>;
  /**
   * The colour scheme pages (extension pages too) see in `prefers-color-scheme`, set in the parent process
   * (`layout.css.prefers-color-scheme.content-override`): puppeteer's emulateMediaFeatures is CDP only.
   */
  colorScheme(scheme: 'light' | 'dark'): Promise<void>;
  background: {
    /**
     * Runs `fn(backgroundWindow, ...args)` in a short-lived extension tab (popup.html) through
     * `runtime.getBackgroundPage()`, which wakes a stopped background. `fn` is sent as source text: it must
     * not close over anything; pass JSON-serialisable `args` and return a JSON-serialisable value. An evaluation
     * Firefox ended without an answer (`terminated`) is run once more, so `fn` must be safe to run twice.
     */
    evaluate<R, A extends unknown[]>(fn: (bg: BackgroundWindow, ...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>>;
    /** The URL shown in the selected tab of the focused window, asked of Firefox itself (changes nothing). */
    activeTabUrl(): Promise<string>;
    /**
     * The toolbar badge's global text and colour ([r, g, b, a]), asked of Firefox's parent process: reading it
     * through the extension would open an extension tab, which changes the task in front and so the badge.
     */
    badge(): Promise<{ text: string; color: number[] }>;
    /** Whether the background is running, asked of Firefox itself (does not wake it). */
    isRunning(): Promise<boolean>;
    /**
     * Terminates the event page now, as about:debugging's "Terminate background script" does (its globals are
     * gone; IndexedDB and storage stay). The next event (a content script's or a page's message) starts it again.
     */
    stop(): Promise<void>;
  };
  close(): Promise<void>;
}

/** `https://host/…` keys of the site, plus the platforms and our blank-page host. */
/**
 * Whether an evaluation failed because Firefox's remote agent got no completion for it (the realm ended it:
 * `#buildReturnValue` then throws on a null completion). Seen once, in a CI run, reading a record just after
 * two tabs had navigated; not reproduced in 300 evaluations under load. It is asked again, once.
 */
function terminated(error: unknown): boolean {
  return error instanceof Error && /right-hand side of 'in' should be an object, got null/.test(error.message);
}

function hostsOf(site: Site): string[] {
  const hosts = new Set([...PLATFORM_HOSTS, HARNESS_HOST]);
  for (const key of Object.keys(site)) {
    const url = new URL(key);
    if (url.protocol !== 'https:' || url.port) throw new Error(`Firefox harness serves https on port 443 only: ${key}`);
    hosts.add(url.hostname);
  }
  return [...hosts];
}

function makeCertificate(dir: string, hosts: string[]): { key: Buffer; cert: Buffer } {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('/usr/bin/openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${hosts[0]}`,
    '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
  ], { stdio: 'pipe' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

function startServer(site: Site, tls: { key: Buffer; cert: Buffer }, requests: ServedRequest[]): Promise<Server> {
  const server = createServer(tls, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:443$/, '');
    const url = `https://${host}${req.url ?? '/'}`;
    let answer: ServedResponse | null;
    try {
      answer =
        host === HARNESS_HOST
          ? req.url === '/'
            ? { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><title>blank</title>' }
            : null
          : serve(site, url, req.method, req.headers.cookie ?? '');
    } catch (error) {
      answer = { status: 500, headers: { 'content-type': 'text/plain' }, body: String(error) };
    }
    answer ??= { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not served by the test site' };
    if (host !== HARNESS_HOST) requests.push({ url, method: req.method ?? 'GET', status: answer.status });
    res.writeHead(answer.status, { 'cache-control': 'no-store', ...answer.headers });
    res.end(answer.body);
  });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(443, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  return listen()
    .catch(async (error: NodeJS.ErrnoException) => {
      // A crashed earlier run may still hold the port for a moment: retry once.
      if (error.code !== 'EADDRINUSE') throw error;
      await new Promise((r) => setTimeout(r, 1500));
      await listen().catch((again: Error) => {
        throw new Error(`Firefox harness: 127.0.0.1:443 is busy (another test run?): ${again.message}`);
      });
    })
    .then(() => server);
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The add-on id (wxt.config's GECKO_ID) as built; read from the manifest so that wxt itself is not loaded. */
function geckoIdOf(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`Firefox harness: no gecko id in ${dir}/manifest.json (build with CENTIME_E2E=1 -b firefox --mv3)`);
  return id;
}

function prefsFor(hosts: string[], geckoId: string, options: LaunchOptions): Record<string, unknown> {
  return {
    // The platforms' names resolve to 127.0.0.1, where our HTTPS server listens.
    'network.dns.localDomains': hosts.join(','),
    // The add-on's internal UUID, hence its moz-extension:// origin.
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
    // Everything that is not ours goes to a dead proxy (port 9 refuses at once): no request leaves the box
    // (the fixture's requester iframe, remote settings, captive portal…), and failures are immediate.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': 9,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': 9,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': hosts.join(','),
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.trr.mode': 5,
    // Remote Settings' "skip all remote activity" value (puppeteer's dummy URL would still be polled, by the
    // hundreds, through the proxy).
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    // MV3 host_permissions are granted at install only because of this pref (Firefox's default, true).
    // Checked: set to false, permissions.getAll() has no origins and the content script does not run.
    'extensions.originControls.grantByDefault': true,
    ...(options.backgroundIdleTimeoutMs !== undefined
      ? { 'extensions.background.idle.timeout': options.backgroundIdleTimeoutMs }
      : {}),
    ...options.prefs,
  };
}

interface BidiNode {
  value?: { nodeType: number; localName?: string; nodeValue?: string; attributes?: Record<string, string>; children?: BidiNode[]; shadowRoot?: BidiNode | null };
}

type BidiConnection = { send(method: string, params: object): Promise<{ result: unknown }> };

const launchOptions = (prefs: Record<string, unknown>, userDataDir?: string) => ({
  browser: 'firefox' as const,
  executablePath: FIREFOX_BIN,
  headless: true,
  acceptInsecureCerts: true,
  // With the pref services.settings.server below, Remote Settings stays silent: release builds honour that
  // pref only under this variable (which also makes Firefox refuse non-local connections by itself).
  env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
  // Lets the harness evaluate in Firefox's parent process ("chrome" scope) to stop the background.
  args: ['--remote-allow-system-access'],
  extraPrefsFirefox: prefs,
  ...(userDataDir ? { userDataDir } : {}),
});

/**
 * A profile Firefox has started in once, with the harness's prefs and no add-on: each launch copies it (~40 ms)
 * rather than having Firefox make a new profile, which took 2.3 s of each launch's 5.3 s here (and ~4 s while the
 * other browser's suite runs beside it: the Firefox suite's launches were its longest path in CI). Made once per
 * run by the e2e config's global setup (tests/e2e/support/firefox-profile.ts); every launch still gets a profile of
 * its own, and a test's own prefs over it.
 */
export async function makeProfileTemplate(dir: string): Promise<void> {
  const browser = await puppeteer.launch(launchOptions(prefsFor([...PLATFORM_HOSTS, HARNESS_HOST], geckoIdOf(FIREFOX_DIR), {}), dir));
  // Let the first start finish its writes (startup cache, databases) before closing.
  await new Promise((r) => setTimeout(r, 2_000));
  await browser.close();
}

function profileTemplate(): string | undefined {
  try {
    return inject('firefoxProfileTemplate') || undefined;
  } catch {
    return undefined; // outside a vitest run, or a run without the global setup
  }
}

export async function launchFirefox(site: Site, options: LaunchOptions = {}): Promise<FirefoxHarness> {
  const hosts = hostsOf(site);
  const extensionDir = options.extensionDir ?? FIREFOX_DIR;
  const geckoId = geckoIdOf(extensionDir);
  const tmp = mkdtempSync(join(tmpdir(), 'centime-ff-'));
  const requests: ServedRequest[] = [];
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServer(site, makeCertificate(tmp, hosts), requests);
    let userDataDir = options.userDataDir;
    const template = userDataDir ? undefined : profileTemplate();
    if (template) {
      userDataDir = join(tmp, 'profile');
      cpSync(template, userDataDir, { recursive: true });
    }
    browser = await puppeteer.launch(launchOptions(prefsFor(hosts, geckoId, options), userDataDir));
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  const b = browser;
  const srv = server;
  const connection = (b as unknown as { connection: BidiConnection }).connection;

  async function openExtensionPage(path: ExtensionPagePath, existing?: Page): Promise<Page> {
    const page = existing ?? (await b.newPage());
    const target = EXTENSION_ORIGIN + path;
    await page.goto(`https://${HARNESS_HOST}/`);
    const harness = `https://${HARNESS_HOST}/`;
    // The navigation starts after the evaluation has answered: an evaluation whose own document navigates away
    // while its answer is built can fail in Firefox's remote agent (see `terminated` below). If it fails all the
    // same, the loop sees whether the navigation started, and starts it again if not.
    const navigate = () =>
      page
        .evaluate((url) => {
          setTimeout(() => (location.href = url), 0);
        }, target)
        .catch(() => undefined);
    await navigate();
    const deadline = Date.now() + 10_000;
    let again = Date.now() + 2_000;
    for (;;) {
      // Until the new document exists, evaluate may answer for the old one or fail with a destroyed context.
      const state = await page
        .evaluate(() => [location.href, document.readyState] as const)
        .catch(() => null);
      if (state && state[0] === target && state[1] === 'complete') return page;
      if (Date.now() > deadline) throw new Error(`Firefox harness: ${target} did not load (last: ${String(state)})`);
      if (state?.[0] === harness && Date.now() > again) {
        again = Date.now() + 2_000;
        await navigate();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function chrome(expression: string): Promise<unknown> {
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
      contexts: { context: string }[];
    };
    const context = tree.contexts[0]?.context;
    if (!context) throw new Error('Firefox harness: no chrome window');
    const reply = (
      await connection.send('script.evaluate', {
        expression,
        target: { context },
        awaitPromise: true,
        resultOwnership: 'none',
      })
    ).result as { type: 'success'; result: { value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } };
    if (reply.type === 'exception') throw new Error(`Firefox harness (chrome scope): ${reply.exceptionDetails.text}`);
    return reply.result.value;
  }
  const debugUtils = `ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent.DebugUtils`;

  /**
   * The text and box class of Centime's overlay in a tab. Its shadow root is closed, so page scripts cannot
   * see it; WebDriver BiDi serialises closed shadow trees on request (`includeShadowTree: 'all'`).
   */
  async function overlay(page: Page): Promise<{ text: string; box: string }> {
    const context = (page.mainFrame() as unknown as { _id: string })._id;
    const reply = (
      await connection.send('script.evaluate', {
        expression: `document.querySelector('centime-overlay')`,
        target: { context },
        awaitPromise: false,
        resultOwnership: 'none',
        serializationOptions: { maxDomDepth: 20, includeShadowTree: 'all' },
      })
    ).result as { type: string; result?: BidiNode };
    const texts: string[] = [];
    let box = '';
    const walk = (n: BidiNode | undefined) => {
      const v = n?.value;
      if (!v) return;
      if (v.nodeType === 3 && v.nodeValue) texts.push(v.nodeValue);
      const cls = v.attributes?.class;
      if (v.localName === 'div' && cls?.startsWith('box')) box = cls;
      if (v.localName === 'style') return;
      walk(v.shadowRoot ?? undefined);
      for (const c of v.children ?? []) walk(c);
    };
    walk(reply.result);
    return { text: texts.join(' '), box };
  }

  let closed = false;
  return {
    overlay,
    // layout.css.prefers-color-scheme.content-override: 0 dark, 1 light, 2 the system's.
    async colorScheme(scheme) {
      await chrome(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1})`);
    },
    browser: b,
    extensionOrigin: EXTENSION_ORIGIN,
    requests,
    page: () => b.newPage(),
    openExtensionPage,
    background: {
      async evaluate<R, A extends unknown[]>(
        fn: (bg: BackgroundWindow, ...args: A) => R | Promise<R>,
        ...args: A
      ): Promise<Awaited<R>> {
        // A string expression, because the extension page's CSP forbids eval but not BiDi's own evaluation.
        const expression = `(async () => (${fn.toString()})(await browser.runtime.getBackgroundPage(), ...${JSON.stringify(args)}))()`;
        for (let attempt = 1; ; attempt++) {
          const page = await openExtensionPage('popup.html');
          try {
            return (await page.evaluate(expression)) as Awaited<R>;
          } catch (error) {
            if (attempt >= 2 || !terminated(error)) throw error;
          } finally {
            await page.close().catch(() => undefined);
          }
        }
      },
      async activeTabUrl() {
        return String(await chrome('Services.wm.getMostRecentWindow("navigator:browser").gBrowser.selectedBrowser.currentURI.spec'));
      },
      async badge() {
        const json = await chrome(
          `(() => { const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
            const ext = WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).extension;
            const action = ExtensionParent.apiManager.global.browserActionFor(ext).action;
            const data = action.getContextData(null);
            return JSON.stringify({ text: data.badgeText ?? '', color: data.badgeBackgroundColor ?? [] }); })()`,
        );
        return JSON.parse(String(json)) as { text: string; color: number[] };
      },
      async isRunning() {
        return (await chrome(`${debugUtils}.isBackgroundScriptRunning(${JSON.stringify(geckoId)})`)) === true;
      },
      async stop() {
        // What about:debugging's "Terminate background script" does (DebugUtils.terminateBackgroundScript), plus
        // disableResetIdleForTest so that a listener still pending does not postpone the stop by one idle period.
        const state = await chrome(
          `(async () => { const ext = WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).extension;
            await ext.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
            return ext.backgroundState; })()`,
        );
        if (state !== 'stopped') throw new Error(`Firefox harness: background still ${String(state)} after stop`);
      },
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await b.close();
      } finally {
        await stopServer(srv);
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  };
}
