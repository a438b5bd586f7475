import type { DayTotals } from '../../../lib/domain/summary';
import type { TimerEvent } from '../../../lib/domain/task-timer';
import type { PrimaryBatch } from '../../../lib/storage/bulk';
import { readIndexedDb, type ChromiumHarness } from './chromium';
import type { FirefoxHarness } from './firefox';

/** One browser tab, whichever library drives it (Playwright and puppeteer pages share these calls). */
export interface Tab {
  goto(url: string): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  bringToFront(): Promise<void>;
  /** A real click (a user gesture: what `permissions.request` needs). */
  click(selector: string): Promise<void>;
  close(): Promise<void>;
}

export interface StoredTask {
  status: string;
  activeMs: number;
  idleMs: number;
  endedAt?: number;
  events: TimerEvent[];
}

export interface PopupReading {
  tasks: { taskId: string | null; title: string; active: string }[];
  /** Per platform; `rate` is the first effective rate, `rates` all of them (one per currency). */
  today: Record<string, { earned: string; paidActive: string; rate: string; rates: string[]; trueRate: string; unpaid: string }>;
  /** `threshold`: the payout-threshold line, when the worker set one for that platform and currency. */
  balances: Record<string, { pending: string; withdrawable: string; paidOut: string; threshold?: string }>;
}

/** The same scenarios run in Chromium and Firefox through this. */
export interface Driver {
  name: string;
  newTab(): Promise<Tab>;
  /** A record of the history database (`task:mturk:…`, `agg:…`). In Firefox this opens a tab: read at the end. */
  readRecord<T>(key: string): Promise<T | undefined>;
  readPopup(): Promise<PopupReading>;
  /**
   * Whether the front tab shows `url`, asked of the browser without changing anything. Chromium hides the URL
   * of a site Centime has no access to: there, a tab with no visible URL opened from `openerUrl` also counts.
   */
  isFront(url: string, openerUrl: string): Promise<boolean>;
  /** Opens the popup, clicks "Refresh from MTurk" and returns what it then says. */
  refreshFromPopup(): Promise<{ message: string; reading: PopupReading }>;
  /** How many times the served platform answered a URL containing `part`. */
  served(part: string): number;
  /** Gives the browser an MTurk session cookie (as signing in would). */
  signIn(): Promise<void>;
  /** Stops the background (service worker or event page); the next event starts a fresh one. */
  stopBackground(): Promise<void>;
  /** The options page, loaded. */
  openOptions(): Promise<Tab>;
  /** What `scripting.getRegisteredContentScripts()` lists, asked in the background. */
  registeredScripts(): Promise<{ id: string; matches?: string[]; js?: string[] }[]>;
  /** The popup page, opened in a tab of its own and left open (the caller closes it). */
  openPopup(): Promise<Tab>;
  /** Plants primary records through the e2e build's `centimeTest` (as `npm run seed` does), then rebuilds what derives. */
  importHistory(batch: PrimaryBatch): Promise<void>;
  /** The toolbar badge as the background last drew it (text, and colour as [r, g, b, a]). */
  badge(): Promise<{ text: string; color: number[] }>;
}

interface CentimeTest {
  centimeTest: { importPrimary(batch: PrimaryBatch): Promise<void>; rebuild(): Promise<void> };
}

/** Runs in the popup page: clicks refresh; the caller polls `refreshText`. */
function clickRefresh(): void {
  [...document.querySelectorAll('button')].find((b) => b.textContent === 'Refresh from MTurk')!.click();
}
function refreshText(): string {
  return document.querySelector('.refresh')?.textContent?.trim() ?? '';
}

