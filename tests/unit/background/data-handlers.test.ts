import { beforeEach, describe, expect, it } from 'vitest';
import { dataHandlers } from '../../../lib/background/data-handlers';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { primaryData } from '../../../lib/storage/backup-read';
import { clearHistory } from '../../../lib/storage/history-db';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from './fake-env';
import { readHitTrackerBackup } from '../../../lib/data/mturk-suite';
import { suiteTasks } from '../../../lib/data/suite-import';

// Data in through the background (issue 17): an import is held until confirmed, merged with what is stored,
// written at once and the figures rebuilt; "delete all" leaves nothing. The fake browser's now: 27 Nov 2026.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const page: Sender = { id: me.extensionId, url: `${me.extensionOrigin}task-history.html` };
const at = (iso: string) => Date.parse(iso);
const stamp = (iso: string) => ({ wall: at(iso), mono: at(iso), origin: 0 });

describe('import and delete all', () => {
  let route: Route;
  let writer: TaskWriter;
  let cleared: boolean[];
  const send = async <T>(type: string, payload: unknown) => {
    const reply = (await route({ type, payload }, page)) as { ok: boolean; data: T; error?: { code: string } };
    if (!reply.ok) throw new Error(reply.error?.code);
    return reply.data;
  };
  const popup = async () => {
    const data = await send<PopupData>('ui-bg-get-popup', {});
    return { today: data.today, balances: data.balances };
  };

  async function submitted(id: string, minor: number, from: string, to: string) {
    const record: TaskRecord = {
      v: 2, platform: 'mturk', taskId: id, title: `Task ${id}`, requesterName: '=HYPERLINK("http://x","y")', reward: { minor, currency: 'USD' },
      firstSeenAt: at(from), updatedAt: at(to), status: 'submitted', endedAt: at(to), external: false, activeMs: 0, idleMs: 0,
      events: [{ boot: 1, n: 1, type: 'front', at: stamp(from) }, { boot: 1, n: 2, type: 'outcome', outcome: 'submitted', at: stamp(to) }],
    };
    await writer.serial(() => writer.update(`mturk:${id}`, () => record, at(to)));
  }

  beforeEach(async () => {
    await clearHistory();
    await saveSettings(DEFAULT_SETTINGS);
    cleared = [];
    const b = new FakeBrowser();
    writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(b.env(), writer, platforms);
    const data = dataHandlers({ writer, now: () => at('2026-11-27T14:00:00Z'), clearStorage: async (sync) => void cleared.push(sync), afterDelete: async () => {} });
    route = createRouter({ ...createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), ...data }, me);
    await submitted('A1', 50, '2026-11-27T09:00:00Z', '2026-11-27T09:10:00Z');
    await submitted('A2', 125, '2026-11-27T10:00:00Z', '2026-11-27T10:30:00Z');
    await writer.addReading('mturk', { at: at('2026-11-27T08:00:00Z'), available: { minor: 900, currency: 'USD' } });
  });

  it('backup → delete all → import gives back the same primary data and the same popup figures', async () => {
    const before = await primaryData();
    const figures = await popup();
    // The figures compared below are not empty: today's MTurk totals hold both tasks' pending money.
    expect(JSON.stringify(figures.today)).toContain('"minor":175');
    await send('ui-bg-delete-all', { sync: false });
    expect(cleared).toEqual([false]);
    expect((await primaryData()).tasks).toEqual([]);
    await send('ui-bg-import-stage', { importId: 'import-0001', part: { tasks: before.tasks.slice(0, 1) } });
    await send('ui-bg-import-stage', { importId: 'import-0001', part: { tasks: before.tasks.slice(1), readings: before.readings, approvals: before.approvals, transfers: before.transfers, stretches: before.stretches, bonuses: before.bonuses } });
    const { counts } = await send<{ counts: { tasks: { added: number } } }>('ui-bg-import-commit', { importId: 'import-0001' });
    expect(counts.tasks.added).toBe(2);
    expect(await primaryData()).toEqual(before);
    expect(await popup()).toEqual(figures);
  });

  it('adds each thing once when the same backup is imported again', async () => {
    const before = await primaryData();
    const figures = await popup();
    await send('ui-bg-import-stage', { importId: 'import-0002', part: { tasks: before.tasks, readings: before.readings } });
    const { counts } = await send<{ counts: Record<string, { added: number; duplicate: number }> }>('ui-bg-import-commit', { importId: 'import-0002' });
    expect([counts.tasks, counts.readings]).toEqual([{ added: 0, duplicate: 2, updated: 0 }, { added: 0, duplicate: 1, updated: 0 }]);
    expect(await primaryData()).toEqual(before);
    expect(await popup()).toEqual(figures);
  });

  it('joins parts in their numbered order, whatever order they arrive in (the first of a duplicate is kept)', async () => {
    const reading = (minor: number) => ({ platform: 'mturk', reading: { at: at('2026-11-27T07:00:00Z'), available: { minor, currency: 'USD' } } });
    await send('ui-bg-import-stage', { importId: 'import-0009', seq: 1, part: { readings: [reading(111)] } });
    await send('ui-bg-import-stage', { importId: 'import-0009', seq: 0, part: { readings: [reading(222)] } });
    const { counts } = await send<{ counts: Record<string, { added: number; duplicate: number }> }>('ui-bg-import-commit', { importId: 'import-0009' });
    expect(counts.readings).toEqual({ added: 1, duplicate: 1, updated: 0 });
    const readings = (await primaryData()).readings.filter((r) => r.reading.at === at('2026-11-27T07:00:00Z'));
    expect(readings.map((r) => r.reading.available?.minor)).toEqual([222]);
  });

  it('writes nothing until the worker confirms, and nothing after a cancel', async () => {
    const before = await primaryData();
    const extra = { ...before.tasks[0]!, taskId: 'NEW1' };
    await send('ui-bg-import-stage', { importId: 'import-0003', part: { tasks: [extra] } });
    expect(await primaryData()).toEqual(before);
    expect(await send('ui-bg-import-drop', { importId: 'import-0003' })).toEqual({ dropped: true });
    await expect(send('ui-bg-import-commit', { importId: 'import-0003' })).rejects.toThrow('import_gone');
    expect(await primaryData()).toEqual(before);
  });

  it('answers the bad records of a part with their positions and holds the good ones', async () => {
    const good = (await primaryData()).tasks[0]!;
    const reply = await send<{ staged: number; problems: { list: string; index: number }[] }>('ui-bg-import-stage', {
      importId: 'import-0004', part: { tasks: [good, { ...good, reward: { minor: 'ten', currency: 'USD' } }] },
    });
    expect(reply.staged).toBe(1);
    expect(reply.problems.map((p) => [p.list, p.index])).toEqual([['tasks', 1]]);
  });

  it('holds no record dated after the import: the writer checks the dates again, by its own clock', async () => {
    const good = (await primaryData()).tasks[0]!;
    const reply = await send<{ staged: number; problems: { list: string; index: number; reason: string }[] }>('ui-bg-import-stage', {
      importId: 'import-0008', part: { tasks: [good, { ...good, taskId: 'LATER', countedDay: '2099-12-31' }] },
    });
    expect(reply.staged).toBe(1);
    expect(reply.problems.map((p) => [p.list, p.index, p.reason])).toEqual([['tasks', 1, 'a date in the future']]);
  });

  it('counts an imported MTurk Suite HIT submitted over 30 days ago as presumably approved, never withdrawable', async () => {
    const hits = [
      { hit_id: 'OLDHIT', assignment_id: 'OLDASG', requester_name: 'Lab', reward: { amount_in_dollars: 2 }, state: 'Submitted', title: 'Old', date: '20261020' },
      { hit_id: 'NEWHIT', assignment_id: 'NEWASG', requester_name: 'Lab', reward: { amount_in_dollars: 3 }, state: 'Submitted', title: 'Recent', date: '20261120' },
      { hit_id: 'APPHIT', assignment_id: 'APPASG', requester_name: 'Lab', reward: { amount_in_dollars: 4 }, state: 'Approved', title: 'Approved', date: '20261121' },
    ];
    const tasks = suiteTasks(readHitTrackerBackup(JSON.stringify({ hits })).tasks);
    const withdrawableBefore = (await send<PopupData>('ui-bg-get-popup', {})).balances.find((b) => b.platform === 'mturk')?.withdrawable;
    await send('ui-bg-import-stage', { importId: 'import-0006', part: { tasks } });
    await send('ui-bg-import-commit', { importId: 'import-0006' });
    const mturk = (await send<PopupData>('ui-bg-get-popup', {})).balances.find((b) => b.platform === 'mturk')!;
    // Today's two timed tasks (175) and the recent HIT (300) are pending; the HIT of 20 October is past 30 days.
    expect([mturk.pending, mturk.presumablyApproved]).toEqual([475, 200]);
    // The imported approval has no known date: the dashboard reading stays what it was.
    expect(mturk.withdrawable).toBe(withdrawableBefore);
  });

  it('imports a backup with no records at all (an empty browser’s) once it was staged empty', async () => {
    await send('ui-bg-import-stage', { importId: 'import-0007', part: {} });
    const { counts } = await send<{ counts: Record<string, { added: number }> }>('ui-bg-import-commit', { importId: 'import-0007' });
    expect(Object.values(counts).every((c) => c.added === 0)).toBe(true);
  });

  it('refuses a part that is not lists of records, before any handler runs', async () => {
    await expect(send('ui-bg-import-stage', { importId: 'import-0005', part: { settings: [] } })).rejects.toThrow('invalid_message');
    await expect(send('ui-bg-import-stage', { importId: 'BAD ID', part: {} })).rejects.toThrow('invalid_message');
  });
});
