import { mturk } from './mturk';
import { mturkSync } from './mturk-sync';
import { prolific } from './prolific';
import type { BalanceSync, PlatformAdapter } from './types';

/** Every supported platform. The background checks that a message names one whose matches fit its sender. */
export const platforms: PlatformAdapter[] = [mturk, prolific];

export function adapterById(id: string): PlatformAdapter | undefined {
  return platforms.find((adapter) => adapter.id === id);
}

/** Platforms whose balances Centime refreshes and whose status lists it reads. */
export const balanceSyncs: BalanceSync[] = [mturkSync];

export function syncFor(platform: string): BalanceSync | undefined {
  return balanceSyncs.find((sync) => sync.platform === platform);
}
