import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension (CENTIME_E2E=1 build in .output-e2e/) in real Chromium and Firefox.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // Two cores: one browser at a time keeps timings honest.
    fileParallelism: false,
  },
});
