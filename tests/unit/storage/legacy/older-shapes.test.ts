// `v1-older-shapes.json`: the records an older Centime left (README.md here), with what the migration must make
// of them (`expected`, written from DESIGN.md and the schemas). The migration at start-up (docs/storage.md) is
// checked against them record by record: what it quarantines (before it rebuilds, so that no share is taken
// twice), the tasks it stamps, the stored daily totals, pending items, approvals, readings and balances.
import { createStore, entries } from 'idb-keyval';
import { kv } from '../../../../lib/storage/database';
import { describe, expect, it, vi } from 'vitest';
import { recompute } from '../../../../lib/domain/summary';
import { allAggregates, allStretches, allTasks, clearHistory, getTaskByKey } from '../../../../lib/storage/history-db';
import { allBonuses, getApprovals, getReadings, pendingItems } from '../../../../lib/storage/ledger-db';
import type { OlderShapesExpected } from './dump';
import { restoreBrowser, startBackground } from './legacy-background';
import { loadLegacyDump } from './load';

describe('older shapes, migrated by today’s start-up', () => {
  it('sets aside what is invalid or newer, stamps and indexes the rest, and keeps the ledger as it was', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // each record set aside is announced
    await clearHistory();
    const dump = await loadLegacyDump('older-shapes');
    const expected = dump.expected as OlderShapesExpected;
    const bg = await startBackground(restoreBrowser(dump.browser), () => dump.zone);
    // The reads of the upgrade report invalid records; the writer sets them aside next, in its queue.
    await bg.writer.serial(async () => {});
    const popup = await bg.popup();
    await bg.writer.serial(async () => {});

    const original = new Map(dump.records);
    const quarantined = (await entries(createStore('centime-quarantine', 'entries'))) as [string, { source: string; reason: string; raw: unknown }][];
    for (const [key, why] of Object.entries(expected.quarantined)) {
      const entry = quarantined.find(([, q]) => q.source === key)?.[1];
      expect(entry?.reason, key).toContain(why);
      expect(entry?.raw, key).toEqual(original.get(key));
    }
    for (const key of expected.quarantineKept) expect(quarantined.find(([k]) => k === key)?.[1]).toEqual(new Map(dump.quarantine).get(key));
    expect(quarantined).toHaveLength(Object.keys(expected.quarantined).length + expected.quarantineKept.length);
    expect(popup.quarantined).toBe(quarantined.length);

    const left = new Set((await entries(kv())).map(([key]) => String(key)));
    for (const key of Object.keys(expected.quarantined)) expect(left.has(key), key).toBe(false);
    expect((await allStretches()).map((s) => `stretch:${s.platform}:${s.start.wall}:${s.start.mono}`)).toEqual(expected.stretches);

    for (const [key, fields] of Object.entries(expected.tasks)) expect(await getTaskByKey(key), key).toMatchObject(fields);
    for (const key of expected.noObservedAt) expect((await getTaskByKey(key))?.observedAt, key).toBeUndefined();
    const tasks = await allTasks();
    expect(tasks.filter((t) => t.status === 'open').map((t) => `${t.platform}:${t.taskId}`).sort()).toEqual([...expected.open].sort());
    for (const shown of popup.tasks) expect(expected.open).toContain(`${shown.platform}:${shown.taskId}`);

    expect(recompute(tasks, await allStretches(), dump.zone, await allBonuses())).toEqual(expected.days);
    expect(await allAggregates()).toEqual(expected.days);
    expect(Object.fromEntries((await pendingItems()).map((p) => [p.key, p.submittedAt]))).toEqual(expected.pending);
    for (const [platform, list] of Object.entries(expected.approvals)) expect(await getApprovals(platform)).toEqual(list);
    for (const [platform, list] of Object.entries(expected.readings)) expect(await getReadings(platform)).toEqual(list);
    for (const b of expected.balances) expect(popup.balances.find((v) => v.platform === b.platform && v.currency === b.currency)).toMatchObject(b);
  });
});