/** Up to 45 s: a refresh of 10 requests takes 27 s at the product's pace (one request every 3 s; 0.3 s in the e2e build). */
async function pollText(read: () => Promise<string>): Promise<string> {
  for (let i = 0; i < 450; i++) {
    const text = await read();
    if (text) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
}

interface ChromeTab {
  url?: string;
  openerTabId?: number;
}
interface ChromeTabs {
  query(q: object): Promise<ChromeTab[]>;
  get(id: number): Promise<ChromeTab>;
}

/** Runs in the popup page: what it shows, as text. */
function readPopupPage(): PopupReading {
  const text = (el: Element | null) => el?.textContent?.trim() ?? '';
  return {
    tasks: [...document.querySelectorAll('ul.tasks > li')].map((li) => ({
      taskId: li.getAttribute('data-task-id'),
      title: text(li.querySelector('.title')),
      active: text(li.querySelector('.active')),
    })),
    balances: Object.fromEntries(
      [...document.querySelectorAll('[data-currency]')].map((row) => [
        `${row.getAttribute('data-platform')}:${row.getAttribute('data-currency')}`,
        {
          pending: text(row.querySelector('.pending')),
          withdrawable: text(row.querySelector('.withdrawable')),
          paidOut: text(row.querySelector('.paid-out')).replace(/^· /, ''),
          threshold: text(row.querySelector('.threshold')) || undefined,
        },
      ]),
    ),
    today: Object.fromEntries(
      [...document.querySelectorAll('.today [data-platform]:not([data-currency])')].map((row) => [
        row.getAttribute('data-platform'),
        {
          earned: text(row.querySelector('.earned')),
          paidActive: text(row.querySelector('.paid-active')),
          rate: text(row.querySelector('.effective-rate')),
          rates: [...row.querySelectorAll('.effective-rate')].map(text),
          trueRate: text(row.querySelector('.true-rate')),
          unpaid: text(row.querySelector('.unpaid')),
        },
      ]),
    ),
  };
}

async function settle<T>(read: () => Promise<T>): Promise<T> {
  // The popup renders "Loading…" first; its data arrives with the background's answer.
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
}

export function chromiumDriver(h: ChromiumHarness): Driver {
  return {
    name: 'Chromium',
    newTab: async () => (await h.context.newPage()) as unknown as Tab,
    readRecord: (key) => h.readRecord(key),
    isFront: async (url, openerUrl) =>
      h.evaluate(
        async ([u, o]: readonly [string, string]) => {
          const tabs = (globalThis as unknown as { chrome: { tabs: ChromeTabs } }).chrome.tabs;
          const [tab] = await tabs.query({ active: true, lastFocusedWindow: true });
          if (!tab) return false;
          if (tab.url === u) return true;
          const opener = tab.url === undefined && tab.openerTabId !== undefined ? await tabs.get(tab.openerTabId) : null;
          return opener?.url === o;
        },
        [url, openerUrl] as const,
      ),
    readPopup: async () => {
      const popup = await h.openExtensionPage('popup.html');
      await popup.waitForSelector('#tasks-title');
      const reading = await popup.evaluate(readPopupPage);
      await popup.close();
      return reading;
    },
    refreshFromPopup: async () => {
      const popup = await h.openExtensionPage('popup.html');
      await popup.waitForSelector('#balances-title');
      await popup.evaluate(clickRefresh);
      const message = await pollText(() => popup.evaluate(refreshText));
      await popup.waitForTimeout(300); // the change broadcast reloads the figures
      const reading = await popup.evaluate(readPopupPage);
      await popup.close();
      return { message, reading };
    },
    served: (part) => h.served.filter((r) => r.url.includes(part)).length,
    // SameSite=None: Chromium attaches no Lax cookie to an extension's own requests (checked here), so a session
    // cookie the refresh can use must be None; MTurk's real cookie attributes are not known here.
    signIn: () =>
      h.context.addCookies([{ name: 'session-token', value: 'worker', domain: 'worker.mturk.com', path: '/', secure: true, sameSite: 'None' }]),
    stopBackground: () => h.stopServiceWorker(),
    openOptions: async () => {
      const page = await h.openExtensionPage('options.html');
      await page.waitForSelector('#sites-title');
      return page as unknown as Tab;
    },
    registeredScripts: () =>
      h.evaluate(
        () => (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; js?: string[] }[]> } } }).chrome.scripting.getRegisteredContentScripts(),
        null,
      ),
    openPopup: async () => {
      const page = await h.openExtensionPage('popup.html');
      await page.waitForSelector('#tasks-title');
      return page as unknown as Tab;
    },
    importHistory: (batch) =>
      h.evaluate(async (b: PrimaryBatch) => {
        const { centimeTest } = globalThis as unknown as CentimeTest;
        await centimeTest.importPrimary(b);
        await centimeTest.rebuild();
      }, batch),
    badge: () => h.evaluate(readChromiumBadge, null),
  };
}

