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
import { prolificSync } from '../../../lib/platforms/prolific-sync';
import { platforms } from '../../../lib/platforms/registry';
import { primaryData } from '../../../lib/storage/backup-read';
import { allAggregates, clearHistory } from '../../../lib/storage/history-db';
import { expectRebuildEqual } from '../storage/raw-records';
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

async function importSuite(hits: Record<string, unknown>[]): Promise<void> {
  const tasks = suiteTasks(readHitTrackerBackup(JSON.stringify({ hits, days: [] })).tasks);
  await send('ui-bg-import-stage', { importId: 'import-0001', part: { tasks } });
  await send('ui-bg-import-commit', { importId: 'import-0001' });
}
const suiteHit = { hit_id: 'HITX', requester_id: 'R1', requester_name: 'Lab', reward: { amount_in_dollars: 3 }, state: 'Submitted', title: 'Survey', date: '20261120' };
const row = { assignmentId: 'ASGX', hitId: 'HITX', title: 'Survey', requesterName: 'Lab', requesterId: 'R1', reward: { minor: 300, currency: 'USD' }, date: '2026-11-20' };
const mturk = async () => (await send<PopupData>('ui-bg-get-popup', {})).balances.find((b) => b.platform === 'mturk');
const copies = async () => (await primaryData()).tasks.filter((t) => t.hitId === 'HITX').map((t) => [t.taskId, t.status]);

it('moves a HIT imported by its HIT id to the assignment a status row names: one record, its money once, its status followed', async () => {
  await importSuite([suiteHit]);
  await writer.addReading('mturk', { at: at('2026-11-21T08:00:00Z'), available: { minor: 0, currency: 'USD' } });
  await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Submitted' }, at('2026-11-27T14:00:00Z'));
  // Keyed by its assignment id from now on, as Centime's own records are: no copy left under its HIT id.
  expect(await copies()).toEqual([['ASGX', 'submitted']]);
  expect((await mturk())?.pending).toBe(300);
  await expectRebuildEqual(writer);
  // Approved the next day: the same record moves on, its approval dated under the assignment.
  await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Approved' }, at('2026-11-28T14:00:00Z'));
  expect(await copies()).toEqual([['ASGX', 'approved']]);
  expect((await primaryData()).approvals.map((a) => [a.approval.task, a.approval.minor])).toEqual([['mturk:ASGX', 300]]);
  expect(await mturk()).toMatchObject({ pending: 0, withdrawable: 300 });
  expect(Object.values(await allAggregates()).map((day) => day.earned)).toEqual([{ USD: 300 }]);
  await expectRebuildEqual(writer);
});

it('moves it even when the row tells nothing new, so that a later import of the assignment joins it by key', async () => {
  await importSuite([{ ...suiteHit, state: 'Approved' }]);
  await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Approved' }, at('2026-11-27T14:00:00Z'));
  expect(await copies()).toEqual([['ASGX', 'approved']]);
  // The same assignment in a Centime backup of another browser, open there when it was made: one task.
  const open = {
    v: 2, platform: 'mturk', taskId: 'ASGX', hitId: 'HITX', title: 'Survey', requesterName: 'Lab', reward: { minor: 300, currency: 'USD' }, status: 'open',
    firstSeenAt: at('2026-11-20T17:00:00Z'), external: false, events: [{ boot: 1, n: 1, type: 'front', at: { wall: at('2026-11-20T17:00:00Z'), mono: 1, origin: 0 } }],
  };
  await send('ui-bg-import-stage', { importId: 'import-0002', part: { tasks: [open] } });
  await send('ui-bg-import-commit', { importId: 'import-0002' });
  expect(await copies()).toEqual([['ASGX', 'approved']]);
  expect(Object.values(await allAggregates()).map((day) => day.earned)).toEqual([{ USD: 300 }]);
  await expectRebuildEqual(writer);
});

it('keeps a deletion the worker made of the copy it moves: the HIT stays out of the figures', async () => {
  await importSuite([suiteHit]);
  await send('ui-bg-edit-task', { key: 'mturk:HITX', change: { field: 'deleted', value: true } });
  expect((await mturk())?.pending ?? 0).toBe(0);
  await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Approved' }, at('2026-11-27T14:00:00Z'));
  expect(await copies()).toEqual([['ASGX', 'approved']]);
  expect((await mturk())?.pending ?? 0).toBe(0);
  expect(await allAggregates()).toEqual({});
  await expectRebuildEqual(writer);
});

it('still keys a HIT Centime timed by its assignment id', async () => {
  const row = { assignmentId: 'ASGY', hitId: 'HITY', title: 'Survey', requesterName: 'Lab', reward: { minor: 100, currency: 'USD' }, date: '2026-11-20' };
  await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Approved' }, at('2026-11-27T14:00:00Z'));
  expect((await primaryData()).tasks.map((t) => t.taskId)).toEqual(['ASGY']);
});

it('never moves an approved task back to returned or timed out: the platform\u2019s verdict stands, its money with it', async () => {
  const study = { assignmentId: 'S1', hitId: 'S1', title: 'Study', requesterName: 'Lab', reward: { minor: 150, currency: 'GBP' }, date: '2026-11-20' };
  await applyStatus(tracker, writer, prolificSync, { ...study, state: 'APPROVED' }, at('2026-11-25T14:00:00Z'));
  for (const state of ['RETURNED', 'TIMED-OUT', 'AWAITING REVIEW']) {
    await applyStatus(tracker, writer, prolificSync, { ...study, state }, at('2026-11-26T14:00:00Z'));
    expect((await primaryData()).tasks.map((t) => [t.taskId, t.status])).toEqual([['S1', 'approved']]);
  }
  // A rejection reversed is another verdict: it moves.
  await applyStatus(tracker, writer, prolificSync, { ...study, assignmentId: 'S2', hitId: 'S2', state: 'REJECTED' }, at('2026-11-25T14:00:00Z'));
  await applyStatus(tracker, writer, prolificSync, { ...study, assignmentId: 'S2', hitId: 'S2', state: 'APPROVED' }, at('2026-11-26T14:00:00Z'));
  expect((await primaryData()).tasks.find((t) => t.taskId === 'S2')?.status).toBe('approved');
  await expectRebuildEqual(writer);
});
