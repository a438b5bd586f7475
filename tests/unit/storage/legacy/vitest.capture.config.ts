import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../../../../vitest.config';

/**
 * Only for making the version-1 dumps again (README.md here): the normal run never includes `capture.run.ts`.
 * `npx vitest run -c tests/unit/storage/legacy/vitest.capture.config.ts`
 */
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('../../../..', import.meta.url)),
  test: { ...base.test, include: ['tests/unit/storage/legacy/capture.run.ts'], testTimeout: 10 * 60_000 },
});
