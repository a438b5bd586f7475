import { entries, get } from 'idb-keyval';
import { z } from 'zod';
import { countedDayOf, type Aggregates, type DayTotals } from '../domain/summary';
import { v1Days } from './v1-days';
import { commit, del, kv, put, type Op } from './database';
import { importOps, type PrimaryBatch } from './bulk';
import { taskRecordKind } from './kinds';
import { bonusEntrySchema, legacyDelaysOp } from './ledger-db';
import { quarantine } from './quarantine';
import { rebuild } from './rebuild';
import { dashboardReadingSchema, platformStretchSchema, type TaskRecord } from './schemas';
import { upgrade } from './versioned';

/** Set once the history is in the stores of docs/storage.md (version 2) and its derived data built. */
export const STORAGE_VERSION_KEY = 'index:storage-version';
export const STORAGE_VERSION = 2;
/** Version 1 set this once tasks kept the day they are counted under and when they were last known pending. */
const V1_STAMPED = 'index:history-stamped';
/** Records moved (and deleted from version 1's keys) per transaction. */
const CHUNK = 200;

const approvalV1 = z.object({
  at: z.number().int().nonnegative(),
  minor: z.number().int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  knownAt: z.number().int().nonnegative().optional(),
});

/**
 * Moves version 1's history (one idb-keyval store, found by key prefix) into the stores of version 2, then
 * rebuilds everything derived; once. Each chunk puts the records in their stores and deletes their version-1
 * keys in one transaction, so an interrupted upgrade resumes where it stopped. A record that fails validation
 * is quarantined with its reason, never lost. Answers whether it ran.
 */
export async function migrateV1(timeZone: string): Promise<boolean> {
  if ((await get(STORAGE_VERSION_KEY, kv())) === STORAGE_VERSION) return false;
  const stamp = (await get(V1_STAMPED, kv())) !== true;
  const all = await entries(kv());
  const moves: { key: string; batch: PrimaryBatch }[] = [];
  const extra: Op[] = [];
  const v1Totals: Aggregates = {};
  const delays = new Map<string, number[]>();
  for (const [rawKey, value] of all) {
    const key = String(rawKey);
    const [prefix] = key.split(':', 1);
    if (prefix === 'task') {
      const read = upgrade(taskRecordKind, value);
      if (read.ok) moves.push({ key, batch: { tasks: [stamp ? stamped(read.value, timeZone) : read.value] } });
      else extra.push(await setAside(key, read.error, value));
    } else if (prefix === 'stretch') {
      const parsed = platformStretchSchema.safeParse(value);
      if (parsed.success) moves.push({ key, batch: { stretches: [parsed.data] } });
      else extra.push(await setAside(key, `platform stretch: ${problemOf(parsed.error)}`, value));
    } else if (prefix === 'bonus') {
      const parsed = bonusEntrySchema.safeParse(value);
      // bonus:<platform>:<at>:<currency>:<from total>; the platform id itself may hold a colon (custom:…).
      const fromTotal = Number(key.slice(key.lastIndexOf(':') + 1));
      if (parsed.success) moves.push({ key, batch: { bonuses: [{ entry: parsed.data, fromTotal: Number.isFinite(fromTotal) ? fromTotal : 0 }] } });
      else extra.push(await setAside(key, `bonus entry: ${problemOf(parsed.error)}`, value));
    } else if (key.startsWith('ledger:readings:') || key.startsWith('ledger:approvals:')) {
      moves.push({ key, batch: await listOf(key, value) });
    } else if (key.startsWith('stats:delay:')) {
      // Delays recorded before approvals named their task cannot be derived again: kept as they were.
      if (Array.isArray(value)) delays.set(key.slice('stats:delay:'.length), value.filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0));
      extra.push(del('records', key));
    } else if (prefix === 'agg') {
      v1Totals[key.slice('agg:'.length)] = value as DayTotals;
      extra.push(del('records', key));
    } else if (['pending', 'stats'].includes(prefix ?? '') || (prefix === 'index' && key !== STORAGE_VERSION_KEY)) {
      // Derived in version 1: rebuilt below.
      extra.push(del('records', key));
    }
  }
  stampDays(moves, v1Totals);
  extra.push(...legacyDelayOps(delays, moves.flatMap((m) => m.batch.tasks ?? [])));
  for (let i = 0; i < moves.length; i += CHUNK) {
    const chunk = moves.slice(i, i + CHUNK);
    await commit([...chunk.flatMap((m) => importOps(m.batch)), ...chunk.map((m) => del('records', m.key))]);
  }
  await commit(extra);
  await rebuild(timeZone);
  await commit([put('records', STORAGE_VERSION_KEY, STORAGE_VERSION)]);
  return true;
}

