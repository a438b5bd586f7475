import { get } from 'idb-keyval';
import { z } from 'zod';
import { mergeTransfers, type TransferLists } from '../domain/transfers';
import { kv, put, type Op } from './database';
import { moneySchema } from './schemas';

const transferList = z.array(z.object({ requestedDate: z.string().regex(/^\d{4}-\d\d-\d\d$/), amount: moneySchema })).max(5000);

/**
 * The platform's transfer history, with when it was last read: `transfers` are paid out; `undone` (optional, absent
 * in records of older versions) are the rows listed as failed, cancelled…, kept so that a later reading can tell
 * which of a day's transfers it saw (lib/domain/transfers.ts).
 */
export const transfersSchema = z.object({
  at: z.number().int().nonnegative(),
  transfers: transferList,
  undone: transferList.optional(),
});
export type TransferHistory = z.infer<typeof transfersSchema>;
const transfersKey = (platform: string) => `ledger:transfers:${platform}`;

export async function getTransfers(platform: string): Promise<TransferHistory | null> {
  const parsed = transfersSchema.safeParse(await get(transfersKey(platform), kv()));
  return parsed.success ? parsed.data : null;
}

/** The record of a history: the newest 5000 rows of each list, and no `undone` when there is none. */
export function transferRecord(at: number, lists: TransferLists): TransferHistory {
  const undone = (lists.undone ?? []).slice(-5000);
  return { at, transfers: lists.transfers.slice(-5000), ...(undone.length ? { undone } : {}) };
}

/**
 * The transfer history with a newly read page merged in, as the platform lists it: two equal transfers on one day
 * are two transfers; reading only the page's first rows never forgets older ones, reading a day again never
 * doubles it, and a transfer the page now lists as failed or cancelled is no longer paid out (`mergeTransfers`).
 */
export async function transferOp(platform: string, at: number, read: TransferLists): Promise<Op> {
  const known = (await getTransfers(platform)) ?? { transfers: [] };
  return put('records', transfersKey(platform), transferRecord(at, mergeTransfers(known, read)));
}
