// `npm run test:e2e`'s runner: Chromium's and Firefox's suites at once, each in its own vitest, one file at a time
// (vitest.e2e.config.ts). Most of an end-to-end test is real time waited (a task worked for 10 s, a heartbeat), so
// the two suites share two cores with room to spare; one after the other they took ~11 min of CI's 15.
// Arguments go to both vitests. Each line is prefixed with its browser; the exit code is non-zero if either failed.
import { runPrefixed } from '../parallel.mjs';

const suites = ['chromium', 'firefox'];
const started = Date.now();

const run = (name) =>
  runPrefixed(name, 'npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { CENTIME_E2E_BROWSER: name }, 11);

const results = await Promise.all(suites.map(run));
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
for (const { name, code, signal } of results) console.log(`${name}: ${code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`}`);
console.log(`end-to-end suites done in ${minutes} min`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
