// Custom sites' tasks stored before their ids left out the worker's own id (bce8f57) are stored again without it
// at start-up (lib/storage/migrate-identity-ids.ts): afterwards no record holds the worker's id, figures are the
// same (a task stored twice becomes one), a second start-up changes nothing, and a stop half-way loses nothing.
import { set } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rewriteStoredTaskRefs } from '../../../lib/background/stored-task-refs';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { customAdapter } from '../../../lib/platforms/custom';
import { taskIdOf, type CustomRule } from '../../../lib/platforms/custom-rule';
import { allAdapters, setCustomAdapters } from '../../../lib/platforms/registry';
import { FakeBrowser, memoryClaims } from '../background/fake-env';
import type { Stamp } from '../../../lib/domain/task-timer';
import { importOps } from '../../../lib/storage/bulk';
import { ALL_STORES, commit, database, kv, put } from '../../../lib/storage/database';
import { allAggregates, clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { approvalOp } from '../../../lib/storage/ledger-db';
import { cleanTaskKey, keysFromUrls, scrubTaskRefs } from '../../../lib/storage/identity-ids';
import { IDENTITY_SCRUBBED_KEY, scrubIdentityIds } from '../../../lib/storage/migrate-identity-ids';
import { STORAGE_VERSION, STORAGE_VERSION_KEY } from '../../../lib/storage/migrate-v1';
import { clearQuarantine, quarantine } from '../../../lib/storage/quarantine';
import { rebuild } from '../../../lib/storage/rebuild';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { eventKey } from '../../../lib/storage/task-store';
import { oldTaskIdOf } from '../../support/old-task-id';
import { derivedSnapshot, plantTask } from './raw-records';

const PLANTED = 'PLANTED';
const WORKER = `A2${PLANTED}WORKER`;
const PID = `5f${PLANTED}PID0000`;
const DAY = '2026-11-20';
const T0 = Date.UTC(2026, 10, 20, 9);
const MIN = 60_000;
const stamp = (wall: number): Stamp => ({ wall, mono: wall, origin: 0 });
let n = 0;

const idOf = (url: string) => oldTaskIdOf(new URL(url));
const keyOf = (platform: string, url: string) => `${platform}:${idOf(url)}`;

/** A task as the tracker wrote it: in front from `start` for `minutes`, then submitted (or still open: in front). */
function task(platform: string, taskId: string, start: number, minutes: number, status: TaskRecord['status'], extra: Partial<TaskRecord> = {}): TaskRecord {
  const end = start + minutes * MIN;
  const events: TaskRecord['events'] = [
    { boot: 1, n: ++n, type: 'active', at: stamp(start) },
    { boot: 1, n: ++n, type: 'front', at: stamp(start) },
  ];
  if (status !== 'open') events.push({ boot: 1, n: ++n, type: 'outcome', outcome: status === 'returned' ? 'returned' : 'submitted', at: stamp(end) });
  return {
    v: 2, platform, taskId, title: 'A survey', requesterName: 'Lab', reward: { minor: 100, currency: 'USD' },
    firstSeenAt: start, updatedAt: start, status, external: platform === 'custom:survey', events, activeMs: 0, idleMs: 0,
    ...(status !== 'open' ? { endedAt: end, countedDay: DAY, observedAt: end } : {}),
    ...extra,
  };
}

/** Every record of both databases, extension storage and alarms, as text: where the worker's id must not be. */
async function everything(): Promise<string> {
  const db = await database();
  const stores = await Promise.all(ALL_STORES.map(async (name) => [name, await db.getAllKeys(name), await db.getAll(name)]));
  const quarantined = await new Promise<unknown>((resolve, reject) => {
    const open = indexedDB.open('centime-quarantine');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const store = open.result.transaction('entries').objectStore('entries');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => resolve([keys.result, values.result]);
    };
  });
  const storage = [await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.session.get(null)];
  return JSON.stringify({ stores, quarantined, storage, alarms: await fakeBrowser.alarms.getAll() });
}

