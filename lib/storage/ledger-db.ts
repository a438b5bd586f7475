import { get, getMany, promisifyRequest } from 'idb-keyval';
import { z } from 'zod';
import { db } from './history-db';
import { moneySchema } from './schemas';

/**
 * The ledger's small records beside the task history (same store, written by the background's single writer
 * in the same transactions as the tasks they follow): bonus income, the transfer history read from the
 * platform, the index of pending items and each requester's past approval delays.
 */

const wallMs = z.number().int().nonnegative();

/** Bonus income not tied to a task, dated when Centime saw the lifetime Bonuses total rise. */
export const bonusEntrySchema = z.object({ platform: z.string().min(1).max(60), at: wallMs, minor: z.number().int().positive(), currency: z.string().length(3) });
export type BonusEntry = z.infer<typeof bonusEntrySchema>;
/** Unique per rise: two readings in the same millisecond (a refresh and an open dashboard) rise from different totals. */
export const bonusKey = (b: BonusEntry, fromTotal: number) => `bonus:${b.platform}:${b.at}:${b.currency}:${fromTotal}`;

/** Every bonus entry (tests and full recomputes only: the popup reads the aggregates). */
export async function allBonuses(): Promise<BonusEntry[]> {
  return db()('readonly', async (s) => {
    const range = IDBKeyRange.bound('bonus:', 'bonus:\uffff');
    const values: unknown[] = await promisifyRequest(s.getAll(range));
    return values.flatMap((v) => {
      const parsed = bonusEntrySchema.safeParse(v);
      return parsed.success ? [parsed.data] : [];
    });
  });
}

/** The platform's transfer history ("paid out"), as last read, with when it was read. */
export const transfersSchema = z.object({
  at: wallMs,
  transfers: z.array(z.object({ requestedDate: z.string().regex(/^\d{4}-\d\d-\d\d$/), amount: moneySchema })).max(2000),
});
export type TransferHistory = z.infer<typeof transfersSchema>;
const transfersKey = (platform: string) => `ledger:transfers:${platform}`;

export async function getTransfers(platform: string): Promise<TransferHistory | null> {
  const parsed = transfersSchema.safeParse(await get(transfersKey(platform), db()));
  return parsed.success ? parsed.data : null;
}

/**
 * The transfer history with a newly read page merged in, as the platform lists it: two equal transfers on one day
 * are two transfers. Readings merge as a multiset: for each (date, amount), the highest count seen in any one
 * reading, so reading only the page's first rows never forgets older ones and reading a day again never doubles it.
 */
export async function transferWrites(platform: string, at: number, read: TransferHistory['transfers']): Promise<[string, unknown]> {
  const known = (await getTransfers(platform))?.transfers ?? [];
  return [transfersKey(platform), { at, transfers: mergeTransfers(known, read).slice(-2000) } satisfies TransferHistory];
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

/** A submitted task awaiting approval: what its payment dates need. */
export const pendingItemSchema = z.object({
  key: z.string().min(1),
  platform: z.string().min(1),
  title: z.string().max(500),
  requesterName: z.string().max(200),
  requesterId: z.string().max(200).optional(),
  reward: moneySchema,
  submittedAt: wallMs,
});
export type PendingItem = z.infer<typeof pendingItemSchema>;
/** One key per pending item, so that a submit or an approval writes or deletes one small record. */
export const pendingKey = (taskKey: string) => `pending:${taskKey}`;
/** Set once the pending items of history written before they existed have been indexed. */
export const PENDING_BUILT = 'index:pending-built';

/** Every pending item, through a key range: never the tasks themselves. */
export async function pendingItems(): Promise<PendingItem[]> {
  return db()('readonly', async (s) => {
    const values: unknown[] = await promisifyRequest(s.getAll(IDBKeyRange.bound('pending:', 'pending:\uffff')));
    return values.flatMap((v) => {
      const parsed = pendingItemSchema.safeParse(v);
      return parsed.success ? [parsed.data] : [];
    });
  });
}

export const pendingIndexBuilt = async () => (await get(PENDING_BUILT, db())) === true;

/** How many past approval delays are kept per requester. */
export const DELAYS_KEPT = 50;
const delaysKey = (requesterId: string) => `stats:delay:${requesterId}`;

/** Past approval delays (ms from submission to the approval Centime saw), per requester id. */
export async function getApprovalDelays(requesterIds: string[]): Promise<Record<string, number[]>> {
  const unique = [...new Set(requesterIds)];
  const values = await getMany(unique.map(delaysKey), db());
  const result: Record<string, number[]> = {};
  unique.forEach((id, i) => {
    const v: unknown = values[i];
    if (Array.isArray(v)) result[id] = v.filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0);
  });
  return result;
}

export async function delayWrites(requesterId: string, delayMs: number): Promise<[string, unknown]> {
  const known = (await getApprovalDelays([requesterId]))[requesterId] ?? [];
  return [delaysKey(requesterId), [...known, delayMs].slice(-DELAYS_KEPT)];
}
