import type { DashboardReading } from '../domain/ledger';
import { put, type Op } from './database';
import { stretchKey } from './history-db';
import { approvalOp, bonusKey, legacyDelaysOp, readingOp, type Approval, type BonusEntry, type LegacyDelaysEntry } from './ledger-db';
import { transferRecord, type TransferHistory } from './transfers-db';
import type { PlatformStretch, TaskRecord } from './schemas';
import { eventOps, isSealed, storedTaskOf, taskKey } from './task-store';

/** Primary records to write as they are: the seed, the migration, and the coming import. */
export interface PrimaryBatch {
  tasks?: TaskRecord[];
  stretches?: PlatformStretch[];
  bonuses?: { entry: BonusEntry; fromTotal: number }[];
  readings?: { platform: string; reading: DashboardReading }[];
  approvals?: { platform: string; approval: Approval }[];
  transfers?: ({ platform: string } & TransferHistory)[];
  /** Version 1's approval delays of a requester, each its whole list (the caller merges). */
  legacyDelays?: LegacyDelaysEntry[];
}

/**
 * The writes of a batch of primary records (a closed task is one record; an open one, its header and events). Derived data is not written:
 * `rebuild()` makes it once the batch is in. Transfers are written as given (the caller merges).
 */
export function importOps(batch: PrimaryBatch): Op[] {
  const ops: Op[] = [];
  for (const task of batch.tasks ?? []) {
    const key = taskKey(task.platform, task.taskId);
    ops.push(put('tasks', key, storedTaskOf(task)));
    if (!isSealed(task)) ops.push(...eventOps(key, task.events));
  }
  for (const s of batch.stretches ?? []) ops.push(put('stretches', stretchKey(s), s));
  for (const { entry, fromTotal } of batch.bonuses ?? []) ops.push(put('bonuses', bonusKey(entry, fromTotal), entry));
  for (const { platform, reading } of batch.readings ?? []) ops.push(readingOp(platform, reading));
  for (const { platform, approval } of batch.approvals ?? []) ops.push(approvalOp(platform, approval));
  for (const t of batch.transfers ?? []) ops.push(put('records', `ledger:transfers:${t.platform}`, transferRecord(t.at, t)));
  for (const { platform, requesterId, delays, at } of batch.legacyDelays ?? []) ops.push(legacyDelaysOp(platform, requesterId, { delays, at }));
  return ops;
}
