import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// `npm run bench:storage`: storage benchmarks, run as ordinary vitest files (bytes are counted, not timed, so
// one run is the figure). Kept apart from vitest.config.ts, whose include never reaches tests/bench/.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  plugins: [WxtVitest()],
  test: {
    include: ['tests/bench/**/*.bench.ts'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    testTimeout: 300_000,
  },
});
