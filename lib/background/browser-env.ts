import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { TabFetchReply, TabFetchRequest } from '../runtime/tab-fetch';
import type { Stamp } from '../domain/task-timer';
import type { Claim, ClaimStore } from './handlers';
import type { ManualStore } from './manual';
import { parseHtml } from './parse-html';
import { mirrored, readStored, updateStored, type StoredValue } from './serial';
import type { FetchedPage, RefreshEnv } from './refresh';
import { statusCursorSchema } from './status-cursor';
import type { FrontState, LastSeen, TrackerEnv } from './tracker';
import { studyMarksSchema, viewedStudiesSchema, type StudyMarks, type ViewedStudies } from './viewed-studies';
import { quarantine } from '../storage/quarantine';
import { loadSettings, type LoadedSettings } from '../storage/settings';
import type { ZodType } from 'zod';

// Small records in extension storage rather than IndexedDB: read at every start-up and every heartbeat.
const bootItem = storage.defineItem<number>('local:boot', { fallback: 0 });
const frontItem = storage.defineItem<FrontState | null>('local:front', { fallback: null });
const lastSeenItem = storage.defineItem<LastSeen | null>('local:lastSeen', { fallback: null });
// "Pause tracking" (DESIGN.md, "Pause"): local, so that a pause outlives a browser restart until the worker resumes.
const pausedItem = storage.defineItem<boolean>('local:trackingPaused', { fallback: false });
// storage.session outlives a stopped service worker but not the browser: its flag tells a worker restart
// (time went on) from a browser restart or crash (time stopped at the last heartbeat).
const aliveItem = storage.defineItem<boolean>('session:alive', { fallback: false });
// The tab each off-site task (a Prolific study) was seen in: tab ids mean nothing after a browser restart.
const taskTabsItem = storage.defineItem<Record<string, number>>('session:taskTabs', { fallback: {} });
// Studies only looked at, not tasks yet (DESIGN.md, Attention): with their tab, so session storage too.
const viewedItem = storage.defineItem<unknown>('session:viewedStudies', { fallback: {} });
// Started studies' "not working on this" and last activity: they matter most after a restart (local storage).
const studyMarksItem = storage.defineItem<unknown>('local:studyMarks', { fallback: {} });

/**
 * The values every decision reads (issue 18, docs/page-cost.md), kept in memory: only the background writes them,
 * through these copies, and storage.onChanged drops a copy another context changed ("delete all"). Made on first
 * use, in the background.
 */
function inMemory<T>(item: StoredValue<T> & { watch(cb: (value: T) => void): unknown }): () => StoredValue<T> {
  let copy: StoredValue<T> | undefined;
  return () => (copy ??= mirrored(item, (listener) => void item.watch(listener)));
}
const front = inMemory(frontItem);
const paused = inMemory(pausedItem);
const viewed = inMemory(viewedItem);

/** A small stored record, checked after each read; what fails is kept aside (quarantine) and starts empty. */
async function readChecked<T>(item: { getValue(): Promise<unknown> }, source: string, schema: ZodType<T>, empty: T): Promise<T> {
  const raw = await item.getValue();
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  await quarantine({ source, reason: parsed.error.message, raw, at: Date.now() });
  return empty;
}

// The manual timer: its task in storage.local (the open task stays the timer's after a browser restart), whether it
// runs in storage.session. A browser restart or crash ends its stretch at the last heartbeat (the tracker's crash
// path) and leaves it paused: the worker resumes it, rather than it silently timing a session they may not work.
const manualKeyItem = storage.defineItem<string | null>('local:manualTask', { fallback: null });
const manualRunningItem = storage.defineItem<boolean>('session:manualRunning', { fallback: false });
const manualKey = inMemory(manualKeyItem);
const manualRunning = inMemory(manualRunningItem);

export const manualStore: ManualStore = {
  load: async () => {
    const key = await manualKey().getValue();
    return key ? { key, running: await manualRunning().getValue() } : null;
  },
  save: async (state) => {
    // Running last on start, first on stop: a reader between the two writes sees a paused timer, never a ghost.
    if (!state) await manualRunning().setValue(false);
    await manualKey().setValue(state?.key ?? null);
    if (state) await manualRunning().setValue(state.running);
  },
};

/** Alarm names: `deadline:<task key>`. */
export const DEADLINE = 'deadline:';

const claimsItem = storage.defineItem<Record<string, Claim>>('session:claims', { fallback: {} });

// One object for every tab: each change is a read-modify-write of it, so all go through its key's queue (two
// tabs claiming in the same instant would otherwise each write the object without the other's claim).
function claimsIn(item: StoredValue<Record<string, Claim>>): ClaimStore {
  return {
    get: async (tabId) => (await readStored(item))[String(tabId)],
    set: async (tabId, claim) => {
      await updateStored(item, (claims) => {
        const all = { ...claims };
        if (claim) all[String(tabId)] = claim;
        else delete all[String(tabId)];
        return all;
      });
    },
  };
}

