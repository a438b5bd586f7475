// Approvals and platform stretches a day of a platform to a record when written in bulk (lib/storage/packs.ts):
// every reader finds each item once, loose or packed, in key order, whatever the writes; a month on, what the writer
// left loose is packed too (lib/storage/pack-old.ts).
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { commit, database, del, type Op } from '../../../lib/storage/database';
import { approvalsBetween } from '../../../lib/storage/history-figures-read';
import { allDayEntries, allStretches, clearHistory, readStretchRaw, stretchKey } from '../../../lib/storage/history-db';
import { packOldBatch } from '../../../lib/storage/pack-old';
import { dayEntryKey } from '../../../lib/storage/task-store';
import { approvalKeyOf } from '../../../lib/storage/item-keys';
import { allApprovals, approvalKey, approvalOp, approvedTaskKeys, getApprovals, type Approval } from '../../../lib/storage/ledger-db';
import { compareKeys, isPackKey, itemsBackupText, writeMonthTexts } from '../../../lib/storage/packs';
import type { PlatformStretch } from '../../../lib/storage/schemas';
import { put } from '../../../lib/storage/database';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2);
const approval = (at: number, task: string, minor = 50): Approval => ({ at, task, part: 'reward', currency: 'USD', minor });
const stretch = (platform: string, wall: number, ms = 60_000): PlatformStretch => ({ v: 1, platform, start: { wall, mono: wall, origin: 0 }, end: { wall: wall + ms, mono: wall + ms, origin: 0 }, ms, day: '2026-11-02' });

/** The store's record keys: packs and loose items apart. */
async function layout(store: 'approvals' | 'stretches'): Promise<{ packs: IDBValidKey[]; loose: IDBValidKey[] }> {
  const keys = await (await database()).getAllKeys(store);
  return { packs: keys.filter(isPackKey), loose: keys.filter((k) => !isPackKey(k)) };
}

