import type { BalanceSync } from '../platforms/types';
import { pendingItems } from '../storage/ledger-db';

/**
 * The platform days whose status pages a refresh should read: the days (the platform's own, e.g. MTurk's US
 * Pacific dates) that the platform's items still pending were submitted on, from the pending index, oldest
 * first. None for a platform whose status is not fetched.
 */
export async function pendingStatusDays(sync: BalanceSync): Promise<string[]> {
  if (!sync.status) return [];
  return sync.status.days((await pendingItems()).filter((item) => item.platform === sync.platform));
}
