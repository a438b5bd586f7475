import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Stamp } from '../domain/task-timer';
import type { Claim, ClaimStore } from './handlers';
import { parseHtml } from './parse-html';
import type { RefreshEnv } from './refresh';
import type { FrontState, LastSeen, TrackerEnv } from './tracker';

// Small records in extension storage rather than IndexedDB: read at every start-up and every heartbeat.
const bootItem = storage.defineItem<number>('local:boot', { fallback: 0 });
const frontItem = storage.defineItem<FrontState | null>('local:front', { fallback: null });
const lastSeenItem = storage.defineItem<LastSeen | null>('local:lastSeen', { fallback: null });
// storage.session outlives a stopped service worker but not the browser: its flag tells a worker restart
// (time went on) from a browser restart or crash (time stopped at the last heartbeat).
const aliveItem = storage.defineItem<boolean>('session:alive', { fallback: false });

/** Alarm names: `deadline:<task key>`. */
export const DEADLINE = 'deadline:';

const claimsItem = storage.defineItem<Record<string, Claim>>('session:claims', { fallback: {} });

export const claimStore: ClaimStore = {
  get: async (tabId) => (await claimsItem.getValue())[String(tabId)],
  set: async (tabId, claim) => {
    const all = { ...(await claimsItem.getValue()) };
    if (claim) all[String(tabId)] = claim;
    else delete all[String(tabId)];
    await claimsItem.setValue(all);
  },
};

const pauseItem = storage.defineItem<number | null>('local:refreshPausedUntil', { fallback: null });
const lastRequestItem = storage.defineItem<number | null>('local:lastPlatformRequest', { fallback: null });

/** The refresh's view of the browser: the worker's own MTurk session (cookies), nothing else. */
export const refreshEnv: RefreshEnv = {
  fetch: async (url) => {
    const response = await fetch(url, { credentials: 'include', cache: 'no-store', redirect: 'manual' });
    const redirected = response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
    return { status: response.status, url: response.url || url, redirected, text: () => response.text() };
  },
  parse: parseHtml,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  loadPause: () => pauseItem.getValue(),
  savePause: (until) => pauseItem.setValue(until),
  loadLastRequest: () => lastRequestItem.getValue(),
  saveLastRequest: (at) => lastRequestItem.setValue(at),
};

export function stamp(): Stamp {
  const origin = performance.timeOrigin;
  return { wall: Date.now(), mono: origin + performance.now(), origin };
}

export function browserEnv(idleTimeoutSec: () => number): TrackerEnv {
  return {
    stamp,
    extensionOrigin: browser.runtime.getURL('/'),
    tabs: async () => browser.tabs.query({}),
    focusedWindowId: async () => {
      try {
        const win = await browser.windows.getLastFocused({ windowTypes: ['normal', 'popup'] });
        return win.focused && win.id !== undefined ? win.id : null;
      } catch {
        return null;
      }
    },
    idleState: () => browser.idle.queryState(Math.max(15, idleTimeoutSec())),
    nextBoot: async () => {
      const boot = (await bootItem.getValue()) + 1;
      await bootItem.setValue(boot);
      return boot;
    },
    sessionAlive: () => aliveItem.getValue(),
    markSessionAlive: () => aliveItem.setValue(true),
    loadFront: () => frontItem.getValue(),
    saveFront: (state) => frontItem.setValue(state),
    loadLastSeen: () => lastSeenItem.getValue(),
    saveLastSeen: (seen) => lastSeenItem.setValue(seen),
    scheduleDeadline: (key, when) => void browser.alarms.create(`${DEADLINE}${key}`, { when }),
    every: (ms, beat) => {
      const id = setInterval(beat, ms);
      return () => clearInterval(id);
    },
  };
}
