// The background runs in a service worker: no DOM. Each generated world is played through the real tracker,
// writer, handlers and (fake) IndexedDB, and read by the oracle on its own.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { build } from './build';
import { check } from './check';
import { describeWorld } from './describe';
import { plan } from './generate';
import { derivedSnapshot } from '../unit/storage/raw-records';
import { expect } from 'vitest';

/**
 * More runs on demand: CENTIME_PROPERTY_RUNS=500 npx vitest run tests/oracle; a failing seed: CENTIME_PROPERTY_SEED.
 * A fresh seed each run, but under CI (`CI` set, as `.ci/run` does), where one fixed seed keeps a landing from
 * hanging on what a random history finds that day; what they find goes to the tracker (the known counterexamples
 * are in the session notes).
 */
const numRuns = Number(process.env.CENTIME_PROPERTY_RUNS ?? 100);
const fixedSeed = process.env.CENTIME_PROPERTY_SEED ?? (process.env.CI ? '20261203' : undefined);
const seed = fixedSeed === undefined ? {} : { seed: Number(fixedSeed) };
/** Shrinking a failure stops after this long; the counterexample reached so far is reported. */
const LIMIT = { interruptAfterTimeLimit: 120_000, markInterruptAsFailure: true };
const TIMEOUT = 5 * 60_000;

const failure = (title: string, world: Parameters<typeof describeWorld>[0], lines: string[]) =>
  new Error(`${title}\n--- world\n${describeWorld(world)}\n--- differences\n${lines.join('\n')}`);

describe('the popup against the oracle, through the real background', () => {
  it('shows every figure as DESIGN.md defines it: days, balances, pending items, open tasks, the manual timer, today, this week, this month and their work sessions', async () => {
    await fc.assert(
      fc.asyncProperty(plan(), async (p) => {
        const world = build(p);
        const { figures } = await check(world);
        if (figures.length) throw failure('The popup differs from the oracle', world, figures);
      }),
      { numRuns, ...LIMIT, ...seed },
    );
  }, TIMEOUT);

  it('counts no time twice: recorded stretches never overlap, and the four parts add up to the time that accrued', async () => {
    await fc.assert(
      fc.asyncProperty(plan(), async (p) => {
        const world = build(p);
        const { time } = await check(world, { periods: false });
        if (time.length) throw failure('Time counted twice or lost', world, time);
      }),
      { numRuns, ...LIMIT, ...seed },
    );
  }, TIMEOUT);

  it('derives the same records again from primary data alone: rebuild() after any history equals the incremental writes', async () => {
    await fc.assert(
      fc.asyncProperty(plan(), async (p) => {
        const world = build(p);
        const { played } = await check(world, { periods: false });
        const incremental = await derivedSnapshot();
        await played.writer.rebuild();
        expect(await derivedSnapshot()).toEqual(incremental);
      }),
      { numRuns, ...LIMIT, ...seed },
    );
  }, TIMEOUT);
});
