import { get } from 'idb-keyval';
import { z } from 'zod';
import { kv, put, type Op } from './database';
import { moneySchema } from './schemas';

/** The platform's transfer history ("paid out"), as last read, with when it was read. */
export const transfersSchema = z.object({
  at: z.number().int().nonnegative(),
  transfers: z.array(z.object({ requestedDate: z.string().regex(/^\d{4}-\d\d-\d\d$/), amount: moneySchema })).max(5000),
});
export type TransferHistory = z.infer<typeof transfersSchema>;
const transfersKey = (platform: string) => `ledger:transfers:${platform}`;

export async function getTransfers(platform: string): Promise<TransferHistory | null> {
  const parsed = transfersSchema.safeParse(await get(transfersKey(platform), kv()));
  return parsed.success ? parsed.data : null;
}

/**
 * The transfer history with a newly read page merged in, as the platform lists it: two equal transfers on one day
 * are two transfers. Readings merge as a multiset: for each (date, amount), the highest count seen in any one
 * reading, so reading only the page's first rows never forgets older ones and reading a day again never doubles it.
 */
export async function transferOp(platform: string, at: number, read: TransferHistory['transfers']): Promise<Op> {
  const known = (await getTransfers(platform))?.transfers ?? [];
  return put('records', transfersKey(platform), { at, transfers: mergeTransfers(known, read).slice(-5000) } satisfies TransferHistory);
}

type Transfer = TransferHistory['transfers'][number];

/** `known` and `read` as one multiset: per (date, amount), the larger of the two counts. Sorted by date. */
export function mergeTransfers(known: readonly Transfer[], read: readonly Transfer[]): Transfer[] {
  const id = (t: Transfer) => `${t.requestedDate}|${t.amount.minor}|${t.amount.currency}`;
  const count = (list: readonly Transfer[]) => {
    const counts = new Map<string, { transfer: Transfer; n: number }>();
    for (const t of list) {
      const entry = counts.get(id(t));
      if (entry) entry.n++;
      else counts.set(id(t), { transfer: t, n: 1 });
    }
    return counts;
  };
  const merged = count(known);
  for (const [key, { transfer, n }] of count(read)) {
    const entry = merged.get(key);
    if (!entry) merged.set(key, { transfer, n });
    else entry.n = Math.max(entry.n, n);
  }
  return [...merged.values()]
    .flatMap(({ transfer, n }) => Array.from({ length: n }, () => transfer))
    .sort((a, b) => a.requestedDate.localeCompare(b.requestedDate));
}

