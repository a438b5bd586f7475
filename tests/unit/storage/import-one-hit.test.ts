import { beforeEach, describe, expect, it } from 'vitest';
import { dataHandlers } from '../../../lib/background/data-handlers';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { applyStatus } from '../../../lib/background/status-sync';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { restoredTask, writeBackup, type BackupParts, type BackupTask } from '../../../lib/data/backup';
import type { PopupData } from '../../../lib/messaging';
import { previewImport, type ImportPreview } from '../../../lib/pages/data-io';
import { mturkSync } from '../../../lib/platforms/mturk-sync';
import { platforms } from '../../../lib/platforms/registry';
import { primaryData } from '../../../lib/storage/backup-read';
import { allAggregates, clearHistory } from '../../../lib/storage/history-db';
import { rebuild } from '../../../lib/storage/rebuild';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from '../background/fake-env';
import { expectRebuildEqual } from './raw-records';

// One MTurk HIT is one task, whichever import brings it (DESIGN.md, MTurk Suite's backup: "sometimes
// assignment_id"). A Suite HIT without its assignment id is stored under its HIT id; Centime keys its own records
// by assignment id and keeps the HIT id. An import that brings the other copy of the same HIT must merge it into
// one record (the timed one wins, the more advanced platform state is kept), never add a second one counting the
// reward again; and what the import writes must be what a rebuild gives.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const page: Sender = { id: me.extensionId, url: `${me.extensionOrigin}options.html` };
const at = (iso: string) => Date.parse(iso);
const stamp = (iso: string) => ({ wall: at(iso), mono: at(iso), origin: 0 });
const NOW = at('2026-11-27T14:00:00Z');

/** MTurk Suite's HIT Tracker backup (DESIGN.md, "Platforms"): this HIT has no assignment id. */
const suiteFile = (state: string) => JSON.stringify({
  hits: [{ hit_id: '3HITX', requester_id: 'AR1', requester_name: 'Lab', reward: { amount_in_dollars: 3 }, state, title: 'Survey', date: '20261120', source: 'https://worker.mturk.com/projects/G1/tasks/3HITX' }],
  days: [{ date: '20261120', submitted: 1 }],
});

/** The same HIT as Centime timed it in another browser: assignment 3ASGX, submitted on 20 November. */
const timed: TaskRecord = {
  v: 2, platform: 'mturk', taskId: '3ASGX', hitId: '3HITX', groupId: 'G1', title: 'Survey', requesterName: 'Lab', reward: { minor: 300, currency: 'USD' },
  firstSeenAt: at('2026-11-20T17:00:00Z'), updatedAt: at('2026-11-20T17:12:00Z'), status: 'submitted', endedAt: at('2026-11-20T17:12:00Z'),
  countedDay: '2026-11-20', observedAt: at('2026-11-20T17:12:00Z'), external: false, activeMs: 0, idleMs: 0,
  events: [{ boot: 1, n: 1, type: 'front', at: stamp('2026-11-20T17:00:00Z') }, { boot: 1, n: 2, type: 'outcome', outcome: 'submitted', at: stamp('2026-11-20T17:12:00Z') }],
};

/** The Suite record as an older version left it: approved by a status page under its HIT id, its approval dated. */
const approvedCopy = {
  v: 2, platform: 'mturk', taskId: '3HITX', hitId: '3HITX', title: 'Survey', requesterName: 'Lab', requesterId: 'AR1', reward: { minor: 300, currency: 'USD' },
  status: 'approved', endedAt: at('2026-11-20T20:00:00Z'), day: '2026-11-20', untimed: true, external: false, events: [],
  firstSeenAt: at('2026-11-20T20:00:00Z'), observedAt: at('2026-11-23T14:00:00Z'), approvedAt: at('2026-11-23T14:00:00Z'), countedDay: '2026-11-20',
} as const satisfies BackupTask;
const copyApproval = { at: at('2026-11-23T14:00:00Z'), knownAt: at('2026-11-20T20:00:00Z'), minor: 300, currency: 'USD', task: 'mturk:3HITX', part: 'reward' as const };

