// Found by bench:data: an import of 100,000 tasks failed in the writer with "Maximum call stack size exceeded" —
// its ~500,000 writes were spread into one push. The writes are counted here, not committed (fake IndexedDB
// would take minutes over them).
import { describe, expect, it, vi } from 'vitest';
import type { ImportPlan } from '../../../lib/data/merge';
import { writeImport } from '../../../lib/storage/import-write';
import type { Op } from '../../../lib/storage/database';

const committed: number[] = [];
vi.mock('../../../lib/storage/database', async (original) => ({
  ...(await original<typeof import('../../../lib/storage/database')>()),
  commit: vi.fn(async (ops: readonly Op[]) => void committed.push(ops.length)),
}));

const none = { added: 0, duplicate: 0, updated: 0 };

describe('an import of a long history', () => {
  it('assembles hundreds of thousands of writes into one transaction', async () => {
    const stretches = Array.from({ length: 150_000 }, (_, i) => ({
      v: 1 as const, platform: 'mturk', start: { wall: 1_700_000_000_000 + i * 60_000, mono: i, origin: 0 },
      end: { wall: 1_700_000_000_000 + i * 60_000 + 30_000, mono: i + 1, origin: 0 }, ms: 30_000, day: '2023-11-14',
    }));
    const plan: ImportPlan = {
      tasks: [], stretches, bonuses: [], readings: [], approvals: [], transfers: [], legacyDelays: [], removed: [], removedApprovals: [],
      counts: { tasks: none, stretches: { ...none, added: stretches.length }, bonuses: none, readings: none, approvals: none, transfers: none, legacyDelays: none },
    };
    await writeImport(plan, new Map(), 'UTC', Date.UTC(2026, 10, 27));
    // Each stretch and its day-index entry, the day's totals and the stale mark; then the summaries.
    expect(committed[0]).toBe(2 * stretches.length + 1 + 1);
    expect(committed).toHaveLength(2);
  });
});
