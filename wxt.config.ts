import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { platformHosts } from './lib/platforms/hosts';

/** The Firefox add-on id; tests fix its internal UUID through this id. */
export const GECKO_ID = 'centime@centime.app';

// CENTIME_E2E=1 builds a test variant: the popup and options pages become web-accessible so that Firefox's
// WebDriver BiDi (which refuses to navigate to moz-extension:// directly) can reach them from a page.
const e2e = process.env.CENTIME_E2E === '1';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: e2e ? '.output-e2e' : '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Least privilege: no "tabs" (the tabs API gives URLs of the platforms' tabs through host access, and of our
    // own pages), idle for active time, alarms for task deadlines, notifications for the under-minimum warning;
    // host access for the supported platforms only (content scripts and the worker's own balance refresh).
    permissions: ['storage', 'unlimitedStorage', 'idle', 'alarms', 'notifications'],
    host_permissions: platformHosts,
    action: { default_title: '__MSG_extName__' },
    ...(e2e ? { web_accessible_resources: [{ resources: ['popup.html', 'options.html'], matches: ['<all_urls>'] }] } : {}),
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
