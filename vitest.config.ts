import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/platforms/**/*.test.{ts,tsx}', 'tests/oracle/**/*.test.ts'],
    environment: 'happy-dom',
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    // zustand imports `react`; inlining lets the Preact alias of the build apply to it in tests too.
    server: { deps: { inline: [/zustand/] } },
  },
});
