import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/served';

// The built manifests (npm test builds both before the end-to-end tests). A routed answer is not subject to
// CORS, so the e2e refresh cannot prove that a real one is allowed: the host permissions must be checked here.
const builds = ['.output/chrome-mv3', '.output/firefox-mv3', '.output-e2e/chrome-mv3', '.output-e2e/firefox-mv3']
  .map((dir) => `${ROOT}${dir}/manifest.json`)
  .filter((path) => existsSync(path));

describe('built manifests', () => {
  it('exist for both browsers', () => {
    expect(builds.length).toBeGreaterThanOrEqual(2);
  });

  it.each(builds)('%s asks for the platforms’ hosts and nothing broader', (path) => {
    const manifest = JSON.parse(readFileSync(path, 'utf8'));
    const e2e = path.includes('.output-e2e');
    expect(manifest.manifest_version).toBe(3);
    // The test build pre-grants its served custom site, as a worker's "grant access" would.
    expect(manifest.host_permissions).toEqual(['https://worker.mturk.com/*', 'https://app.prolific.com/*', ...(e2e ? ['https://tasks.example.net/*'] : [])]);
    expect(manifest.permissions.sort()).toEqual(['alarms', 'idle', 'notifications', 'scripting', 'storage', 'unlimitedStorage']);
    // Custom sites: access is optional, asked for one site at a time; never granted at install.
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    // No page of Centime is reachable from websites, except in the test build (Firefox's BiDi needs it).
    if (!e2e) expect(manifest.web_accessible_resources).toBeUndefined();
    // Static content scripts run on the built-in platforms only: the custom-site script is registered at run
    // time, per granted site, and nothing matches every site.
    const platformScript = (m: string) => m.startsWith('https://worker.mturk.com/') || m.startsWith('https://app.prolific.com/');
    for (const script of manifest.content_scripts) {
      expect(script.matches.every(platformScript)).toBe(true);
      expect(script.js.join()).not.toContain('custom');
    }
    expect(JSON.stringify({ ...manifest, web_accessible_resources: undefined })).not.toContain('<all_urls>');
    expect(existsSync(path.replace('manifest.json', 'content-scripts/custom.js'))).toBe(true);
    // The manual timer's shortcut.
    expect(manifest.commands['toggle-manual-timer'].suggested_key.default).toBe('Alt+Shift+M');
    expect(manifest.default_locale).toBe('en');
    // Centime replaces no page of the browser: an entrypoint named "history" made WXT override the browser's
    // own history (Ctrl+H) with Centime's.
    expect(manifest.chrome_url_overrides).toBeUndefined();
  });
});