/**
 * The background's claims: read by every platform page's message (page-seen), so kept in memory and read again
 * after any change to them (storage.onChanged). Created once, in the background.
 */
export const mirroredClaimStore = (): ClaimStore => claimsIn(mirrored(claimsItem, (listener) => void claimsItem.watch(listener)));

const pauseItem = storage.defineItem<number | null>('local:refreshPausedUntil', { fallback: null });
const lastRequestItem = storage.defineItem<number | null>('local:lastPlatformRequest', { fallback: null });
// Per platform, where the reading of its status days stands (status-cursor.ts); checked on every read.
const cursorItem = storage.defineItem<Record<string, unknown>>('local:refreshCursor', { fallback: {} });

/**
 * A page of the platform through one of its open tabs, when Centime's script there answers (null otherwise).
 * Chromium sends no SameSite=Lax cookie with an extension's own requests (checked in tests/e2e/README.md): a
 * same-origin request from the tab carries the worker's session whatever its cookie's SameSite.
 */
async function fetchInTab(url: string): Promise<FetchedPage | null> {
  const origin = new URL(url).origin;
  for (const tab of await browser.tabs.query({ url: `${origin}/*` })) {
    if (tab.id === undefined) continue;
    try {
      const reply = (await browser.tabs.sendMessage(tab.id, { type: 'bg-cs-fetch', url } satisfies TabFetchRequest)) as TabFetchReply | undefined;
      if (reply && typeof reply.status === 'number' && typeof reply.body === 'string') {
        return { status: reply.status, url: reply.url, redirected: reply.redirected === true, text: async () => reply.body };
      }
    } catch {
      // No script of ours in that tab (a task page, or loaded before Centime): try the next one.
    }
  }
  return null;
}

/** The refresh's view of the browser: the worker's own MTurk session (cookies), nothing else. */
export const refreshEnv: RefreshEnv = {
  fetch: async (url) => {
    // Chromium: through an open tab of the platform when there is one (see fetchInTab); Firefox sends the
    // session with the background's own request.
    const viaTab = import.meta.env.BROWSER === 'firefox' ? null : await fetchInTab(url);
    if (viaTab) return viaTab;
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
  loadCursor: async (platform) => {
    const parsed = statusCursorSchema.safeParse((await cursorItem.getValue())[platform]);
    return parsed.success ? parsed.data : null;
  },
  // Only the refresh writes it, one refresh at a time (handlers.ts joins a second caller to the one under way).
  saveCursor: async (platform, cursor) => cursorItem.setValue({ ...(await cursorItem.getValue()), [platform]: cursor }),
};

export function stamp(): Stamp {
  const origin = performance.timeOrigin;
  return { wall: Date.now(), mono: origin + performance.now(), origin };
}

/** `settingsOf`: how the settings are read (the background's cache, `settingsCache`). */
export function browserEnv(idleTimeoutSec: () => number, settingsOf: () => Promise<LoadedSettings> = loadSettings): TrackerEnv {
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
    loadFront: () => front().getValue(),
    saveFront: (state) => front().setValue(state),
    loadLastSeen: () => lastSeenItem.getValue(),
    saveLastSeen: (seen) => lastSeenItem.setValue(seen),
    loadTaskTabs: () => taskTabsItem.getValue(),
    saveTaskTabs: (tabs) => taskTabsItem.setValue(tabs),
    loadViewed: () => readChecked<ViewedStudies>(viewed(), 'session:viewedStudies', viewedStudiesSchema, {}),
    saveViewed: (value) => viewed().setValue(value),
    loadStudyMarks: () => readChecked<StudyMarks>(studyMarksItem, 'local:studyMarks', studyMarksSchema, {}),
    saveStudyMarks: (marks) => studyMarksItem.setValue(marks),
    manualTask: async () => {
      const manual = await manualStore.load();
      return manual?.running ? manual.key : null;
    },
    loadPaused: async () => (await paused().getValue()) === true,
    savePaused: (value) => paused().setValue(value),
    disabledPlatforms: async () => (await settingsOf()).settings.disabledPlatforms,
    scheduleDeadline: (key, when) => void browser.alarms.create(`${DEADLINE}${key}`, { when }),
    every: (ms, beat) => {
      const id = setInterval(beat, ms);
      return () => clearInterval(id);
    },
    // Beats 5 s apart that come over a minute apart: the background did not run in between. A busy machine delays
    // a timer by seconds, not a minute. The monotonic clock stops during a sleep on Linux and macOS, not on
    // Windows; the wall clock moves on in both (and jumps when it is set forward, which then costs at most one beat).
    slept: (from, to) => to.wall - from.wall > FROZEN_MS || (from.origin === to.origin && to.mono - from.mono > FROZEN_MS),
  };
}

/** Heartbeats further apart than this, in one running background: the computer slept, or its clock changed. */
export const FROZEN_MS = 60_000;