async function plantStorage(key: string, notified: string) {
  await fakeBrowser.storage.local.set({
    front: { task: key, platform: null, platformSince: null, idle: false, reason: 'own' },
    studyMarks: { [key]: { activeAt: T0 + 50 * MIN } },
  });
  await fakeBrowser.storage.session.set({
    claims: { 7: { key, outcome: 'submitted', at: stamp(T0 + 50 * MIN) } },
    taskTabs: { [key]: 7 },
    notifiedUnder: [notified],
  });
  await fakeBrowser.alarms.create(`deadline:${key}`, { when: T0 + 170 * MIN });
}

describe('custom sites’ tasks stored with the worker’s own id in their ids', () => {
  beforeEach(async () => {
    await clearHistory();
    await clearQuarantine();
    await set(STORAGE_VERSION_KEY, STORAGE_VERSION, kv());
  });

  const urls = {
    approved: `https://survey.example.org/s/1?PROLIFIC_PID=${PID}&STUDY_ID=s1&email=${PLANTED}%40mail.example`,
    open: `https://tasks.example.net/t/2?workerId=${WORKER}&assignmentId=x2`,
    twice: `https://tasks.example.net/t/9?a=1&workerId=${WORKER}`,
    // Cut to its start and a hash, the worker's id in its start.
    long: `https://tasks.example.net/t/long?a=${'x'.repeat(100)}&workerId=${WORKER}&z=${'y'.repeat(120)}`,
    invalid: `https://tasks.example.net/t/bad?participant_id=${PLANTED}`,
    orphan: `https://tasks.example.net/t/gone?user_id=${PLANTED}`,
    quarantined: `https://tasks.example.net/t/old?respondent_id=${PLANTED}`,
  };
  const clean = {
    approved: 'custom:survey:survey.example.org/s/1?STUDY_ID=s1',
    open: 'custom:tasks:tasks.example.net/t/2?assignmentId=x2',
    twice: 'custom:tasks:tasks.example.net/t/9?a=1',
  };

  it('stores them again without it, everywhere, with the same figures; once', async () => {
    const approvedKey = keyOf('custom:survey', urls.approved);
    const openKey = keyOf('custom:tasks', urls.open);
    const tasks = [
      task('custom:survey', idOf(urls.approved), T0, 10, 'approved', { approvedAt: T0 + 40 * MIN, reward: { minor: 150, currency: 'GBP' } }),
      task('custom:tasks', idOf(urls.open), T0 + 45 * MIN, 5, 'open'),
      // The same task twice: with the worker's id (before the change), and without (since): 10 and 5 minutes.
      task('custom:tasks', idOf(urls.twice), T0 + 60 * MIN, 10, 'submitted'),
      task('custom:tasks', 'tasks.example.net/t/9?a=1', T0 + 80 * MIN, 5, 'submitted'),
      task('custom:tasks', idOf(urls.long), T0 + 90 * MIN, 3, 'returned'),
      // Untouched: a custom task without the worker's id, and an MTurk one.
      task('custom:tasks', 'tasks.example.net/t/3?a=3', T0 + 100 * MIN, 4, 'submitted'),
      task('mturk', '3ASSIGN1', T0 + 110 * MIN, 6, 'submitted'),
    ];
    await commit([
      ...importOps({ tasks }),
      approvalOp('custom:survey', { at: T0 + 40 * MIN, minor: 150, currency: 'GBP', knownAt: T0 + 10 * MIN, task: approvedKey, part: 'reward' }),
    ]);
    await rebuild('UTC');
    // Left by a broken write, or set aside by an older Centime: under keys and in values holding the worker's id.
    await plantTask(keyOf('custom:tasks', urls.invalid), { ...task('custom:tasks', idOf(urls.invalid), T0, 1, 'open'), status: 'lost' });
    const orphan = keyOf('custom:tasks', urls.orphan);
    await (await database()).put('events', { boot: 1, n: 1, type: 'front', at: stamp(T0), task: orphan }, eventKey(orphan, { boot: 1, n: 1 } as never));
    await quarantine({ source: `task:${keyOf('custom:tasks', urls.quarantined)}`, reason: 'test', raw: { platform: 'custom:tasks', taskId: idOf(urls.quarantined) }, at: T0 });
    await plantStorage(openKey, approvedKey);
    expect(await everything()).toContain(PLANTED);
    const totals = await allAggregates();

    const writer = new TaskWriter(() => 'UTC');
    await writer.upgradeHistory(rewriteStoredTaskRefs);
    await writer.serial(async () => {});

    expect(await everything()).not.toContain(PLANTED);
    const approved = await getTaskByKey(clean.approved);
    expect(approved).toMatchObject({ status: 'approved', activeMs: 10 * MIN, taskId: 'survey.example.org/s/1?STUDY_ID=s1' });
    expect((await (await database()).getAll('approvals')).map((a: { task: string }) => a.task)).toEqual([clean.approved]);
    // The open task goes on under its new key: the tracker's state names it so.
    expect((await getTaskByKey(clean.open))?.events).toEqual(tasks[1]!.events);
    expect(await fakeBrowser.storage.local.get('front')).toMatchObject({ front: { task: clean.open } });
    expect(await fakeBrowser.storage.session.get('claims')).toMatchObject({ claims: { 7: { key: clean.open } } });
    expect(await fakeBrowser.storage.local.get('studyMarks')).toEqual({ studyMarks: { [clean.open]: { activeAt: T0 + 50 * MIN } } });
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toEqual([`deadline:${clean.open}`]);
    // The task stored twice is one, with the time of both.
    expect(await getTaskByKey(clean.twice)).toMatchObject({ status: 'submitted', activeMs: 15 * MIN });
    // Figures: the same, but for that task counted once (its time all there, its reward once).
    const once = structuredClone(totals);
    const day = once[`${DAY}|custom:tasks`]!;
    day.tasks -= 1;
    day.earned.USD! -= 100;
    day.pending.USD! -= 100;
    day.timedEarned!.USD! -= 100;
    expect(await allAggregates()).toEqual(once);
    expect(day.paidActiveMs).toBe(totals[`${DAY}|custom:tasks`]!.paidActiveMs);
    // What it wrote of derived records is what a rebuild makes.
    const derived = await derivedSnapshot();
    await rebuild('UTC');
    expect(await derivedSnapshot()).toEqual(derived);

    // Done once; and done again, it would change nothing.
    const after = await everything();
    await new TaskWriter(() => 'UTC').upgradeHistory(rewriteStoredTaskRefs);
    expect(await everything()).toBe(after);
    await commit([put('records', IDENTITY_SCRUBBED_KEY, false)]);
    expect(await scrubIdentityIds('UTC', { setAside: () => Promise.reject(new Error('none to set aside')), trackerState: rewriteStoredTaskRefs })).toEqual({ moved: 0, merged: 0 });
    expect(await everything()).toBe(after);
  });

  it('loses nothing when stopped half-way, and goes on at the next start', async () => {
    const tasks = Array.from({ length: 250 }, (_, i) =>
      task('custom:tasks', idOf(`https://tasks.example.net/t/${String(i).padStart(3, '0')}?workerId=${WORKER}`), T0 + i * MIN, 1, 'submitted'),
    );
    await commit(importOps({ tasks }));
    await rebuild('UTC');
    // Last in key order, in the second batch: setting it aside stops the run there.
    await plantTask(keyOf('custom:zz', urls.invalid), { ...task('custom:zz', idOf(urls.invalid), T0, 1, 'open'), status: 'lost' });
    const totals = await allAggregates();
    const keys = tasks.map((t) => `custom:tasks:${t.taskId}`);
    const cleanKeys = keys.map((k) => k.replace(`?workerId=${WORKER}`, ''));

    await expect(scrubIdentityIds('UTC', { setAside: () => Promise.reject(new Error('stopped')) })).rejects.toThrow('stopped');
    const stored = new Set((await (await database()).getAllKeys('tasks')).map(String));
    expect(stored.size).toBe(251);
    const moved = cleanKeys.filter((k) => stored.has(k)).length;
    expect(moved).toBe(200);
    expect(keys.every((k, i) => stored.has(k) !== stored.has(cleanKeys[i]!))).toBe(true);
    expect(await allAggregates()).toEqual(totals);

    const writer = new TaskWriter(() => 'UTC');
    await writer.upgradeHistory(rewriteStoredTaskRefs);
    await writer.serial(async () => {});
    expect(await everything()).not.toContain(PLANTED);
    expect((await (await database()).getAllKeys('tasks')).map(String).sort()).toEqual([...cleanKeys].sort());
    expect(await allAggregates()).toEqual(totals);
    const derived = await derivedSnapshot();
    await rebuild('UTC');
    expect(await derivedSnapshot()).toEqual(derived);
  });
});

