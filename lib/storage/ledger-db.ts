import { get, getMany } from 'idb-keyval';
import { z } from 'zod';
import type { DashboardReading } from '../domain/ledger';
import { database, kv, put, type Op } from './database';
import { dashboardReadingSchema, moneySchema } from './schemas';

/**
 * The ledger's records beside the task history (docs/storage.md), written by the background's single writer in
 * the same transactions as the tasks they follow. Primary: bonus income, dashboard readings and cash-outs,
 * dated approvals, the transfer history. Derived: the pending items.
 */

const wallMs = z.number().int().nonnegative();

/** Bonus income not tied to a task, dated when Centime saw the lifetime Bonuses total rise. */
export const bonusEntrySchema = z.object({
  platform: z.string().min(1).max(60),
  at: wallMs,
  minor: z.number().int().positive(),
  currency: z.string().length(3),
  /** The local day it was counted under (stamped when written). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type BonusEntry = z.infer<typeof bonusEntrySchema>;
/** Unique per rise: two readings in the same millisecond (a refresh and an open dashboard) rise from different totals. */
export const bonusKey = (b: BonusEntry, fromTotal: number): IDBValidKey => [b.platform, b.at, b.currency, fromTotal];

/** Every bonus entry (rebuild and tests: the popup reads the daily totals). */
export async function allBonuses(): Promise<BonusEntry[]> {
  const values: unknown[] = await (await database()).getAll('bonuses');
  return values.flatMap((v) => {
    const parsed = bonusEntrySchema.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * One dated approval (`ApprovalEntry` in lib/domain/ledger.ts): money seen going from pending to approved. With
 * the task it came from and, for a task's reward, its requester and submission: its approval delay.
 */
export interface Approval {
  at: number;
  minor: number;
  currency: string;
  knownAt?: number;
  task?: string;
  /** Set on the reward of a timed task submitted here: the delay `at - submittedAt` dates the next ones. */
  requesterId?: string;
  submittedAt?: number;
}
export const approvalKey = (platform: string, a: Approval): IDBValidKey => [platform, a.at, a.task ?? '', a.currency, a.minor];
export const approvalOp = (platform: string, a: Approval): Op => put('approvals', approvalKey(platform, a), { ...a, platform });

/** The approvals of a platform seen at or after `since` (the withdrawable estimate and the pace need no more). */
export async function getApprovals(platform: string, since = 0): Promise<Approval[]> {
  const values = await (await database()).getAll('approvals', IDBKeyRange.bound([platform, since], [platform, Infinity]));
  return values.map(({ platform: _p, ...a }) => a as Approval);
}

/** Every approval (rebuild and tests). */
export async function allApprovals(): Promise<(Approval & { platform: string })[]> {
  return (await (await database()).getAll('approvals')) as (Approval & { platform: string })[];
}

export const readingKey = (platform: string, r: DashboardReading): IDBValidKey => [platform, r.at, r.available.currency, r.available.minor];
export const readingOp = (platform: string, r: DashboardReading): Op => put('readings', readingKey(platform, r), r);

/** The last `count` dashboard readings (and cash-outs) of a platform, oldest first. */
export async function getReadings(platform: string, count = 20): Promise<DashboardReading[]> {
  const readings: DashboardReading[] = [];
  let cursor = await (await database()).transaction('readings').store.openCursor(IDBKeyRange.bound([platform], [platform, []]), 'prev');
  while (cursor && readings.length < count) {
    const parsed = dashboardReadingSchema.safeParse(cursor.value);
    if (parsed.success) readings.push(parsed.data);
    cursor = await cursor.continue();
  }
  return readings.reverse();
}

/** The platform's transfer history ("paid out"), as last read, with when it was read. */
export const transfersSchema = z.object({
  at: wallMs,
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

/** A submitted task awaiting approval: what its payment dates need (derived, in `pending`). */
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

const validItems = (values: unknown[]) =>
  values.flatMap((v) => {
    const parsed = pendingItemSchema.safeParse(v);
    return parsed.success ? [parsed.data] : [];
  });

/** Every pending item (the refresh's days): never the tasks themselves. */
export async function pendingItems(): Promise<PendingItem[]> {
  return validItems(await (await database()).getAll('pending'));
}

/** The `limit` items submitted longest ago (the first to be paid) and how many there are in all. */
export async function pendingPage(limit: number): Promise<{ items: PendingItem[]; total: number }> {
  const tx = (await database()).transaction('pending');
  const index = tx.store.index('submittedAt');
  const [values, total] = await Promise.all([index.getAll(null, limit), index.count()]);
  return { items: validItems(values), total };
}

/** How many past approval delays are kept per requester. */
export const DELAYS_KEPT = 50;
/** Delays recorded before approvals named their task (version 1), kept as they were. */
const legacyDelaysKey = (requesterId: string) => `legacy:delay:${requesterId}`;
export const legacyDelaysOp = (requesterId: string, delays: number[]): Op => put('records', legacyDelaysKey(requesterId), delays);

/** Past approval delays (ms from submission to the approval Centime saw), per requester id, oldest first. */
export async function getApprovalDelays(requesterIds: string[]): Promise<Record<string, number[]>> {
  const unique = [...new Set(requesterIds)];
  const legacy = await getMany(unique.map(legacyDelaysKey), kv());
  const db = await database();
  const result: Record<string, number[]> = {};
  for (const [i, id] of unique.entries()) {
    const index = db.transaction('approvals').store.index('requester');
    const recent: number[] = [];
    let cursor = await index.openCursor(IDBKeyRange.bound([id], [id, []]), 'prev');
    while (cursor && recent.length < DELAYS_KEPT) {
      const a = cursor.value as Approval;
      if (a.submittedAt !== undefined) recent.push(Math.max(0, a.at - a.submittedAt));
      cursor = await cursor.continue();
    }
    const old = Array.isArray(legacy[i]) ? (legacy[i] as unknown[]).filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0) : [];
    const all = [...old, ...recent.reverse()].slice(-DELAYS_KEPT);
    if (all.length) result[id] = all;
  }
  return result;
}
