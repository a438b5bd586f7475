// @vitest-environment node
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { allAggregates, clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const GROUP = '3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0';
const usd = (minor: number) => ({ minor, currency: 'USD' });
const dashboardTab: Sender = { id: me.extensionId, url: 'https://worker.mturk.com/dashboard', tab: { id: 5, url: 'https://worker.mturk.com/dashboard' } };
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
const row = (assignmentId: string, state: string, reward = usd(50)) => ({
  assignmentId, hitId: `H${assignmentId}`, state, title: 'Label', requesterName: 'Lab', reward, date: '2026-11-26',
});

describe('balances from the pages the worker opens', () => {
  let b: FakeBrowser;
  let route: Route;
  let tracker: Tracker;
  const popupData = async () => ((await route({ type: 'ui-bg-get-popup', payload: {} }, popup)) as { data: PopupData }).data;
  const balancePage = (payload: object) => route({ type: 'cs-bg-balance-page', payload: { platform: 'mturk', ...payload } }, dashboardTab);

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(b.env(), writer, platforms);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
    // One HIT timed and submitted: $0.50 pending.
    const url = `https://worker.mturk.com/projects/${GROUP}/tasks/H1?assignment_id=A1`;
    b.tabs = [{ id: 1, windowId: 1, url, active: true }];
    const snapshot = { platform: 'mturk', taskId: 'A1', groupId: GROUP, title: 'Label', requesterName: 'Lab', reward: usd(50) };
    await route({ type: 'cs-bg-task-seen', payload: snapshot }, { id: me.extensionId, url, tab: { id: 1, url } });
    b.advance(60_000);
    await tracker.outcome('mturk:A1', 'submitted');
  });

  it('shows pending at once, and withdrawable once the dashboard was read', async () => {
    expect((await popupData()).balances).toEqual([
      { platform: 'mturk', currency: 'USD', pending: 50, presumablyApproved: 0, withdrawable: null, withdrawableSince: null, bonusIncome: 0 },
    ]);
    await balancePage({ dashboard: { available: usd(1234), bonuses: usd(300) } });
    expect((await popupData()).balances[0]).toMatchObject({ pending: 50, withdrawable: 1234, withdrawableSince: b.wall });
  });

  it('moves a late approval from pending to withdrawable, on the day it was submitted', async () => {
    await balancePage({ dashboard: { available: usd(1000) } });
    b.advance(3_600_000);
    expect(await balancePage({ statuses: [row('A1', 'Approved')] })).toEqual({ ok: true, data: { reading: false, updated: 1 } });
    expect(await getTaskByKey('mturk:A1')).toMatchObject({ status: 'approved', approvedAt: b.wall, activeMs: 60_000 });
    expect((await popupData()).balances[0]).toMatchObject({ pending: 0, withdrawable: 1050 });
    const day = new Date(b.wall).toISOString().slice(0, 10);
    expect((await allAggregates())[`${day}|mturk`]).toMatchObject({ pending: {}, approved: { USD: 50 }, paidActiveMs: 60_000 });
    // Seen again (Paid): nothing changes, nothing is counted twice.
    expect(await balancePage({ statuses: [row('A1', 'Paid')] })).toMatchObject({ data: { updated: 0 } });
    expect((await popupData()).balances[0]).toMatchObject({ withdrawable: 1050 });
  });

  it('turns a rejection into unpaid time, and a HIT never timed into an untimed record on its MTurk day', async () => {
    await balancePage({ statuses: [row('A1', 'Rejected'), row('A9', 'Approved', usd(120))] });
    const day = new Date(b.wall).toISOString().slice(0, 10);
    expect((await allAggregates())[`${day}|mturk`]).toMatchObject({ unpaidActiveMs: 60_000, paidActiveMs: 0, earned: {} });
    expect(await getTaskByKey('mturk:A9')).toMatchObject({ untimed: true, day: '2026-11-26', status: 'approved', activeMs: 0 });
    expect((await allAggregates())['2026-11-26|mturk']).toMatchObject({ earned: { USD: 120 }, approved: { USD: 120 }, tasks: 0, paidActiveMs: 0 });
  });

  it('refuses a balance page from a tab that is not on MTurk', async () => {
    const reply = await route(
      { type: 'cs-bg-balance-page', payload: { platform: 'mturk', dashboard: { available: usd(999_999) } } },
      { id: me.extensionId, url: 'https://evil.example/', tab: { id: 6, url: 'https://evil.example/' } },
    );
    expect(reply).toMatchObject({ ok: false });
  });
});
