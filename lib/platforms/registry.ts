import { mturk } from './mturk';
import type { PlatformAdapter } from './types';

/** Every supported platform. The background checks that a message names one whose matches fit its sender. */
export const platforms: PlatformAdapter[] = [mturk];

export function adapterById(id: string): PlatformAdapter | undefined {
  return platforms.find((adapter) => adapter.id === id);
}
