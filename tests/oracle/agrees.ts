import { expect } from 'vitest';
import { check } from './check';
import { describeWorld } from './describe';
import type { World } from './world';

/** Units and the start of the counterexamples' worlds. */
export const S = 1_000;
export const MIN = 60 * S;
export const HOUR = 60 * MIN;
export const T0 = Date.UTC(2026, 2, 7, 20, 0, 0);

/** The world played through the real background agrees with the oracle, figure by figure, and counts no time twice. */
export async function agrees(world: World): Promise<void> {
  const { figures, time } = await check(world);
  expect([...figures, ...time], describeWorld(world)).toEqual([]);
}
