/*
 * TEMPORARY: the shapes of `lib/storage/bulk.ts` and `TaskWriter.importPrimary` / `rebuild` that Storage v2
 * brings (issue 13), declared here until it lands in main; delete this file after merging and import from there.
 */
import type { DashboardReading } from '../../lib/domain/ledger';
import type { BonusEntry, TransferHistory } from '../../lib/storage/ledger-db';
import type { PlatformStretch, TaskRecord } from '../../lib/storage/schemas';

/** One dated approval, with the task it paid. */
export interface Approval {
  at: number;
  minor: number;
  currency: string;
  knownAt?: number;
  task: string;
}

export interface PrimaryBatch {
  tasks?: TaskRecord[];
  stretches?: PlatformStretch[];
  bonuses?: { entry: BonusEntry; fromTotal: number }[];
  readings?: { platform: string; reading: DashboardReading }[];
  approvals?: { platform: string; approval: Approval }[];
  transfers?: { platform: string; at: number; transfers: TransferHistory['transfers'] }[];
}

export interface PrimaryWriter {
  importPrimary(batch: PrimaryBatch): Promise<unknown>;
  rebuild(): Promise<unknown>;
}
