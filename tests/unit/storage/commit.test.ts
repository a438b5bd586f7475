// `commit` (lib/storage/database.ts): every op in one transaction, plain records and those that live in packs, hours or
// the archive alike: all of them land, or none.
import { beforeEach, describe, expect, it } from 'vitest';
import { commit, database, put } from '../../../lib/storage/database';
import { allApprovals, approvalOp, type Approval } from '../../../lib/storage/ledger-db';
import { clearHistory } from '../../../lib/storage/history-db';

const T0 = Date.UTC(2026, 10, 2);
const approval = (at: number, task: string): Approval => ({ at, task, part: 'reward', currency: 'USD', minor: 50 });

describe('commit', () => {
  beforeEach(() => clearHistory());

  it('writes the plain records and the packed ones of one call together', async () => {
    await commit([put('readings', 'r1', { a: 1 }), approvalOp('mturk', approval(T0, 'mturk:A')), put('readings', 'r2', { a: 2 })], { pack: true });
    const db = await database();
    expect(await db.getAllKeys('readings')).toEqual(['r1', 'r2']);
    expect((await allApprovals()).map((a) => a.task)).toEqual(['mturk:A']);
  });

  it('lands nothing when one of its values cannot be stored (the browser refuses it as it is asked)', async () => {
    const refused = put('readings', 'r2', { call: () => 1 });
    await expect(commit([put('readings', 'r1', { a: 1 }), approvalOp('mturk', approval(T0, 'mturk:A')), refused], { pack: true })).rejects.toThrow();
    const db = await database();
    expect(await db.getAllKeys('readings')).toEqual([]);
    expect(await allApprovals()).toEqual([]);
    expect(await db.getAllKeys('approvals')).toEqual([]);
  });
});
