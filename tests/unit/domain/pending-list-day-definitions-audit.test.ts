/**
 * DESIGN.md: pending items "past 30 days with no news become 'presumably approved' (shown as such)", and "records
 * that carry only a date (untimed, imported) belong to that date". The balances count an untimed pending HIT under
 * its date (the status page's Pacific day); the pending list asks again from the local day of its `submittedAt`,
 * which for an untimed record is that Pacific day's noon: in Tokyo (or after any change of time zone) that is the
 * next local day. For a whole day the popup's balance says the HIT is presumably approved while its own list still
 * shows it pending. So the pending item carries the day its task was counted under (`countedDay ?? day`), and
 * `pendingViews` asks `isPresumablyApproved` with that day.
 */
import { beforeEach, expect, it } from 'vitest';
import { balanceViews, pendingViews } from '../../../lib/background/balances';
import { applyStatus } from '../../../lib/background/status-sync';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { mturkSync } from '../../../lib/platforms/mturk-sync';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory } from '../../../lib/storage/history-db';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser } from '../background/fake-env';

const TOKYO = 'Asia/Tokyo';
let writer: TaskWriter;
let tracker: Tracker;

beforeEach(async () => {
  await clearHistory();
  await saveSettings(DEFAULT_SETTINGS);
  writer = new TaskWriter(() => TOKYO);
  tracker = new Tracker(new FakeBrowser().env(), writer, platforms);
});

it('marks an untimed pending HIT presumably approved in the list on the same day as in the balance', async () => {
  const row = { assignmentId: 'ASGT', hitId: 'HITT', title: 'Tags', requesterName: 'Shop', requesterId: 'R9', reward: { minor: 100, currency: 'USD' }, date: '2026-10-01', state: 'Submitted' };
  // Read on 2 October (Tokyo): an untimed record of MTurk's 1 October.
  await applyStatus(tracker, writer, mturkSync, row, Date.parse('2026-10-02T12:00:00+09:00'));
  // 1 November in Tokyo: 1 October + 30 days is over.
  const today = '2026-11-01';
  const balance = (await balanceViews(today, Date.parse('2026-11-01T12:00:00+09:00'), {}, TOKYO)).find((b) => b.platform === 'mturk');
  const { items } = await pendingViews(today, TOKYO);
  expect(balance).toMatchObject({ pending: 0, presumablyApproved: 100 });
  expect(items).toHaveLength(1);
  expect(items[0]?.presumed).toBe(true);
});
