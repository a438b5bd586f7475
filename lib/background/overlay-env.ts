import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { uiLocale } from '../i18n';
import { PLACE_KEY, type OverlayPlace } from '../runtime/overlay-message';
import type { OverlayEnv, OverlayTab } from './overlay';
import { mirrored } from './serial';

// Tab ids mean nothing after a browser restart: session storage, which also outlives a stopped worker.
const tabsItem = storage.defineItem<Record<string, OverlayTab>>('session:overlayTabs', { fallback: {} });
// Written by the overlay in the page, when the worker moves or folds it (lib/runtime/overlay.ts).
const placeItem = storage.defineItem<unknown>(`local:${PLACE_KEY}`, { fallback: null });

/*
 * Both are read at every overlay refresh, after each decision that wrote a task: two extension storage round trips
 * on an event's path (the worker's profile, issue 18). They are read through copies kept for the worker's life,
 * dropped when storage.onChanged announces another writer (the overlay moving, "delete all"). Made on first use.
 */
let tabs: ReturnType<typeof mirrored<Record<string, OverlayTab>>> | undefined;
let place: ReturnType<typeof mirrored<unknown>> | undefined;
const tabsCopy = () => (tabs ??= mirrored(tabsItem, (listener) => void tabsItem.watch(listener)));
const placeCopy = () => (place ??= mirrored(placeItem, (listener) => void placeItem.watch(listener)));

function placeOf(stored: unknown): OverlayPlace {
  const p = stored as Partial<OverlayPlace> | null;
  return p && typeof p.x === 'number' && typeof p.y === 'number'
    ? { x: p.x, y: p.y, collapsed: p.collapsed === true }
    : { x: 16, y: 16, collapsed: false };
}

/** `OverlayEnv` bound to the browser: `scripting` (already asked for custom sites) and `tabs.sendMessage`. */
export const overlayEnv: OverlayEnv = {
  inject: async (tabId, frameId) => {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/overlay.js'] });
  },
  send: async (tabId, frameId, message) => {
    await browser.tabs.sendMessage(tabId, message, { frameId });
  },
  place: async () => placeOf(await placeCopy().getValue()),
  // A copy of the copy: `Overlays` changes the record it was given before it saves it.
  loadTabs: async () => ({ ...(await tabsCopy().getValue()) }),
  saveTabs: (next) => tabsCopy().setValue({ ...next }),
  locale: uiLocale,
};