const emptyParts = (): BackupParts => ({ tasks: [], stretches: [], bonuses: [], readings: [], approvals: [], transfers: [], legacyDelays: [] });
const centimeFile = (parts: Partial<BackupParts>) => writeBackup({ exportedAt: NOW, ...emptyParts(), ...parts, settings: null, customRules: [] });

describe('an import of the other copy of an MTurk HIT', () => {
  let route: Route;
  let writer: TaskWriter;
  let tracker: Tracker;
  const send = async <T>(type: string, payload: unknown): Promise<T> => {
    const reply = (await route({ type, payload } as never, page)) as { ok: boolean; data: T; error?: { code: string } };
    if (!reply.ok) throw new Error(reply.error?.code);
    return reply.data;
  };
  let imports = 0;
  /** The options page's import: its preview, then its parts staged and confirmed (lib/pages/data-io.ts). */
  async function importFile(text: string): Promise<ImportPreview['counts']> {
    const preview = (await previewImport(text, NOW)) as ImportPreview;
    expect(preview.problems).toEqual([]);
    const importId = `import-${++imports}`;
    await send('ui-bg-import-stage', { importId, part: preview.parts });
    const { counts } = await send<{ counts: ImportPreview['counts'] }>('ui-bg-import-commit', { importId });
    // The preview said what the import did.
    expect(counts).toEqual(preview.counts);
    return counts;
  }
  const mturk = async () => (await send<PopupData>('ui-bg-get-popup', {})).balances.find((b) => b.platform === 'mturk');
  const copies = async () => (await primaryData()).tasks.filter((t) => t.hitId === '3HITX');
  beforeEach(async () => {
    await clearHistory();
    await saveSettings(DEFAULT_SETTINGS);
    writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(new FakeBrowser().env(), writer, platforms);
    const data = dataHandlers({ writer, now: () => NOW, clearStorage: async () => {}, afterDelete: async () => {} });
    route = createRouter({ ...createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), ...data }, me);
  });

  it('a Centime backup over the Suite record: one task, the timed one, its reward pending once', async () => {
    await importFile(suiteFile('Submitted'));
    expect((await mturk())?.pending).toBe(300);
    const counts = await importFile(centimeFile({ tasks: [timed] }));
    expect(counts.tasks).toEqual({ added: 0, duplicate: 0, updated: 1 });
    const [task, ...others] = await copies();
    expect(others).toEqual([]);
    expect(task).toMatchObject({ taskId: '3ASGX', status: 'submitted', events: timed.events, requesterId: 'AR1' });
    expect(task?.untimed).toBeUndefined();
    expect((await mturk())?.pending).toBe(300);
    await expectRebuildEqual(writer);
    // Importing either file again changes nothing.
    expect((await importFile(centimeFile({ tasks: [timed] }))).tasks).toEqual({ added: 0, duplicate: 1, updated: 0 });
    expect((await importFile(suiteFile('Submitted'))).tasks).toEqual({ added: 0, duplicate: 1, updated: 0 });
    expect(await copies()).toHaveLength(1);
  });

  it('keeps what each copy knows: the Suite record approved since (by a status page) stays approved, its approval once', async () => {
    await importFile(suiteFile('Submitted'));
    await writer.addReading('mturk', { at: at('2026-11-21T08:00:00Z'), available: { minor: 0, currency: 'USD' } });
    // The status page names it by assignment and HIT id: the Suite record moves to its assignment, approved (dated).
    const row = { assignmentId: '3ASGX', hitId: '3HITX', title: 'Survey', requesterName: 'Lab', requesterId: 'AR1', reward: { minor: 300, currency: 'USD' }, date: '2026-11-20' };
    await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Submitted' }, at('2026-11-22T14:00:00Z'));
    await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Approved' }, at('2026-11-23T14:00:00Z'));
    expect(await mturk()).toMatchObject({ pending: 0, withdrawable: 300 });
    // The other browser saw it approved too, a day later.
    const approvedThere = { ...timed, status: 'approved' as const, approvedAt: at('2026-11-24T10:00:00Z'), observedAt: at('2026-11-24T10:00:00Z') };
    const approval = { at: at('2026-11-24T10:00:00Z'), knownAt: timed.endedAt!, minor: 300, currency: 'USD', task: 'mturk:3ASGX', part: 'reward' as const };
    await importFile(centimeFile({ tasks: [approvedThere], approvals: [{ platform: 'mturk', approval }] }));
    const [task, ...others] = await copies();
    expect(others).toEqual([]);
    expect(task).toMatchObject({ taskId: '3ASGX', status: 'approved', events: timed.events });
    // One approval of its reward, under the one task: withdrawable counts it once.
    expect((await primaryData()).approvals.map((a) => [a.approval.task, a.approval.minor])).toEqual([['mturk:3ASGX', 300]]);
    expect(await mturk()).toMatchObject({ pending: 0, withdrawable: 300 });
    await expectRebuildEqual(writer);
  });

  it('a backup holding the Suite record (another browser imported it, a status page approved it) over the task timed here: one task', async () => {
    // The other browser, on a version whose status pages followed the Suite record under its HIT id: that record
    // approved, with a dated approval of `mturk:3HITX`.
    const otherBrowser = { tasks: [approvedCopy], approvals: [{ platform: 'mturk', approval: copyApproval }] };
    // This browser read the dashboard that morning, then timed it.
    await clearHistory();
    await writer.addReading('mturk', { at: at('2026-11-20T08:00:00Z'), available: { minor: 0, currency: 'USD' } });
    await writer.serial(() => writer.update('mturk:3ASGX', () => timed, timed.updatedAt));
    expect(await mturk()).toMatchObject({ pending: 300, withdrawable: 0 });
    const counts = await importFile(centimeFile({ tasks: otherBrowser.tasks, approvals: otherBrowser.approvals }));
    expect(counts.tasks).toEqual({ added: 0, duplicate: 0, updated: 1 });
    const [task, ...others] = await copies();
    expect(others).toEqual([]);
    expect(task).toMatchObject({ taskId: '3ASGX', status: 'approved', events: timed.events, requesterId: 'AR1' });
    expect(task?.untimed).toBeUndefined();
    // Its approval follows it: the reward approved once (withdrawable since the reading), no longer pending.
    expect((await primaryData()).approvals.map((a) => [a.approval.task, a.approval.minor])).toEqual([['mturk:3ASGX', 300]]);
    expect(await mturk()).toMatchObject({ pending: 0, withdrawable: 300 });
    await expectRebuildEqual(writer);
    expect((await importFile(centimeFile({ tasks: otherBrowser.tasks, approvals: otherBrowser.approvals }))).tasks).toEqual({ added: 0, duplicate: 1, updated: 0 });
    expect((await primaryData()).approvals).toHaveLength(1);
  });

  it('a Suite HIT with its assignment id over an earlier Suite import of it without one: one task', async () => {
    await importFile(suiteFile('Submitted'));
    const withAssignment = JSON.parse(suiteFile('Approved')) as { hits: Record<string, unknown>[] };
    withAssignment.hits[0]!.assignment_id = '3ASGX';
    const counts = await importFile(JSON.stringify(withAssignment));
    expect(counts.tasks).toEqual({ added: 0, duplicate: 0, updated: 1 });
    expect((await copies()).map((t) => [t.taskId, t.status])).toEqual([['3ASGX', 'approved']]);
    expect((await mturk())?.pending).toBe(0);
    await expectRebuildEqual(writer);
  });
});

