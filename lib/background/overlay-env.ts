import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { uiLocale } from '../i18n';
import { PLACE_KEY, type OverlayPlace } from '../runtime/overlay-message';
import type { OverlayEnv, OverlayTab } from './overlay';

// Tab ids mean nothing after a browser restart: session storage, which also outlives a stopped worker.
const tabsItem = storage.defineItem<Record<string, OverlayTab>>('session:overlayTabs', { fallback: {} });

/** `OverlayEnv` bound to the browser: `scripting` (already asked for custom sites) and `tabs.sendMessage`. */
export const overlayEnv: OverlayEnv = {
  inject: async (tabId, frameId) => {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/overlay.js'] });
  },
  send: async (tabId, frameId, message) => {
    await browser.tabs.sendMessage(tabId, message, { frameId });
  },
  place: async () => {
    const stored = (await browser.storage.local.get(PLACE_KEY))[PLACE_KEY] as Partial<OverlayPlace> | undefined;
    return stored && typeof stored.x === 'number' && typeof stored.y === 'number'
      ? { x: stored.x, y: stored.y, collapsed: stored.collapsed === true }
      : { x: 16, y: 16, collapsed: false };
  },
  loadTabs: () => tabsItem.getValue(),
  saveTabs: (tabs) => tabsItem.setValue(tabs),
  locale: uiLocale,
};