describe('an open custom task whose id was cut to 200 characters, the worker’s id in it', () => {
  const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
  const rule: CustomRule = {
    id: 'tasks', name: 'Tasks', match: 'https://tasks.example.net/*', titleSelector: 'h1', rewardSelector: '.reward', currency: 'USD',
    submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', enabled: true,
  };
  beforeEach(async () => {
    await clearHistory();
    await clearQuarantine();
    await fakeBrowser.storage.local.clear();
    await fakeBrowser.storage.session.clear();
    await fakeBrowser.alarms.clearAll();
    await set(STORAGE_VERSION_KEY, STORAGE_VERSION, kv());
    setCustomAdapters([customAdapter(rule)]);
    return () => setCustomAdapters([]);
  });

  /** Its tab shows its URL: the worker was at it when the browser stopped. Starts Centime there, as the background does. */
  async function startWith(url: string, tabUrls = true) {
    const b = new FakeBrowser();
    // The browser restarted since the task's events (boot 1) were written.
    b.boot = 1;
    b.tabs = [{ id: 7, windowId: 1, url, active: true }];
    const old = `custom:tasks:${idOf(url)}`;
    const open = task('custom:tasks', idOf(url), b.wall - 5 * MIN, 5, 'open');
    await commit(importOps({ tasks: [open] }));
    await rebuild('UTC');
    await plantStorage(old, old);
    const writer = new TaskWriter(() => 'UTC');
    await writer.upgradeHistory(rewriteStoredTaskRefs, tabUrls ? async () => b.tabs.flatMap((t) => (t.url ? [t.url] : [])) : undefined);
    const tracker = new Tracker(b.env(), writer, allAdapters);
    const route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
    const tab: Sender = { id: me.extensionId, url, tab: { id: 7, url } };
    const send = async (type: string, payload: object) => {
      const reply = await route({ type, payload }, tab);
      if (!reply?.ok) throw new Error(JSON.stringify(reply));
    };
    return { b, open, send };
  }
  const customKeys = async () => (await (await database()).getAllKeys('tasks', IDBKeyRange.bound('custom:', 'custom;'))).map(String);

  it.each([
    ['without the worker’s id it fits in 200 characters (no hash now)', `https://tasks.example.net/t/long?a=${'x'.repeat(150)}&workerId=${WORKER}`],
    ['without the worker’s id it is still over 200 characters (another hash)', `https://tasks.example.net/t/long?a=${'x'.repeat(100)}&workerId=${WORKER}&z=${'y'.repeat(120)}`],
  ])('%s: the tracker’s next event for its tab lands on the migrated record', async (_, url) => {
    expect(idOf(url)).toMatch(/^.{190}~[0-9a-f]{8}$/);
    const { b, open, send } = await startWith(url);
    // The key the tracker and the page's script make of the URL now.
    const now = `custom:tasks:${taskIdOf(new URL(url))}`;
    expect(await customKeys()).toEqual([now]);
    // What extension storage and the alarms keep of the task names it so too.
    expect(await fakeBrowser.storage.local.get('front')).toMatchObject({ front: { task: now } });
    expect(await fakeBrowser.storage.session.get('taskTabs')).toEqual({ taskTabs: { [now]: 7 } });
    expect((await fakeBrowser.alarms.getAll()).map((a) => a.name)).toEqual([`deadline:${now}`]);
    const taskId = now.slice('custom:tasks:'.length);
    await send('cs-bg-task-seen', { platform: 'custom:tasks', taskId, title: 'A survey', requesterName: 'Lab', reward: { minor: 100, currency: 'USD' } });
    b.advance(2 * MIN);
    await send('cs-bg-custom-submitted', { platform: 'custom:tasks', taskId });
    // One task, not a second one beside an open task left forever: its time before and after the migration.
    expect(await customKeys()).toEqual([now]);
    const record = await getTaskByKey(now);
    expect(record).toMatchObject({ status: 'submitted', activeMs: 7 * MIN });
    expect(record?.events.slice(0, open.events.length)).toEqual(open.events);
    expect(await everything()).not.toContain(PLANTED);
  });

  it('with no tab showing its URL (its end and so its hash without the worker’s id are gone): its hash kept, as a closed task’s', async () => {
    const url = `https://tasks.example.net/t/long?a=${'x'.repeat(150)}&workerId=${WORKER}`;
    await startWith(url, false);
    const kept = `custom:tasks:${idOf(url).slice(0, 190).replace(/&workerId=.*$/, '')}${idOf(url).slice(-9)}`;
    expect(await customKeys()).toEqual([kept]);
    expect(await fakeBrowser.storage.local.get('front')).toMatchObject({ front: { task: kept } });
    expect(await everything()).not.toContain(PLANTED);
  });
});

