// Approval delays follow the worker's corrections (DESIGN.md, "Payment dates" and corrections): the popup's expected
// payment dates come from the `delays:` and `medians:` records, which must count a task as the history's Figures tab
// does. A deleted task's approval is no delay; a task whose requester was corrected tells how fast the corrected
// requester pays. The approvals themselves (primary) stay as recorded. Through the router and the real writer.
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory } from '../../../lib/storage/history-db';
import { loadHistoryFigures } from '../../../lib/storage/history-figures-load';
import { allApprovals } from '../../../lib/storage/ledger-db';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';
import { get } from 'idb-keyval';
import { kv } from '../../../lib/storage/database';
import { getMedians } from '../../../lib/storage/summaries';
import { expectRebuildEqual } from '../storage/raw-records';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const GROUP = '3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0';
const usd = (minor: number) => ({ minor, currency: 'USD' });
const DAY = 86_400_000;
const history: Sender = { id: me.extensionId, url: `${me.extensionOrigin}task-history.html` };
const dashboardTab: Sender = { id: me.extensionId, url: 'https://worker.mturk.com/dashboard', tab: { id: 5, url: 'https://worker.mturk.com/dashboard' } };

describe("approval delays as the worker's corrections make them", () => {
  let b: FakeBrowser;
  let route: Route;
  let writer: TaskWriter;
  let tracker: Tracker;
  let start: number;
  const send = (type: string, payload: unknown) => route({ type, payload }, history);
  const edit = async (key: string, change: object) => expect(await send('ui-bg-edit-task', { key, change })).toMatchObject({ ok: true });
  const popup = async () => ((await send('ui-bg-get-popup', {})) as { data: PopupData }).data;
  const expectedOf = async (key: string) => {
    const item = (await popup()).pending.items.find((i) => i.key === key)!;
    return item.expected === null ? null : (item.expected - item.submittedAt!) / DAY;
  };
  /** A HIT of `requesterId` timed here and submitted; approved `days` later when given. */
  const hit = async (id: string, requesterId: string, days?: number) => {
    const url = `https://worker.mturk.com/projects/${GROUP}/tasks/H${id}?assignment_id=${id}`;
    b.tabs = [{ id: 1, windowId: 1, url, active: true }];
    const snapshot = { platform: 'mturk', taskId: id, groupId: GROUP, title: 'Label', requesterName: requesterId, requesterId, reward: usd(50) };
    await route({ type: 'cs-bg-task-seen', payload: snapshot }, { id: me.extensionId, url, tab: { id: 1, url } });
    b.advance(10_000);
    await tracker.outcome(`mturk:${id}`, 'submitted');
    if (days === undefined) return;
    const submitted = b.wall;
    b.advance(days * DAY);
    const row = { assignmentId: id, hitId: `H${id}`, state: 'Approved', title: 'Label', requesterName: requesterId, requesterId, reward: usd(50), date: '2026-11-26' };
    await route({ type: 'cs-bg-balance-page', payload: { platform: 'mturk', statuses: [row] } }, dashboardTab);
    b.wall = submitted + 60_000;
  };
  /** The median delay (days) the history's Figures tab shows for a requester, over everything recorded. */
  const figuresMedian = async (requester: string) => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const deps = { now: { wall: b.wall, mono: 0, origin: 0 }, today: day(b.wall), timeZone: 'UTC', settings: { ...DEFAULT_SETTINGS, displayCurrency: 'USD' } };
    const f = await loadHistoryFigures({ from: day(start), to: day(b.wall + 60 * DAY), grouping: 'day', firstDay: 1 }, deps);
    const ms = f.requesters.find((r) => r.requester === requester)?.delays.medianMs ?? null;
    return ms === null ? null : ms / DAY;
  };

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    start = b.wall;
    writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(b.env(), writer, platforms);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  });

  it("leaves a deleted task's delay out of its requester's median and the expected date, and brings it back when restored", async () => {
    // Requester A approved after 1, 2, 10 and 10 days: a median of 6 days. A1 is pending.
    for (const [i, days] of [1, 2, 10, 10].entries()) await hit(`A${i}`, 'AREQ', days);
    await hit('P1', 'AREQ');
    expect(await expectedOf('mturk:P1')).toBe(6);
    expect(await figuresMedian('AREQ')).toBe(6);
    const approvals = await allApprovals();

    await edit('mturk:A3', { field: 'deleted', value: true });
    // 1, 2 and 10 days: 2 days, in the popup as in the figures; the approval itself is as recorded.
    expect(await figuresMedian('AREQ')).toBe(2);
    expect(await expectedOf('mturk:P1')).toBe(2);
    expect((await getMedians(['mturk'])).mturk!.AREQ!.median).toBe(2 * DAY);
    expect(await allApprovals()).toEqual(approvals);
    await expectRebuildEqual(writer);

    await edit('mturk:A3', { field: 'deleted', value: null });
    expect(await expectedOf('mturk:P1')).toBe(6);
    await expectRebuildEqual(writer);
  });

  it("gives a task's delay to the requester the worker corrected it to", async () => {
    for (const [i, days] of [1, 2, 10, 10].entries()) await hit(`A${i}`, 'AREQ', days);
    for (const [i, days] of [3, 3].entries()) await hit(`B${i}`, 'BREQ', days);
    await hit('P1', 'AREQ');
    await hit('P2', 'BREQ');
    // B has only two delays: no expected date yet.
    expect(await expectedOf('mturk:P2')).toBeNull();

    await edit('mturk:A3', { field: 'requester', value: { name: 'BREQ', id: 'BREQ' } });
    // A: 1, 2, 10 → 2 days; B: 3, 3, 10 → 3 days. The figures say the same.
    expect(await expectedOf('mturk:P1')).toBe(2);
    expect(await expectedOf('mturk:P2')).toBe(3);
    expect(await figuresMedian('AREQ')).toBe(2);
    expect(await figuresMedian('BREQ')).toBe(3);
    await expectRebuildEqual(writer);

    // Deleted once corrected: in neither.
    await edit('mturk:A3', { field: 'deleted', value: true });
    expect(await expectedOf('mturk:P2')).toBeNull();
    expect(await expectedOf('mturk:P1')).toBe(2);
    await expectRebuildEqual(writer);
    // Restored, then the requester restored: back to A.
    await edit('mturk:A3', { field: 'deleted', value: null });
    await edit('mturk:A3', { field: 'requester', value: null });
    expect(await expectedOf('mturk:P1')).toBe(6);
    expect(await expectedOf('mturk:P2')).toBeNull();
    await expectRebuildEqual(writer);
  });

  it('reads a task approved after its deletion or its correction as it is then', async () => {
    for (const [i, days] of [1, 2, 10].entries()) await hit(`A${i}`, 'AREQ', days);
    await hit('A3', 'AREQ');
    await edit('mturk:A3', { field: 'requester', value: { name: 'BREQ', id: 'BREQ' } });
    await hit('P1', 'AREQ');
    b.advance(20 * DAY);
    const row = { assignmentId: 'A3', hitId: 'HA3', state: 'Approved', title: 'Label', requesterName: 'AREQ', requesterId: 'AREQ', reward: usd(50), date: '2026-11-26' };
    await route({ type: 'cs-bg-balance-page', payload: { platform: 'mturk', statuses: [row] } }, dashboardTab);
    // A3's 20 days are B's: A keeps 1, 2, 10.
    expect(await expectedOf('mturk:P1')).toBe(2);
    await expectRebuildEqual(writer);
  });

  it('lets an older delay back among the last 50 kept when one of them is deleted', async () => {
    // 51 delays of A; the one approved first (half a day) is not among the 50 kept (1 day each but the last, 3 days).
    await hit('A0', 'AREQ', 0.5);
    for (let i = 1; i <= 50; i++) await hit(`A${i}`, 'AREQ', i === 50 ? 3 : 1);
    const kept = async () => ((await get('delays:mturk:AREQ', kv())) as { ms: number }[]).map((d) => d.ms / DAY);
    expect(await kept()).toEqual([...Array<number>(49).fill(1), 3]);
    await edit('mturk:A50', { field: 'deleted', value: true });
    // A0's half day is back among the last 50.
    expect(await kept()).toEqual([0.5, ...Array<number>(49).fill(1)]);
    await expectRebuildEqual(writer);
    await edit('mturk:A50', { field: 'deleted', value: null });
    await expectRebuildEqual(writer);
  }, 30_000);
});
