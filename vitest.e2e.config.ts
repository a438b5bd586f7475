import { defineConfig } from 'vitest/config';

/**
 * The files of each browser's suite (`CENTIME_E2E_BROWSER`): `tests/e2e/run.mjs` runs the two at once, each one
 * file at a time (the Firefox harness serves on port 443, and one browser of a kind keeps its timings honest). The
 * build checks go with Chromium's. Unset, every file (one file or a filter from the command line).
 */
const suites: Record<string, string[]> = {
  chromium: ['tests/e2e/**/*chromium.e2e.test.ts', 'tests/e2e/manifest.e2e.test.ts', 'tests/e2e/page-scripts.e2e.test.ts'],
  firefox: ['tests/e2e/**/*firefox.e2e.test.ts'],
};
const browser = process.env.CENTIME_E2E_BROWSER;
if (browser !== undefined && !(browser in suites)) throw new Error(`CENTIME_E2E_BROWSER: chromium or firefox, not ${browser}`);

// End-to-end tests: the built extension (CENTIME_E2E=1 build in .output-e2e/) in real Chromium and Firefox.
export default defineConfig({
  test: {
    include: browser ? suites[browser]! : ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    // One Firefox profile template per run, copied by each launch (tests/e2e/support/firefox-profile.ts).
    globalSetup: ['tests/e2e/support/firefox-profile.ts'],
  },
});
