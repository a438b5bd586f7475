import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import type { InlineConfig } from 'vite';
import { defineConfig } from 'wxt';
import { MANUAL_COMMAND } from './lib/domain/manual-command';
import { platformHosts } from './lib/platforms/hosts';

/** The Firefox add-on id; tests fix its internal UUID through this id. */
export const GECKO_ID = 'centime@centime.app';

// CENTIME_E2E=1 builds a test variant: the popup and options pages become web-accessible so that Firefox's
// WebDriver BiDi (which refuses to navigate to moz-extension:// directly) can reach them from a page; the rest
// it changes is listed in tests/e2e/README.md.
const e2e = process.env.CENTIME_E2E === '1';
/** The custom site the e2e tests serve. */
export const E2E_CUSTOM_SITE = 'https://tasks.example.net/*';

export default defineConfig({
  // The polyfill wraps chrome.* in promises for the background and Centime's pages (their listeners answer with
  // promises). Content scripts and injected scripts go without it: Chrome MV3 and Firefox both give them
  // promise-based `runtime.sendMessage` and `storage`, and the polyfill would cost every platform page ~3 kB
  // gzipped and its start-up (issue 18, docs/page-cost.md). Their listeners answer through `sendResponse`.
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.every((e) => e.type === 'content-script' || e.type === 'unlisted-script')) nativeBrowser(config);
    },
  },
  outDir: e2e ? '.output-e2e' : '.output',
  // The e2e build's background exposes `globalThis.centimeTest` (the seed writes years of history through it).
  vite: () => ({ plugins: [preact()], define: { 'import.meta.env.CENTIME_E2E': JSON.stringify(e2e) } }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Least privilege: no "tabs" (the tabs API gives URLs of the platforms' tabs through host access, and of our
    // own pages), idle for active time, alarms for task deadlines, notifications for the under-minimum warning;
    // host access for the supported platforms only (content scripts and the worker's own balance refresh).
    // "scripting" registers the custom-site script, per site the worker grants (optional host permissions, asked
    // for one site at a time: never granted at install, and there is no static <all_urls> script).
    permissions: ['storage', 'unlimitedStorage', 'idle', 'alarms', 'notifications', 'scripting'],
    // The e2e build pre-grants the served custom site, as a worker's "grant access" would.
    host_permissions: e2e ? [...platformHosts, E2E_CUSTOM_SITE] : platformHosts,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: '__MSG_extName__' },
    // The manual timer's shortcut; Chrome and Firefox both let the worker change it in their shortcuts page.
    commands: {
      [MANUAL_COMMAND]: { suggested_key: { default: 'Alt+Shift+M' }, description: '__MSG_manualCommandDescription__' },
    },
    ...(e2e ? { web_accessible_resources: [{ resources: ['popup.html', 'options.html', 'task-history.html', 'statement.html'], matches: ['<all_urls>'] }] } : {}),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});

/**
 * Page scripts' builds: `wxt/browser` is the browser's own `browser`/`chrome` object (what WXT gives without the
 * polyfill), and WXT's ContentScriptContext an empty stand-in (`lib/runtime/no-wxt-context.ts`: the scripts
 * build their own `pageContext`). Their output is ASCII (other characters escaped): V8 keeps a script's source in
 * the page's memory, and one character beyond Latin-1 (the overlay's "−" or its value mark) makes it keep the
 * whole source as two bytes a character (issue 18, `tests/bench/heap-diff.mjs`).
 */
function nativeBrowser(config: InlineConfig): void {
  config.esbuild = { ...(config.esbuild || {}), charset: 'ascii' };
  const alias = config.resolve?.alias;
  const entries = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
  // First match wins: these entries come before the polyfill module's.
  config.resolve = {
    ...config.resolve,
    alias: [
      { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' },
      { find: /^wxt\/utils\/content-script-context$/, replacement: fileURLToPath(new URL('./lib/runtime/no-wxt-context.ts', import.meta.url)) },
      ...entries,
    ],
  };
}