// The same HIT when the Suite file comes while the worker is doing it here: its assignment's record is open (the
// tracker's), which no import joins. When it closes, the writer joins the Suite record to it in the same
// transaction, as an import would: one task, its reward counted once, on the day it was submitted here.
describe('a Suite record of the HIT open here, when the task closes', () => {
  let b: FakeBrowser;
  let route: Route;
  let writer: TaskWriter;
  let tracker: Tracker;
  const url = 'https://worker.mturk.com/projects/G1/tasks/3HITX?assignment_id=3ASGX';
  const tab: Sender = { id: me.extensionId, url, tab: { id: 1, url } };
  const send = async <T>(type: string, payload: unknown): Promise<T> => {
    const reply = (await route({ type, payload } as never, page)) as { ok: boolean; data: T; error?: { code: string } };
    if (!reply.ok) throw new Error(reply.error?.code);
    return reply.data;
  };
  async function importFile(text: string): Promise<void> {
    const preview = (await previewImport(text, NOW)) as ImportPreview;
    await send('ui-bg-import-stage', { importId: 'import-1', part: preview.parts });
    await send('ui-bg-import-commit', { importId: 'import-1' });
  }
  const mturk = async () => (await send<PopupData>('ui-bg-get-popup', {})).balances.find((x) => x.platform === 'mturk');
  const copies = async () => (await primaryData()).tasks.filter((t) => t.hitId === '3HITX');
  const earned = async () => Object.entries(await allAggregates()).map(([key, day]) => [key, day.earned]);

  beforeEach(async () => {
    await clearHistory();
    await saveSettings(DEFAULT_SETTINGS);
    b = new FakeBrowser();
    writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(b.env(), writer, platforms);
    const data = dataHandlers({ writer, now: () => NOW, clearStorage: async () => {}, afterDelete: async () => {} });
    route = createRouter({ ...createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), ...data }, me);
    // The worker accepts the HIT here and works on it: its assignment's record is open.
    b.tabs = [{ id: 1, windowId: 1, url, active: true }];
    const snapshot = { platform: 'mturk', taskId: '3ASGX', hitId: '3HITX', groupId: 'G1', title: 'Survey', requesterName: 'Lab', reward: { minor: 300, currency: 'USD' } };
    await route({ type: 'cs-bg-task-seen', payload: snapshot }, tab);
    b.advance(300_000);
  });

  it('submitted here: the Suite record joins it, its reward pending once, under the day it was submitted', async () => {
    await importFile(suiteFile('Submitted'));
    // Still open here: the import left the Suite record beside it (an open task takes no copy).
    expect((await copies()).map((t) => [t.taskId, t.status])).toEqual([['3ASGX', 'open'], ['3HITX', 'submitted']]);
    await tracker.outcome('mturk:3ASGX', 'submitted');
    const [task, ...others] = await copies();
    expect(others).toEqual([]);
    expect(task).toMatchObject({ taskId: '3ASGX', status: 'submitted', requesterId: 'AR1', countedDay: '2026-11-27' });
    expect(task?.untimed).toBeUndefined();
    expect(task?.events.length).toBeGreaterThan(0);
    expect((await mturk())?.pending).toBe(300);
    // The Suite record's day (20 November) no longer counts it: 27 November does, once.
    expect(await earned()).toEqual([['2026-11-27|mturk', { USD: 300 }]]);
    await expectRebuildEqual(writer);
    // Importing the file again adds nothing.
    await importFile(suiteFile('Submitted'));
    expect(await copies()).toHaveLength(1);
  });

  it('its approvals follow it: the copy approved under its HIT id (an older version) makes it approved, withdrawable once', async () => {
    await writer.addReading('mturk', { at: at('2026-11-20T08:00:00Z'), available: { minor: 0, currency: 'USD' } });
    await importFile(centimeFile({ tasks: [approvedCopy], approvals: [{ platform: 'mturk', approval: copyApproval }] }));
    expect(await mturk()).toMatchObject({ pending: 0, withdrawable: 300 });
    await tracker.outcome('mturk:3ASGX', 'submitted');
    expect((await copies()).map((t) => [t.taskId, t.status])).toEqual([['3ASGX', 'approved']]);
    expect((await primaryData()).approvals.map((a) => [a.approval.task, a.approval.minor])).toEqual([['mturk:3ASGX', 300]]);
    expect(await mturk()).toMatchObject({ pending: 0, withdrawable: 300 });
    expect(await earned()).toEqual([['2026-11-27|mturk', { USD: 300 }]]);
    await expectRebuildEqual(writer);
  });

  it("keeps one approval of the reward: the copy's is dropped where the assignment already has one", async () => {
    await writer.addReading('mturk', { at: at('2026-11-20T08:00:00Z'), available: { minor: 0, currency: 'USD' } });
    // A backup that dated the assignment's approval too (another browser saw it approved a day later).
    const own = { ...copyApproval, at: at('2026-11-24T14:00:00Z'), task: 'mturk:3ASGX' };
    await importFile(centimeFile({ tasks: [approvedCopy], approvals: [{ platform: 'mturk', approval: copyApproval }, { platform: 'mturk', approval: own }] }));
    await tracker.outcome('mturk:3ASGX', 'submitted');
    expect((await primaryData()).approvals.map((a) => [a.approval.task, a.approval.at])).toEqual([['mturk:3ASGX', own.at]]);
    expect(await mturk()).toMatchObject({ pending: 0, withdrawable: 300 });
    await expectRebuildEqual(writer);
  });

  it('returned here: the Suite record waits (a returned assignment takes none), and the reward counts once', async () => {
    await importFile(suiteFile('Submitted'));
    await tracker.outcome('mturk:3ASGX', 'returned');
    expect((await copies()).map((t) => [t.taskId, t.status])).toEqual([['3ASGX', 'returned'], ['3HITX', 'submitted']]);
    expect((await mturk())?.pending).toBe(300);
    await expectRebuildEqual(writer);
  });

  it('returned, then the HIT taken again under another assignment and submitted: that one takes it, counted once', async () => {
    await importFile(suiteFile('Submitted'));
    await tracker.outcome('mturk:3ASGX', 'returned');
    const again = 'https://worker.mturk.com/projects/G1/tasks/3HITX?assignment_id=3ASGY';
    b.tabs = [{ id: 2, windowId: 1, url: again, active: true }];
    const snapshot = { platform: 'mturk', taskId: '3ASGY', hitId: '3HITX', groupId: 'G1', title: 'Survey', requesterName: 'Lab', reward: { minor: 300, currency: 'USD' } };
    await route({ type: 'cs-bg-task-seen', payload: snapshot }, { id: me.extensionId, url: again, tab: { id: 2, url: again } });
    b.advance(60_000);
    await tracker.outcome('mturk:3ASGY', 'submitted');
    expect((await copies()).map((t) => [t.taskId, t.status])).toEqual([['3ASGX', 'returned'], ['3ASGY', 'submitted']]);
    expect((await mturk())?.pending).toBe(300);
    expect(await earned()).toEqual([['2026-11-27|mturk', { USD: 300 }]]);
    await expectRebuildEqual(writer);
  });

  it('left beside the record by an older version (it closed without taking it): joined once at start-up, counted once', async () => {
    // What versions before the writer's join left: the task submitted here, and the Suite record imported while it
    // was open still under its HIT id beside it, each counted (written as primary records, then derived).
    await tracker.outcome('mturk:3ASGX', 'submitted');
    const left = restoredTask({ ...approvedCopy, status: 'submitted', approvedAt: undefined, observedAt: at('2026-11-20T20:00:00Z') });
    delete left.approvedAt;
    await writer.importPrimary({ tasks: [left] });
    await rebuild('UTC');
    expect((await copies()).map((t) => [t.taskId, t.status])).toEqual([['3ASGX', 'submitted'], ['3HITX', 'submitted']]);
    expect((await mturk())?.pending).toBe(600);
    // The next start (an update to this version): the writer joins it as it joins a copy when a task closes.
    await writer.upgradeHistory();
    const [task, ...others] = await copies();
    expect(others).toEqual([]);
    expect(task).toMatchObject({ taskId: '3ASGX', status: 'submitted', requesterId: 'AR1', countedDay: '2026-11-27' });
    expect((await mturk())?.pending).toBe(300);
    expect(await earned()).toEqual([['2026-11-27|mturk', { USD: 300 }]]);
    await expectRebuildEqual(writer);
    // Once: a copy imported later beside a closed record is the import's to join, and a start reads no rows again.
    await writer.upgradeHistory();
    expect(await copies()).toHaveLength(1);
  });

  it('returned here, then listed as submitted by a status page (Centime missed the submit): it takes the record then', async () => {
    await importFile(suiteFile('Submitted'));
    await tracker.outcome('mturk:3ASGX', 'returned');
    const row = { assignmentId: '3ASGX', hitId: '3HITX', title: 'Survey', requesterName: 'Lab', reward: { minor: 300, currency: 'USD' }, date: '2026-11-27' };
    await applyStatus(tracker, writer, mturkSync, { ...row, state: 'Submitted' }, NOW);
    expect((await copies()).map((t) => [t.taskId, t.status])).toEqual([['3ASGX', 'submitted']]);
    expect((await mturk())?.pending).toBe(300);
    await expectRebuildEqual(writer);
  });
});
