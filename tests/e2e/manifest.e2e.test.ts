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
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.host_permissions).toEqual(['https://worker.mturk.com/*', 'https://app.prolific.com/*']);
    expect(manifest.permissions.sort()).toEqual(['alarms', 'idle', 'notifications', 'storage', 'unlimitedStorage']);
    // No page of Centime is reachable from websites, except in the test build (Firefox's BiDi needs it).
    if (!path.includes('.output-e2e')) expect(manifest.web_accessible_resources).toBeUndefined();
    for (const script of manifest.content_scripts) {
      expect(script.matches.every((m: string) => m.startsWith('https://worker.mturk.com/'))).toBe(true);
    }
    expect(manifest.default_locale).toBe('en');
  });
});
