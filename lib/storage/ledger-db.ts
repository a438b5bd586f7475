import { getMany } from 'idb-keyval';
import { z } from 'zod';
import type { DashboardReading } from '../domain/ledger';
import { database, kv, put, type Op } from './database';
import { approvalIdOf, approvalKeyOf } from './item-keys';
import { allItems, isPackKey, itemsBetween, type GetAll } from './packs';
import { dashboardReadingSchema, moneySchema } from './schemas';

/**
 * The ledger's records beside the task history (docs/storage.md), written by the background's single writer in
 * the same transactions as the tasks they follow. Primary: bonus income, dashboard readings and cash-outs,
 * dated approvals (the transfer history: transfers-db.ts). Derived: the pending items.
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
  /** Which of the task's money it is: a reward and a bonus of the same amount, seen at once, are two approvals. */
  part?: 'reward' | 'bonus';
  /** Version 1's approvals name no task: their place in its list keeps two equal ones apart. */
  seq?: number;
  /** Set on the reward of a timed task submitted here: the delay `at - submittedAt` dates the next ones. */
  requesterId?: string;
  submittedAt?: number;
}
/** The fields that tell two approvals apart, in the order they sort (`approvalIdOf`, lib/storage/item-keys.ts). */
export const approvalKey = (platform: string, a: Approval): IDBValidKey => [platform, ...approvalIdOf(a)];
/** Approvals in key order (time first): the same order whether read from the store or kept in memory. */
export function compareApprovals(a: Approval, b: Approval): number {
  const x = approvalIdOf(a);
  const y = approvalIdOf(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}
export const approvalOp = (platform: string, a: Approval): Op => put('approvals', approvalKey(platform, a), { ...a, platform });

/** The approvals of a platform seen at or after `since` (the withdrawable estimate and the pace need no more). */
export async function getApprovals(platform: string, since = 0): Promise<Approval[]> {
  const values = (await itemsBetween(getAllApprovals, approvalKeyOf, platform, since, Infinity)) as (Approval & { platform: string })[];
  return values.map(({ platform: _p, seq: _s, ...a }) => a as Approval);
}

/** The approvals' records of a key range, loose items and packs (lib/storage/packs.ts), in one request. */
const getAllApprovals: GetAll = async (range) => (await database()).getAll('approvals', range);

/**
 * The tasks that have a dated approval: the loose approvals' keys name them (`approvalKey`), so only packs (a
 * platform's day each, lib/storage/packs.ts) are read. The writer keeps them to know, without reading every approval,
 * whether a task has any (lib/background/task-writer.ts).
 */
export async function approvedTaskKeys(): Promise<Set<string>> {
  const db = await database();
  const keys = await db.getAllKeys('approvals');
  // A pack's key names a day, not a task: its approvals are read (a day of a platform's, written by an import).
  const packs = await Promise.all(keys.filter(isPackKey).map((key) => db.get('approvals', key) as Promise<unknown[]>));
  const itemKeys = [...keys.filter((key) => !isPackKey(key)), ...packs.flat().flatMap((v) => {
    const key = approvalKeyOf(v);
    return key === null ? [] : [key];
  })];
  return new Set(itemKeys.flatMap((key) => {
    const task = (key as unknown[])[2];
    return typeof task === 'string' && task !== '' ? [task] : [];
  }));
}

/** Every approval, loose or in a pack, in key order (rebuild, backup and tests). */
export async function allApprovals(): Promise<(Approval & { platform: string })[]> {
  return (await allItems(getAllApprovals, approvalKeyOf)) as (Approval & { platform: string })[];
}

const readingKey = (platform: string, r: DashboardReading): IDBValidKey => [platform, r.at, r.available.currency, r.available.minor];
export const readingOp = (platform: string, r: DashboardReading): Op => put('readings', readingKey(platform, r), r);

/** Every reading, by platform, oldest first (rebuild only). */
export async function allReadings(): Promise<{ platform: string; reading: DashboardReading }[]> {
  const tx = (await database()).transaction('readings');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
  return values.flatMap((value, i) => {
    const parsed = dashboardReadingSchema.safeParse(value);
    return parsed.success ? [{ platform: String((keys[i] as unknown[])[0]), reading: parsed.data }] : [];
  });
}

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

/** A submitted task awaiting approval: what its payment dates need (derived, in `pending`). */
export const pendingItemSchema = z.object({
  key: z.string().min(1),
  platform: z.string().min(1),
  title: z.string().max(500),
  requesterName: z.string().max(200),
  requesterId: z.string().max(200).optional(),
  reward: moneySchema,
  submittedAt: wallMs,
  /** The day the task is counted under (absent in items derived before it: the local day of `submittedAt`). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
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

/** The `limit` items submitted longest ago (the first to be paid), through the submission index. */
export async function pendingPage(limit: number): Promise<PendingItem[]> {
  return validItems(await (await database()).getAllFromIndex('pending', 'submittedAt', null, limit));
}

/** How many past approval delays are kept per requester. */
export const DELAYS_KEPT = 50;
/** Delays recorded before approvals named their task (version 1), kept as they were. */
const LEGACY_DELAYS = 'legacy:delay:';
const legacyDelaysKey = (platform: string, requesterId: string) => `${LEGACY_DELAYS}${platform}:${requesterId}`;
/**
 * Version 1's delays of a requester, with the platform of its tasks and the time of its latest one. The list is
 * version 1's, oldest first: a delay has no date and no task, and two equal ones are two approvals.
 */
export interface LegacyDelays {
  delays: number[];
  at: number;
}
/** One `legacy:delay:` record with the platform and requester of its key (what a backup carries). */
export type LegacyDelaysEntry = { platform: string; requesterId: string } & LegacyDelays;
export const legacyDelaysOp = (platform: string, requesterId: string, legacy: LegacyDelays): Op => put('records', legacyDelaysKey(platform, requesterId), legacy);

const validLegacy = (v: unknown): v is LegacyDelays =>
  typeof v === 'object' && v !== null && Array.isArray((v as LegacyDelays).delays) && typeof (v as LegacyDelays).at === 'number';

/**
 * The platform and requester a `legacy:delay:` key names. A platform id holds no colon but the one of `custom:`
 * (`platformIdSchema`), so the first colon after it ends the platform, whatever the requester id holds.
 */
export function legacyDelaysKeyParts(key: string): { platform: string; requesterId: string } | null {
  if (!key.startsWith(LEGACY_DELAYS)) return null;
  const rest = key.slice(LEGACY_DELAYS.length);
  const end = rest.indexOf(':', rest.startsWith('custom:') ? 'custom:'.length : 0);
  return end > 0 && end < rest.length - 1 ? { platform: rest.slice(0, end), requesterId: rest.slice(end + 1) } : null;
}

/** Every platform's version-1 delays (a backup, an import's merge): a few records, those of version 1's requesters. */
export async function allLegacyDelays(): Promise<LegacyDelaysEntry[]> {
  const tx = (await database()).transaction('records');
  const range = IDBKeyRange.bound(LEGACY_DELAYS, `${LEGACY_DELAYS}\uffff`);
  const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
  return keys.flatMap((key, i) => {
    const named = legacyDelaysKeyParts(String(key));
    const value = values[i];
    return named && validLegacy(value) ? [{ ...named, delays: value.delays, at: value.at }] : [];
  });
}

/** A requester's approval delays on a platform (derived from its dated approvals), oldest first: the last `DELAYS_KEPT`. */
export const delaysKey = (platform: string, requesterId: string) => `delays:${platform}:${requesterId}`;
export interface DelaySample {
  at: number;
  ms: number;
}

/** The samples with the delays of `approvals` (those of a timed reward) added, in time order, the last ones kept. */
export function withDelays(samples: readonly DelaySample[], approvals: readonly Approval[]): DelaySample[] {
  const added = approvals.flatMap((a) => (a.submittedAt === undefined ? [] : [{ at: a.at, ms: Math.max(0, a.at - a.submittedAt) }]));
  return [...samples, ...added].sort((a, b) => a.at - b.at || a.ms - b.ms).slice(-DELAYS_KEPT);
}

/** The approval delays version 1 recorded, per requester id of a platform (ids given, or every one). */
export async function legacyDelays(platform: string, requesterIds?: string[]): Promise<Record<string, LegacyDelays>> {
  const result: Record<string, LegacyDelays> = {};
  const valid = validLegacy;
  if (requesterIds) {
    const unique = [...new Set(requesterIds)];
    const values = await getMany(unique.map((id) => legacyDelaysKey(platform, id)), kv());
    unique.forEach((id, i) => {
      if (valid(values[i])) result[id] = values[i] as LegacyDelays;
    });
    return result;
  }
  const prefix = legacyDelaysKey(platform, '');
  const tx = (await database()).transaction('records');
  const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
  const [keys, values] = await Promise.all([tx.store.getAllKeys(range), tx.store.getAll(range)]);
  keys.forEach((key, i) => {
    if (valid(values[i])) result[String(key).slice(prefix.length)] = values[i] as LegacyDelays;
  });
  return result;
}