/**
 * The toolbar badge's text and colour in Chromium, read in the service worker as one reading: they are two calls,
 * and the background sets the text, then the colour, so a change between the two would pair the old text with the
 * new colour (a "1s" in red, a state the badge never had). The text is read again after the colour until it has
 * not changed. Self-contained: it is sent to the worker as source.
 */
export async function readChromiumBadge(): Promise<{ text: string; color: number[] }> {
  const action = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]> } } }).chrome.action;
  let text = await action.getBadgeText({});
  for (;;) {
    const color = await action.getBadgeBackgroundColor({});
    const again = await action.getBadgeText({});
    if (again === text) return { text, color };
    text = again;
  }
}

export function firefoxDriver(h: FirefoxHarness): Driver {
  return {
    name: 'Firefox',
    newTab: async () => (await h.page()) as unknown as Tab,
    // The background page is the realm whose database is read (never created: readIndexedDb).
    readRecord: async <T>(key: string) => (await h.background.evaluate(readIndexedDb, key)) as T | undefined,
    isFront: async (url) => (await h.background.activeTabUrl()) === url,
    readPopup: async () => {
      const popup = await h.openExtensionPage('popup.html');
      const reading = await settle(async () =>
        (await popup.evaluate(() => document.querySelector('#tasks-title') !== null)) ? popup.evaluate(readPopupPage) : null,
      );
      await popup.close();
      return reading!;
    },
    refreshFromPopup: async () => {
      const popup = await h.openExtensionPage('popup.html');
      await settle(() => popup.evaluate(() => document.querySelector('#balances-title') !== null));
      await popup.evaluate(clickRefresh);
      const message = await pollText(() => popup.evaluate(refreshText));
      await new Promise((r) => setTimeout(r, 300));
      const reading = await popup.evaluate(readPopupPage);
      await popup.close();
      return { message, reading };
    },
    served: (part) => h.requests.filter((r) => r.url.includes(part)).length,
    signIn: async () => {
      const page = await h.page();
      await page.goto('https://worker.mturk.com/projects');
      await page.evaluate(() => {
        document.cookie = 'session-token=worker; Secure; SameSite=None; Path=/';
      });
      await page.close();
    },
    stopBackground: () => h.background.stop(),
    openOptions: async () => {
      const page = await h.openExtensionPage('options.html');
      await settle(() => page.evaluate(() => document.querySelector('#sites-title') !== null));
      return page as unknown as Tab;
    },
    registeredScripts: () => h.background.evaluate((bg) => bg.browser.scripting.getRegisteredContentScripts()),
    openPopup: async () => {
      const page = await h.openExtensionPage('popup.html');
      await settle(() => page.evaluate(() => document.querySelector('#tasks-title') !== null));
      return page as unknown as Tab;
    },
    importHistory: async (batch) => {
      await h.background.evaluate(async (bg, b) => {
        const { centimeTest } = bg as unknown as CentimeTest;
        await centimeTest.importPrimary(b);
        await centimeTest.rebuild();
      }, batch);
    },
    badge: () => h.background.badge(),
  };
}

export type { DayTotals };