/** Gives version 1's stretches and bonuses the day its totals counted them under (`v1Days`), in place. */
function stampDays(moves: { batch: PrimaryBatch }[], v1Totals: Aggregates): void {
  const stretches = moves.flatMap((m) => m.batch.stretches ?? []);
  const bonuses = moves.flatMap((m) => (m.batch.bonuses ?? []).map((b) => b.entry));
  const days = v1Days(stretches, bonuses, v1Totals);
  const stretchDay = new Map(stretches.map((s, i) => [s, days.stretches[i]!]));
  const bonusDay = new Map(bonuses.map((b, i) => [b, days.bonuses[i]!]));
  for (const m of moves) {
    if (m.batch.stretches) m.batch.stretches = m.batch.stretches.map((s) => stretchDay.get(s)!);
    if (m.batch.bonuses) m.batch.bonuses = m.batch.bonuses.map((b) => ({ ...b, entry: bonusDay.get(b.entry)! }));
  }
}

/**
 * Version 1's approval delays, kept (they cannot be derived again: its approvals named no task), under the
 * platform of the requester's tasks and with the time of its latest one (`legacy:delay:`).
 */
function legacyDelayOps(delays: Map<string, number[]>, tasks: TaskRecord[]): Op[] {
  const seen = new Map<string, { platform: string; at: number }>();
  for (const t of tasks) {
    if (!t.requesterId || !delays.has(t.requesterId)) continue;
    const at = Math.max(t.firstSeenAt, t.endedAt ?? 0, t.approvedAt ?? 0);
    const was = seen.get(t.requesterId);
    if (!was || at > was.at) seen.set(t.requesterId, { platform: t.platform, at });
  }
  return [...delays].flatMap(([id, list]) => {
    const where = seen.get(id);
    return where && list.length ? [legacyDelaysOp(where.platform, id, { delays: list, at: where.at })] : [];
  });
}

/** Version 1's stamping, for history older than it: the day counted under, and when it was last known pending. */
function stamped(task: TaskRecord, timeZone: string): TaskRecord {
  const day = countedDayOf(task, timeZone);
  const observedAt = task.observedAt ?? (task.status === 'submitted' ? (task.untimed ? task.firstSeenAt : task.endedAt) : undefined);
  return { ...task, ...(day ? { countedDay: day } : {}), ...(observedAt !== undefined ? { observedAt } : {}) };
}

/** A version-1 list record (readings, approvals of one platform): its valid items; the others quarantined. */
async function listOf(key: string, value: unknown): Promise<PrimaryBatch> {
  const readings = key.startsWith('ledger:readings:');
  const platform = key.slice(readings ? 'ledger:readings:'.length : 'ledger:approvals:'.length);
  const batch: Required<Pick<PrimaryBatch, 'readings' | 'approvals'>> = { readings: [], approvals: [] };
  if (!Array.isArray(value)) {
    await quarantine({ source: key, reason: 'not a list', raw: value, at: Date.now() });
    return batch;
  }
  for (const item of value) {
    const parsed = (readings ? dashboardReadingSchema : approvalV1).safeParse(item);
    if (!parsed.success) await quarantine({ source: key, reason: `${readings ? 'dashboard reading' : 'approval'}: ${problemOf(parsed.error)}`, raw: item, at: Date.now() });
    else if (readings) batch.readings.push({ platform, reading: parsed.data as z.infer<typeof dashboardReadingSchema> });
    else batch.approvals.push({ platform, approval: { ...(parsed.data as z.infer<typeof approvalV1>), seq: batch.approvals.length } });
  }
  return batch;
}

/** Where and why a record fails its schema, as the quarantine says it. */
function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}`;
}

/** Quarantines a record (copied first), and answers the delete of its version-1 key. */
async function setAside(source: string, reason: string, raw: unknown): Promise<Op> {
  await quarantine({ source, reason, raw, at: Date.now() });
  return del('records', source);
}
