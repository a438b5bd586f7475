// Dated approvals are primary records: two that differ only in what they pay for are both kept.
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { clearHistory } from '../../../lib/storage/history-db';
import { allApprovals } from '../../../lib/storage/ledger-db';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { getSummaries } from '../../../lib/storage/summaries';

const AT = Date.UTC(2026, 10, 27, 14);
const usd = (minor: number) => ({ minor, currency: 'USD' });

describe('dated approvals', () => {
  beforeEach(() => clearHistory());

  it('keeps a reward and a bonus of the same amount, seen approved at once, as two approvals', async () => {
    const writer = new TaskWriter(() => 'UTC');
    await writer.addReading('prolific', { at: AT - 7_200_000, available: usd(0) }); // a cash-out, before the study
    const study: TaskRecord = {
      v: 2, platform: 'prolific', taskId: 'S1', title: 'A study', requesterName: 'Lab', reward: usd(50),
      firstSeenAt: AT - 3_600_000, updatedAt: AT, status: 'submitted', endedAt: AT - 1_800_000, observedAt: AT - 1_800_000,
      external: true, events: [], activeMs: 0, idleMs: 0,
    };
    await writer.serial(() => writer.update('prolific:S1', () => study, AT - 1_800_000));
    await writer.serial(() => writer.update('prolific:S1', (old) => ({ ...old!, status: 'approved', bonus: usd(50), approvedAt: AT }), AT));
    expect((await allApprovals()).map((a) => [a.part, a.minor])).toEqual([['bonus', 50], ['reward', 50]]);
    // Withdrawable: the cash-out (0) and both, after it.
    expect((await getSummaries(['prolific'])).prolific?.afterReading).toEqual({ USD: 100 });
  });
});
