import { mturk } from './mturk';
import { mturkSync } from './mturk-sync';
import { prolific } from './prolific';
import { prolificSync } from './prolific-sync';
import type { BalanceSync, PlatformAdapter } from './types';

/** Every supported platform. The background checks that a message names one whose matches fit its sender. */
export const platforms: PlatformAdapter[] = [mturk, prolific];

/** The worker's custom sites (`custom:<id>`), set by the background from the stored rules. */
let customAdapters: readonly PlatformAdapter[] = [];

export function setCustomAdapters(adapters: readonly PlatformAdapter[]): void {
  customAdapters = adapters;
}

/** The built-in platforms, then the worker's custom sites. */
export function allAdapters(): readonly PlatformAdapter[] {
  return [...platforms, ...customAdapters];
}

export function adapterById(id: string): PlatformAdapter | undefined {
  return platforms.find((adapter) => adapter.id === id) ?? customAdapters.find((adapter) => adapter.id === id);
}

/** Platforms whose balances Centime refreshes and whose status lists it reads. */
export const balanceSyncs: BalanceSync[] = [mturkSync, prolificSync];

export function syncFor(platform: string): BalanceSync | undefined {
  return balanceSyncs.find((sync) => sync.platform === platform);
}
