import { availableParallelism } from 'node:os';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/platforms/**/*.test.{ts,tsx}', 'tests/oracle/**/*.test.ts'],
    // Node by default: a test file that needs a DOM (components, platform pages, content scripts) says
    // `// @vitest-environment happy-dom` on its first line. Setting up happy-dom took ~0.5 s of every file's 1–2 s.
    environment: 'node',
    // As many forks as cores, two at least (vitest's default is one fewer than the cores: one on CI's two): there
    // 279 s → 194 s, since most of a file's time is importing its modules, not the main process's transforms.
    // Forks, not threads: tests that set TZ need a process of their own.
    maxWorkers: Math.max(2, availableParallelism()),
    setupFiles: ['tests/setup.ts'],
    restoreMocks: true,
    // zustand imports `react`; inlining lets the Preact alias of the build apply to it in tests too.
    server: { deps: { inline: [/zustand/] } },
  },
});
