// Corrections kept as edits (issue 16), through the router as the history page reaches the background: the
// messages' validation, the writer's refusals, and how the figures, the ledger and a rebuild follow an edit.
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { allAggregates, allDayEntries, clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { getRows } from '../../../lib/storage/rows-db';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { expectRebuildEqual } from '../storage/raw-records';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const GROUP = '3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0';
const usd = (minor: number) => ({ minor, currency: 'USD' });
const history: Sender = { id: me.extensionId, url: `${me.extensionOrigin}task-history.html` };
const dashboardTab: Sender = { id: me.extensionId, url: 'https://worker.mturk.com/dashboard', tab: { id: 5, url: 'https://worker.mturk.com/dashboard' } };
const statusRow = (state: string) => ({ assignmentId: 'A1', hitId: 'HA1', state, title: 'Label', requesterName: 'Lab', reward: usd(50), date: '2026-11-27' });

describe('corrections through the router', () => {
  let b: FakeBrowser;
  let route: Route;
  let writer: TaskWriter;
  const send = (type: string, payload: unknown) => route({ type, payload }, history);
  const popup = async () => ((await send('ui-bg-get-popup', {})) as { data: PopupData }).data;
  const edit = (change: object, key = 'mturk:A1') => send('ui-bg-edit-task', { key, change });
  const balancePage = (payload: object) => route({ type: 'cs-bg-balance-page', payload: { platform: 'mturk', ...payload } }, dashboardTab);
  const today = () => new Date(b.wall).toISOString().slice(0, 10);

  beforeEach(async () => {
    await clearHistory();
    await saveSettings({ ...DEFAULT_SETTINGS, payoutThresholds: { mturk: [usd(1000)] } });
    b = new FakeBrowser();
    writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(b.env(), writer, platforms);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
    // One HIT: 10 minutes in front and active, then submitted: $0.50 pending today.
    const url = `https://worker.mturk.com/projects/${GROUP}/tasks/H1?assignment_id=A1`;
    b.tabs = [{ id: 1, windowId: 1, url, active: true }];
    const snapshot = { platform: 'mturk', taskId: 'A1', groupId: GROUP, title: 'Label', requesterName: 'Lab', requesterId: 'R1', reward: usd(50) };
    await route({ type: 'cs-bg-task-seen', payload: snapshot }, { id: me.extensionId, url, tab: { id: 1, url } });
    b.advance(600_000);
    await tracker.outcome('mturk:A1', 'submitted');
    b.advance(60_000);
  });

  it.each([
    ['an unknown field', { field: 'title', value: 'x' }],
    ['an extra key', { field: 'reward', value: usd(1), note: 'x' }],
    ['a negative reward', { field: 'reward', value: usd(-1) }],
    ['a reward in minor units that are not whole', { field: 'reward', value: usd(1.5) }],
    ['an active time over a day', { field: 'activeMs', value: 86_400_001 }],
    ['a negative active time', { field: 'activeMs', value: -1 }],
    ['an unknown outcome', { field: 'outcome', value: 'paid' }],
    ['deleted: false (undelete is null)', { field: 'deleted', value: false }],
    ['an empty requester name', { field: 'requester', value: { name: '' } }],
  ])('refuses a correction with %s, and stores nothing', async (_, change) => {
    expect(await edit(change)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect((await getTaskByKey('mturk:A1'))!.edits).toBeUndefined();
  });

  it.each([
    ['an unknown platform', { platform: 'nowhere' }],
    ['a custom site with no rule', { platform: 'custom:gone' }],
    ['a day that does not exist', { day: '2026-02-30' }],
    ['a day in another format', { day: '27/11/2026' }],
    ['an empty title', { title: '' }],
    ['an extra key', { note: 'x' }],
  ])('refuses an added task with %s', async (_, bad) => {
    const added = { platform: 'mturk', title: 'Missed', reward: usd(30), day: '2026-11-27', outcome: 'submitted', ...bad };
    expect(await send('ui-bg-add-task', added)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
  });

  it('takes corrections only from Centime’s own pages', async () => {
    const fromPage = await route({ type: 'ui-bg-edit-task', payload: { key: 'mturk:A1', change: { field: 'deleted', value: true } } }, dashboardTab);
    expect(fromPage).toMatchObject({ ok: false, error: { code: 'refused_sender' } });
  });

  it('refuses, with a code, to correct a task it does not know or one still open', async () => {
    expect(await edit({ field: 'deleted', value: true }, 'mturk:NOPE')).toMatchObject({ ok: false, error: { code: 'task_unknown' } });
    const url = `https://worker.mturk.com/projects/${GROUP}/tasks/H2?assignment_id=A2`;
    b.tabs = [{ id: 2, windowId: 1, url, active: true }];
    await route({ type: 'cs-bg-task-seen', payload: { platform: 'mturk', taskId: 'A2', title: 'T', requesterName: 'Lab', reward: usd(10) } }, { id: me.extensionId, url, tab: { id: 2, url } });
    expect(await edit({ field: 'reward', value: usd(20) }, 'mturk:A2')).toMatchObject({ ok: false, error: { code: 'task_open' } });
    expect((await getTaskByKey('mturk:A2'))!.edits).toBeUndefined();
  });

  it('keeps the recorded reward, stores the correction dated, and the day figures follow it; a rebuild agrees', async () => {
    expect(await edit({ field: 'reward', value: usd(80) })).toEqual({ ok: true, data: { saved: true } });
    const task = (await getTaskByKey('mturk:A1'))!;
    expect(task.reward).toEqual(usd(50));
    expect(task.edits).toEqual([{ field: 'reward', value: usd(80), at: b.wall }]);
    expect((await allAggregates())[`${today()}|mturk`]).toMatchObject({ earned: { USD: 80 }, pending: { USD: 80 }, paidActiveMs: 600_000 });
    const [row] = await getRows(['mturk:A1']);
    expect(row).toMatchObject({ reward: usd(80), corrected: ['reward'] });
    expect((await popup()).pending.items[0]).toMatchObject({ reward: usd(80) });
    await expectRebuildEqual(writer);
    // Restored in one click: the recorded reward again, both edits kept.
    await edit({ field: 'reward', value: null });
    expect((await allAggregates())[`${today()}|mturk`]).toMatchObject({ earned: { USD: 50 } });
    expect((await getTaskByKey('mturk:A1'))!.edits).toHaveLength(2);
    await expectRebuildEqual(writer);
  });

  it('takes a deleted task out of today’s popup totals and pending list, and brings it back when restored', async () => {
    expect((await popup()).day).not.toBeNull();
    await edit({ field: 'deleted', value: true });
    const data = await popup();
    expect(data.day).toBeNull();
    expect(data.today).toEqual([]);
    expect(data.pending).toEqual({ items: [], total: 0 });
    expect(data.balances).toEqual([]);
    // The row stays, marked, for the history's "deleted" filter; no session entry is left.
    expect((await getRows(['mturk:A1']))[0]).toMatchObject({ deleted: true, reward: usd(50) });
    expect(await allDayEntries()).toEqual([]);
    await expectRebuildEqual(writer);
    await edit({ field: 'deleted', value: null });
    expect((await popup()).day).toMatchObject({ earnings: [usd(50)], time: { paidActiveMs: 600_000 } });
    await expectRebuildEqual(writer);
  });

  it('counts a corrected active time instead of the derived one, in the rate and in the sessions’ entries', async () => {
    await edit({ field: 'activeMs', value: 300_000 });
    expect((await allAggregates())[`${today()}|mturk`]).toMatchObject({ paidActiveMs: 300_000, idleMs: 0, timedPaidMs: { USD: 300_000 } });
    // The events stay as recorded (10 minutes); the day index carries the corrected time.
    expect((await getTaskByKey('mturk:A1'))!.activeMs).toBe(600_000);
    const entries = await allDayEntries();
    expect(entries.reduce((sum, e) => sum + e.activeMs!, 0)).toBe(300_000);
    await expectRebuildEqual(writer);
  });

  it('counts a corrected approval as approved money, never in withdrawable nor in the pace; a later status row wins', async () => {
    await balancePage({ dashboard: { available: usd(200) } });
    b.advance(60_000);
    await edit({ field: 'outcome', value: 'approved' });
    expect((await allAggregates())[`${today()}|mturk`]).toMatchObject({ approved: { USD: 50 }, pending: {}, approvedUndated: { USD: 50 } });
    const [balance] = (await popup()).balances;
    // Withdrawable stays the reading; no dated approval, so no pace: the threshold is "not at this pace".
    expect(balance).toMatchObject({ pending: 0, withdrawable: 200 });
    expect(balance!.threshold!.reach).toEqual({ kind: 'not-at-this-pace' });
    await expectRebuildEqual(writer);
    // MTurk still lists it as submitted, after the correction: the platform is the authority.
    b.advance(60_000);
    await balancePage({ statuses: [statusRow('Submitted')] });
    const task = (await getTaskByKey('mturk:A1'))!;
    expect(task.status).toBe('submitted');
    expect(task.edits).toHaveLength(1);
    expect((await popup()).balances[0]).toMatchObject({ pending: 50, withdrawable: 200 });
    expect((await getRows(['mturk:A1']))[0]!.corrected).toBeUndefined();
    await expectRebuildEqual(writer);
    // Then approved there, seen pending after the reading: a dated approval, withdrawable and in the pace.
    b.advance(60_000);
    await balancePage({ statuses: [statusRow('Approved')] });
    const after = (await popup()).balances[0]!;
    expect(after).toMatchObject({ pending: 0, withdrawable: 250 });
    expect(after.threshold!.reach).toMatchObject({ kind: 'date' });
    await expectRebuildEqual(writer);
    // Corrected to rejected, then the same Approved row read again (nothing else new in it): the row still wins.
    b.advance(60_000);
    await edit({ field: 'outcome', value: 'rejected' });
    expect((await allAggregates())[`${today()}|mturk`]).toMatchObject({ earned: {}, unpaidActiveMs: 600_000 });
    b.advance(60_000);
    expect(await balancePage({ statuses: [statusRow('Approved')] })).toMatchObject({ data: { updated: 1 } });
    expect((await allAggregates())[`${today()}|mturk`]).toMatchObject({ earned: { USD: 50 }, approved: { USD: 50 }, paidActiveMs: 600_000 });
    expect((await popup()).balances[0]).toMatchObject({ withdrawable: 250 });
    await expectRebuildEqual(writer);
  });

  it('never counts money approved on the worker’s word in Prolific’s withdrawable, even before any cash-out', async () => {
    // Before any cash-out, Prolific's withdrawable is everything approved: an approval the worker typed has no date.
    await send('ui-bg-add-task', { platform: 'prolific', title: 'Study', reward: { minor: 300, currency: 'GBP' }, day: today(), outcome: 'approved' });
    expect((await popup()).balances.filter((v) => v.platform === 'prolific')).toEqual([]);
    // The same money approved by Prolific (a status row: first seen approved) is there to withdraw.
    await route({ type: 'cs-bg-balance-page', payload: { platform: 'prolific', statuses: [{ assignmentId: '5f00000000000000000000a1', hitId: '5f00000000000000000000a1', state: 'APPROVED', title: 'S', requesterName: 'Lab', reward: { minor: 200, currency: 'GBP' }, date: today() }] } }, { id: me.extensionId, url: 'https://app.prolific.com/submissions', tab: { id: 6, url: 'https://app.prolific.com/submissions' } });
    expect((await popup()).balances.find((v) => v.platform === 'prolific')).toMatchObject({ currency: 'GBP', withdrawable: 200 });
    await expectRebuildEqual(writer);
  });

  it('adds a task Centime missed: with an active time it is timed and counts in rates; without, money only', async () => {
    const timed = await send('ui-bg-add-task', { platform: 'mturk', title: 'Missed', requesterName: 'Lab', reward: usd(100), day: today(), outcome: 'submitted', activeMs: 1_200_000 });
    const key = (timed as { data: { key: string } }).data.key;
    expect(key).toMatch(/^mturk:hand-[0-9a-f]{16}$/);
    expect((await getRows([key]))[0]).toMatchObject({ addedByHand: true, activeMs: 1_200_000, status: 'submitted', day: today() });
    // 10 + 20 minutes paid, $1.50 earned, both tasks timed.
    expect((await allAggregates())[`${today()}|mturk`]).toMatchObject({ paidActiveMs: 1_800_000, tasks: 2, earned: { USD: 150 }, timedPaidMs: { USD: 1_800_000 } });
    await send('ui-bg-add-task', { platform: 'manual', title: 'Offline', reward: usd(40), day: '2026-11-20', outcome: 'approved' });
    // Untimed on its day: money, no time, no task count; approved on the worker's word.
    expect((await allAggregates())['2026-11-20|manual']).toMatchObject({ earned: { USD: 40 }, paidActiveMs: 0, tasks: 0, approvedUndated: { USD: 40 } });
    await expectRebuildEqual(writer);
  });
});
