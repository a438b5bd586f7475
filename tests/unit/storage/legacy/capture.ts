import { execSync } from 'node:child_process';
import fc from 'fast-check';
import { clear, createStore, entries, setMany } from 'idb-keyval';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TaskWriter } from '../../../../lib/background/task-writer';
import type { FakeBrowser } from '../../background/fake-env';
import { build } from '../../../oracle/build';
import { check } from '../../../oracle/check';
import { differences, fromPopup } from '../../../oracle/compare';
import { plan } from '../../../oracle/generate';
import { MIN_MS } from '../../../oracle/plain';
import type { World } from '../../../oracle/world';
import type { LegacyDump } from './dump';
import { browserState } from './legacy-background';

/**
 * Makes the version-1 dumps (README.md here): worlds drawn by the oracle's generator with fixed seeds, played
 * through the real background (tests/oracle/driver.ts), then every stored record read back raw. Only for
 * `capture.run.ts`: run it on the code whose storage it records, never in the normal test run.
 */

export const COMMAND = 'npx vitest run -c tests/unit/storage/legacy/vitest.capture.config.ts';

export interface GeneratedScenario {
  name: string;
  about: string;
  /** `plan(maxIntents)` of tests/oracle/generate.ts, drawn with this seed. */
  seed: number;
  maxIntents: number;
  /** Stop before the world's close-out: tabs, open tasks and the manual timer still under way at the end. */
  underWay?: boolean;
}

const records = () => createStore('centime', 'records');
const quarantined = () => createStore('centime-quarantine', 'entries');

export function worldOf(s: GeneratedScenario): World {
  const [p] = fc.sample(plan(s.maxIntents), { seed: s.seed, numRuns: 1 });
  const world = build(p!);
  return s.underWay ? underWay(world) : world;
}

/**
 * The world without its close-out (build.ts: every tab closed and the manual timer stopped, then hours later
 * the status pages read and the popup opened): the popup opens 10 minutes after the worker's last action.
 */
function underWay(world: World): World {
  const steps = world.steps.slice(0, -1);
  const last = steps.at(-1);
  if (last?.lanes.length === 1 && last.lanes[0]!.every((a) => a.kind === 'close' || a.kind === 'manual-stop')) steps.pop();
  const end = (steps.at(-1)?.at ?? world.start) + 10 * MIN_MS;
  return { ...world, steps: [...steps, { at: end, lanes: [[{ kind: 'popup' }]] }] };
}

/** What entrypoints/background.ts writes at its first start-up on an empty database (the upgrade markers). */
export async function startUpMarks(): Promise<[string, unknown][]> {
  await clear(records());
  await new TaskWriter(() => 'UTC').upgradeHistory();
  return entries(records()) as Promise<[string, unknown][]>;
}

export function madeBy(scenario: Record<string, unknown>): LegacyDump['madeBy'] {
  const commit = execSync('git rev-parse HEAD', { encoding: 'utf8' }).trim();
  if (execSync('git status --porcelain -- lib entrypoints', { encoding: 'utf8' }).trim()) throw new Error('lib/ or entrypoints/ has uncommitted changes: the dump would name the wrong code');
  return { command: COMMAND, commit, scenario };
}

/** Everything stored now: the records and the quarantine, raw, in key order. */
export async function storedNow(): Promise<Pick<LegacyDump, 'records' | 'quarantine' | 'storage'>> {
  return {
    records: (await entries(records())) as [string, unknown][],
    quarantine: (await entries(quarantined())) as [string, unknown][],
    storage: await fakeBrowser.storage.local.get(null),
  };
}

/** Plays a generated scenario; `browser()` is the fake browser the driver made (capture.run.ts records it). */
export async function captureGenerated(s: GeneratedScenario, browser: () => FakeBrowser): Promise<LegacyDump> {
  const marks = await startUpMarks();
  await clear(quarantined());
  const world = worldOf(s);
  const { played, reckoning, figures, time } = await check(world);
  if (figures.length || time.length) throw new Error(`${s.name}: the background and the oracle differ\n${[...figures, ...time].join('\n')}`);
  // Written at the first start-up, before any event; play() starts on a cleared database without them.
  await setMany(marks, records());
  const end = played.popups.at(-1)!;
  const b = browser();
  if (end.at !== b.wall || world.steps.at(-1)!.lanes.flat().at(-1)?.kind !== 'popup') throw new Error(`${s.name}: the popup must be the world's last action`);
  const oracle = reckoning.final;
  if (differences(oracle, fromPopup(end.data)).length) throw new Error(`${s.name}: the final figures differ from the oracle's`);
  const { name, about, ...scenario } = s;
  return {
    name, about, madeBy: madeBy({ generator: 'tests/oracle/generate.ts plan(maxIntents), build.ts', ...scenario }),
    zone: end.zone, now: end.at, ...(await storedNow()), browser: browserState(b), popup: end.data, oracle,
  };
}