describe('approvals and stretches packed by day', () => {
  beforeEach(() => clearHistory());

  it('packs an import’s approvals by platform and day, and a later approval of a packed day goes into its pack', async () => {
    await commit([approvalOp('mturk', approval(T0 + 1_000, 'mturk:A')), approvalOp('mturk', approval(T0 + DAY, 'mturk:B')), approvalOp('prolific', approval(T0 + 5, 'prolific:C'))], { pack: true });
    expect(await layout('approvals')).toEqual({ packs: [['mturk', 'd', T0 / DAY], ['mturk', 'd', T0 / DAY + 1], ['prolific', 'd', T0 / DAY]], loose: [] });
    await commit([approvalOp('mturk', approval(T0 + 2_000, 'mturk:D'))]);
    await commit([approvalOp('mturk', approval(T0 + 3 * DAY, 'mturk:E'))]);
    expect(await layout('approvals')).toEqual({ packs: [['mturk', 'd', T0 / DAY], ['mturk', 'd', T0 / DAY + 1], ['prolific', 'd', T0 / DAY]], loose: [approvalKey('mturk', approval(T0 + 3 * DAY, 'mturk:E'))] });
    expect((await allApprovals()).map((a) => a.task)).toEqual(['mturk:A', 'mturk:D', 'mturk:B', 'mturk:E', 'prolific:C']);
    expect((await getApprovals('mturk', T0 + 1_500)).map((a) => a.task)).toEqual(['mturk:D', 'mturk:B', 'mturk:E']);
    expect((await approvalsBetween(T0, T0 + DAY)).map((a) => a.task)).toEqual(['mturk:A', 'mturk:D', 'prolific:C']);
    expect([...(await approvedTaskKeys())].sort()).toEqual(['mturk:A', 'mturk:B', 'mturk:D', 'mturk:E', 'prolific:C']);
    // The last approval of a pack deleted deletes the pack.
    await commit([del('approvals', approvalKey('prolific', approval(T0 + 5, 'prolific:C')))]);
    expect((await layout('approvals')).packs).not.toContainEqual(['prolific', 'd', T0 / DAY]);
  });

  it('moves a day’s loose stretches into the pack an import makes there, and finds a packed stretch by key', async () => {
    await commit([put('stretches', stretchKey(stretch('mturk', T0 + 10)), stretch('mturk', T0 + 10))]);
    await commit([put('stretches', stretchKey(stretch('mturk', T0 + 20)), stretch('mturk', T0 + 20))], { pack: true });
    expect(await layout('stretches')).toEqual({ packs: [['mturk', 'd', T0 / DAY]], loose: [] });
    expect((await allStretches()).map((s) => s.start.wall)).toEqual([T0 + 10, T0 + 20]);
    expect(await readStretchRaw(['mturk', T0 + 20, T0 + 20])).toEqual(stretch('mturk', T0 + 20));
    expect(await readStretchRaw(['mturk', T0 + 30, T0 + 30])).toBeUndefined();
  });

  it('packs, a month on, what the writer left loose, a batch a step, and reads the same before and after', async () => {
    const now = T0 + 40 * DAY;
    const hour = 3_600_000;
    const ops: Op[] = [];
    // Three old days and one recent one, each with an approval, a stretch and a day-index entry, all loose.
    for (const at of [T0, T0 + hour, T0 + DAY, T0 + 2 * DAY, now - DAY]) {
      ops.push(approvalOp('mturk', approval(at, `mturk:${at}`)), put('stretches', stretchKey(stretch('mturk', at)), stretch('mturk', at)));
      const entry = { start: at, end: at + 60_000, platform: 'mturk', taskKey: `mturk:${at}`, activeMs: 60_000, idleMs: 0 };
      ops.push(put('dayIndex', dayEntryKey(entry), entry));
    }
    await commit(ops);
    const read = async () => ({ approvals: await allApprovals(), stretches: await allStretches(), entries: await allDayEntries() });
    const before = await read();
    let steps = 0;
    while ((await packOldBatch(now, 3)) > 0) steps++;
    expect(steps).toBeGreaterThanOrEqual(3);
    expect(await read()).toEqual(before);
    // The old days in packs and hours; the recent day's items still loose.
    const recent = (store: 'approvals' | 'stretches') => [approvalKey('mturk', approval(now - DAY, `mturk:${now - DAY}`)), stretchKey(stretch('mturk', now - DAY))][store === 'approvals' ? 0 : 1];
    for (const store of ['approvals', 'stretches'] as const) expect(await layout(store)).toEqual({ packs: [0, 1, 2].map((d) => ['mturk', 'd', T0 / DAY + d]), loose: [recent(store)] });
    const dayIndex = await (await database()).getAllKeys('dayIndex');
    expect(dayIndex).toEqual([T0 / hour, T0 / hour + 1, (T0 + DAY) / hour, (T0 + 2 * DAY) / hour, [now - DAY, `mturk:${now - DAY}`]]);
    expect(await packOldBatch(now)).toBe(0);
  });

  it('refuses an item put under another key', async () => {
    await commit([approvalOp('mturk', approval(T0, 'mturk:A'))], { pack: true });
    await expect(commit([put('approvals', approvalKey('mturk', approval(T0 + 1, 'mturk:A')), { ...approval(T0, 'mturk:A'), platform: 'mturk' })])).rejects.toThrow('its own key');
  });

  it('orders keys as IndexedDB does (property)', () => {
    const part = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true }), fc.constantFrom('', 'a', 'b', 'd', 'mturk', '\u00e9'));
    const key = fc.oneof(part, fc.array(fc.oneof(part, fc.array(part, { maxLength: 2 })), { maxLength: 4 }));
    fc.assert(fc.property(key, key, (a, b) => Math.sign(compareKeys(a, b)) === indexedDB.cmp(a, b)), { numRuns: 500 });
  });

  it("gives the backup's lists of approvals and stretches, with months of packs as their stored text, whatever the writes after it (property)", async () => {
    // Items over three months and two platforms; writes, the pass's month texts, then more writes (which must make a
    // month's text stand aside where they change its packs or add a loose item), and damaged or stray text records.
    const time = fc.integer({ min: 0, max: 95 * 24 }).map((h) => T0 + h * 3_600_000);
    const item = fc.record({ platform: fc.constantFrom('mturk', 'prolific'), at: time, task: fc.constantFrom('A', 'B'), remove: fc.boolean() });
    const step = fc.record({ items: fc.array(item, { minLength: 1, maxLength: 8 }), pack: fc.boolean() });
    const apply = async (steps: { items: { platform: string; at: number; task: string; remove: boolean }[]; pack: boolean }[]) => {
      for (const { items, pack } of steps) {
        const ops: Op[] = [];
        for (const { platform: p, at, task, remove } of items) {
          const a = { ...approval(at, `${p}:${task}`), platform: p };
          const s = stretch(p, at);
          ops.push(...(remove ? [del('approvals', approvalKeyOf(a)!), del('stretches', stretchKey(s))] : [approvalOp(p, a), put('stretches', stretchKey(s), s)]));
        }
        await commit(ops, { pack });
      }
    };
    const expectLists = async () => {
      const lists = {
        approvals: (await allApprovals()).map(({ platform: p, ...a }) => JSON.stringify({ platform: p, approval: a })),
        stretches: (await allStretches()).map((x) => JSON.stringify(x)),
      };
      for (const store of ['approvals', 'stretches'] as const) {
        const { parts, count } = await itemsBackupText(store);
        expect([await new Blob(parts).text(), count]).toEqual([lists[store].join(','), lists[store].length]);
      }
    };
    const later = T0 + 200 * DAY;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), fc.array(step, { maxLength: 4 }), fc.nat(3), async (before, after, damage) => {
        await clearHistory();
        await apply(before);
        let written = 0;
        for (let n = await writeMonthTexts(later, 2); n > 0; n = await writeMonthTexts(later, 2)) written += n;
        const db = await database();
        // Every month of packs with no loose item got its text.
        expect(await db.count('packText')).toBe(written);
        // … and stands for its packs in the lists: each a Blob of the file, not read.
        const blobs = async (store: 'approvals' | 'stretches') => (await itemsBackupText(store)).parts.filter((p) => p instanceof Blob).length;
        expect((await blobs('approvals')) + (await blobs('stretches'))).toBe(written);
        await expectLists();
        await apply(after);
        await expectLists();
        // A damaged text record, or one whose days no longer match, is read past.
        const [key] = await db.getAllKeys('packText');
        if (key !== undefined && damage === 1) await db.put('packText', { count: 3, days: [], text: 'x' }, key);
        if (key !== undefined && damage === 2) await db.put('packText', { ...(await db.get('packText', key)), days: [1] }, key);
        await expectLists();
        while ((await writeMonthTexts(later)) > 0);
        await expectLists();
      }),
      { numRuns: Number(process.env.CENTIME_PROPERTY_RUNS ?? 60) },
    );
  });

  it('gives what one record per item gave, whatever the writes and their layout (property)', async () => {
    // Approvals and stretches of two platforms over four days or forty (a write of more days than `writeItems` reads
    // one by one), put and deleted in any order, some writes in bulk.
    const minute = (days: number) => fc.integer({ min: 0, max: days * 24 * 60 }).map((m) => T0 + m * 60_000);
    const time = fc.oneof(minute(4), minute(40));
    const item = fc.record({ platform: fc.constantFrom('mturk', 'prolific'), at: time, task: fc.constantFrom('A', 'B'), remove: fc.boolean() });
    const items = fc.oneof({ arbitrary: fc.array(item, { minLength: 1, maxLength: 6 }), weight: 3 }, { arbitrary: fc.array(item, { minLength: 40, maxLength: 80 }), weight: 1 });
    const step = fc.record({ items, pack: fc.boolean() });
    const query = fc.tuple(fc.constantFrom('mturk', 'prolific'), time, fc.integer({ min: 0, max: 3 * 24 * 60 }));
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), query, async (steps, [platform, from, minutes]) => {
        await clearHistory();
        const approvals = new Map<string, Approval & { platform: string }>();
        const stretches = new Map<string, PlatformStretch>();
        for (const { items, pack } of steps) {
          const ops: Op[] = [];
          for (const { platform: p, at, task, remove } of items) {
            const a = { ...approval(at, `${p}:${task}`), platform: p };
            const s = stretch(p, at);
            const [ak, sk] = [JSON.stringify(approvalKeyOf(a)), JSON.stringify(stretchKey(s))];
            if (remove) {
              approvals.delete(ak);
              stretches.delete(sk);
              ops.push(del('approvals', approvalKeyOf(a)!), del('stretches', stretchKey(s)));
            } else {
              approvals.set(ak, a);
              stretches.set(sk, s);
              ops.push(approvalOp(p, a), put('stretches', stretchKey(s), s));
            }
          }
          await commit(ops, { pack });
        }
        const sortedApprovals = [...approvals.values()].sort((x, y) => compareKeys(approvalKeyOf(x), approvalKeyOf(y)));
        expect(await allApprovals()).toEqual(sortedApprovals);
        expect(await allStretches()).toEqual([...stretches.values()].sort((x, y) => compareKeys(stretchKey(x), stretchKey(y))));
        const to = from + minutes * 60_000;
        const strip = ({ platform: _p, seq: _s, ...a }: Approval & { platform: string }) => a;
        expect(await getApprovals(platform, from)).toEqual(sortedApprovals.filter((a) => a.platform === platform && a.at >= from).map(strip));
        expect(await approvalsBetween(from, to)).toEqual(sortedApprovals.filter((a) => a.at >= from && a.at < to));
        expect(await approvedTaskKeys()).toEqual(new Set(sortedApprovals.map((a) => a.task)));
        for (const s of stretches.values()) expect(await readStretchRaw(stretchKey(s))).toEqual(s);
        // Never a day of a platform both loose and packed.
        for (const store of ['approvals', 'stretches'] as const) {
          const { packs, loose } = await layout(store);
          for (const key of loose) {
            const [p, t] = key as [string, number];
            expect(packs).not.toContainEqual([p, 'd', Math.floor(t / DAY)]);
          }
        }
      }),
      { numRuns: Number(process.env.CENTIME_PROPERTY_RUNS ?? 60) },
    );
  });
});
