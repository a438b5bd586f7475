import { beforeEach, expect, it } from 'vitest';
import { dataHandlers } from '../../../lib/background/data-handlers';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { applyStatus } from '../../../lib/background/status-sync';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { readHitTrackerBackup } from '../../../lib/data/mturk-suite';
import { suiteTasks } from '../../../lib/data/suite-import';
import type { PopupData } from '../../../lib/messaging';
import { mturkSync } from '../../../lib/platforms/mturk-sync';
import { platforms } from '../../../lib/platforms/registry';
import { primaryData } from '../../../lib/storage/backup-read';
import { clearHistory } from '../../../lib/storage/history-db';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from './fake-env';

// An MTurk Suite backup may give a HIT without its assignment id (DESIGN.md: "sometimes assignment_id"): it is
// stored under its HIT id. MTurk's status page of its day names it by assignment id and HIT id: that row is the
// same HIT, never a second record counting its money again.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const page: Sender = { id: me.extensionId, url: `${me.extensionOrigin}options.html` };
const at = (iso: string) => Date.parse(iso);
let route: Route;
let writer: TaskWriter;
let tracker: Tracker;
const send = async <T>(type: string, payload: unknown): Promise<T> => {
  const reply = (await route({ type, payload } as never, page)) as { ok: boolean; data: T; error?: { code: string } };
  if (!reply.ok) throw new Error(reply.error?.code);
  return reply.data;
};

beforeEach(async () => {
  await clearHistory();
  await saveSettings(DEFAULT_SETTINGS);
  writer = new TaskWriter(() => 'UTC');
  tracker = new Tracker(new FakeBrowser().env(), writer, platforms);
  const data = dataHandlers({ writer, now: () => at('2026-11-27T14:00:00Z'), clearStorage: async () => {}, afterDelete: async () => {} });
  route = createRouter({ ...createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), ...data }, me);
});

it('matches a status row to a HIT imported by its HIT id: one record, its money once, its status followed', async () => {
  const hits = [{ hit_id: 'HITX', requester_id: 'R1', requester_name: 'Lab', reward: { amount_in_dollars: 3 }, state: 'Submitted', title: 'Survey', date: '20261120' }];
  const tasks = suiteTasks(readHitTrackerBackup(JSON.stringify({ hits, days: [] })).tasks);
  await send('ui-bg-import-stage', { importId: 'import-0001', part: { tasks } });
  await send('ui-bg-import-commit', { importId: 'import-0001' });
  const row = { assignmentId: 'ASGX', hitId: 'HITX', title: 'Survey', requesterName: 'Lab', requesterId: 'R1', reward: { minor: 300, currency: 'USD' }, date: '2026-11-20' };
  await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Submitted' }, at('2026-11-27T14:00:00Z'));
  const pending = async () => (await send<PopupData>('ui-bg-get-popup', {})).balances.find((b) => b.platform === 'mturk');
  expect((await primaryData()).tasks.filter((t) => t.hitId === 'HITX').map((t) => t.taskId)).toEqual(['HITX']);
  expect((await pending())?.pending).toBe(300);
  // Approved the next day: the same record moves on.
  await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Approved' }, at('2026-11-28T14:00:00Z'));
  const after = (await primaryData()).tasks.filter((t) => t.hitId === 'HITX');
  expect(after.map((t) => [t.taskId, t.status])).toEqual([['HITX', 'approved']]);
  expect((await pending())?.pending).toBe(0);
});

it('still keys a HIT Centime timed by its assignment id', async () => {
  const row = { assignmentId: 'ASGY', hitId: 'HITY', title: 'Survey', requesterName: 'Lab', reward: { minor: 100, currency: 'USD' }, date: '2026-11-20' };
  await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Approved' }, at('2026-11-27T14:00:00Z'));
  expect((await primaryData()).tasks.map((t) => t.taskId)).toEqual(['ASGY']);
});