describe('scrubTaskRefs: task keys in what extension storage and the quarantine keep', () => {
  const old = `custom:tasks:tasks.example.net/t/2?workerId=${WORKER}&a=2`;
  const clean = 'custom:tasks:tasks.example.net/t/2?a=2';

  it('names tasks without the worker’s id: keys, values, prefixed names, custom tasks’ ids', () => {
    expect(scrubTaskRefs({ front: { task: old }, tabs: { [old]: 7 }, alarm: `deadline:${old}`, source: `task:${old}`, list: [old] })).toEqual({
      front: { task: clean }, tabs: { [clean]: 7 }, alarm: `deadline:${clean}`, source: `task:${clean}`, list: [clean],
    });
    expect(scrubTaskRefs({ platform: 'custom:tasks', taskId: old.slice('custom:tasks:'.length) })).toEqual({ platform: 'custom:tasks', taskId: clean.slice('custom:tasks:'.length) });
    // Another platform's id is not a URL: left as it is.
    const mturk = { platform: 'mturk', taskId: '3A?workerId=1', key: 'mturk:3A?workerId=1' };
    expect(scrubTaskRefs(mturk)).toBe(mturk);
  });

  it('names a task whose URL a tab shows by the key taskIdOf makes of it: a cut id’s hash is of the URL with the worker’s id', () => {
    const url = `https://tasks.example.net/t/long?a=${'x'.repeat(150)}&workerId=${WORKER}#top`;
    const cut = `custom:tasks:${idOf(url)}`;
    const known = keysFromUrls([cut, old, 'custom:tasks:tasks.example.net/t/3?a=3'], ['not a URL', 'https://elsewhere.example/', url]);
    expect(known).toEqual(new Map([[cut, `custom:tasks:${taskIdOf(new URL(url))}`]]));
    expect(cleanTaskKey(cut, known)).toBe(`custom:tasks:tasks.example.net/t/long?a=${'x'.repeat(150)}`);
    expect(scrubTaskRefs({ front: { task: cut }, alarm: `deadline:${cut}`, task: { platform: 'custom:tasks', taskId: idOf(url) } }, known)).toEqual({
      front: { task: known.get(cut) }, alarm: `deadline:${known.get(cut)}`, task: { platform: 'custom:tasks', taskId: taskIdOf(new URL(url)) },
    });
    // Without its URL, its hash is kept; a key with the worker's id whose URL no tab shows is cleaned as before.
    expect(cleanTaskKey(cut)).not.toBe(known.get(cut));
    expect(cleanTaskKey(old, known)).toBe(clean);
  });

  it('keeps what is already under the clean key, and answers the value itself when nothing changes', () => {
    expect(scrubTaskRefs({ [old]: { activeAt: 1 }, [clean]: { activeAt: 2 } })).toEqual({ [clean]: { activeAt: 2 } });
    const none = { [clean]: 7, task: clean, n: 1, at: null };
    expect(scrubTaskRefs(none)).toBe(none);
  });
});
