// The background runs in a service worker: no DOM.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { manualCommand, manualState, pauseManual, resumeManual, startManual, stopManual, type ManualDeps } from '../../../lib/background/manual';
import { createRouter, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { MANUAL_COMMAND } from '../../../lib/domain/manual-command';
import { replay } from '../../../lib/domain/task-timer';
import { platforms } from '../../../lib/platforms/registry';
import { allAggregates, clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';

const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const MTURK = `mturk:${side.expected.taskId}`;

describe('manual timer', () => {
  let b: FakeBrowser;
  let deps: ManualDeps;
  /** A (re)started service worker: new globals, the same storage. */
  const boot = () => {
    const writer = new TaskWriter(() => 'UTC');
    deps = { tracker: new Tracker(b.env(), writer, platforms), writer, store: b.manualStore(), defaultTitle: () => 'Manual task' };
  };
  const times = async (key: string) => {
    const { activeMs, idleMs } = replay((await getTaskByKey(key))!.events, b.stamp());
    return { activeMs, idleMs };
  };
  const day = () => new Date(b.wall).toISOString().slice(0, 10);

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    boot();
    await deps.tracker.start();
  });

  it('accrues wall time while the browser is unfocused and the worker idle', async () => {
    b.focusedWindowId = null;
    b.idle = 'idle';
    const { key } = await startManual(deps, '  Transcribe receipts  ');
    b.advance(60_000);
    await deps.tracker.reevaluate();
    b.idle = 'locked';
    await deps.tracker.reevaluate();
    b.advance(60_000);
    expect(await times(key)).toEqual({ activeMs: 120_000, idleMs: 0 });
    expect(await getTaskByKey(key)).toMatchObject({ platform: 'manual', title: 'Transcribe receipts', requesterName: '', reward: null, status: 'open', external: false });
    expect(key).toMatch(/^manual:m\d+$/);
  });

  it('pauses the automatic task in front while it runs; that task resumes after', async () => {
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    await deps.tracker.taskSeen(side.expected, b.wall);
    b.advance(10_000);
    const { key } = await startManual(deps, 'Offline survey');
    b.advance(30_000);
    expect(b.front?.task).toBe(key);
    await pauseManual(deps);
    expect(b.front?.task).toBe(MTURK);
    b.advance(5_000);
    expect((await times(MTURK)).activeMs).toBe(15_000);
    expect((await times(key)).activeMs).toBe(30_000);
  });

  it('accrues nothing while paused, and goes on when resumed', async () => {
    const { key } = await startManual(deps);
    b.advance(10_000);
    expect(await pauseManual(deps)).toEqual({ key, running: false });
    b.advance(100_000);
    expect(await resumeManual(deps)).toEqual({ key, running: true });
    b.advance(5_000);
    expect((await times(key)).activeMs).toBe(15_000);
    expect((await getTaskByKey(key))!.title).toBe('Manual task');
  });

  it('runs one timer at a time', async () => {
    await startManual(deps, 'First');
    await expect(startManual(deps, 'Second')).rejects.toMatchObject({ code: 'manual_open' });
    await pauseManual(deps);
    await expect(startManual(deps, 'Second')).rejects.toMatchObject({ code: 'manual_open' });
  });

  it('stops with the typed reward: submitted, in the day’s aggregates; a new timer may start', async () => {
    const { key } = await startManual(deps, 'Logo feedback');
    b.advance(600_000);
    expect(await stopManual(deps, { minor: 150, currency: 'USD' })).toBeNull();
    b.advance(60_000);
    expect(await getTaskByKey(key)).toMatchObject({ status: 'submitted', reward: { minor: 150, currency: 'USD' }, activeMs: 600_000, endedAt: b.wall - 60_000 });
    expect((await allAggregates())[`${day()}|manual`]).toMatchObject({ paidActiveMs: 600_000, tasks: 1, earned: { USD: 150 } });
    expect(await manualState(deps)).toBeNull();
    expect(b.front?.task).toBeNull();
    await expect(pauseManual(deps)).rejects.toMatchObject({ code: 'manual_none' });
    const next = await startManual(deps, 'Next');
    expect(next.key).not.toBe(key);
    b.advance(1_000);
    await stopManual(deps, null);
    expect(await getTaskByKey(next.key)).toMatchObject({ status: 'submitted', reward: null, activeMs: 1_000 });
    expect((await allAggregates())[`${day()}|manual`]).toMatchObject({ paidActiveMs: 601_000, tasks: 2, earned: { USD: 150 } });
  });

  it('keeps running across a service-worker restart', async () => {
    const { key } = await startManual(deps);
    b.advance(4_000);
    b.restartWorker();
    b.advance(3_000);
    boot();
    await deps.tracker.start();
    b.advance(1_000);
    expect(await manualState(deps)).toEqual({ key, running: true });
    expect((await times(key)).activeMs).toBe(8_000);
  });

  it('after a browser crash, ends at the last heartbeat and waits paused for the worker', async () => {
    const { key } = await startManual(deps);
    b.advance(5_000);
    b.beat(); // lastSeen at 5 s
    b.advance(4_000); // no heartbeat saw these
    b.restartBrowser();
    b.advance(120_000);
    boot();
    await deps.tracker.start();
    b.advance(10_000);
    expect((await times(key)).activeMs).toBe(5_000);
    expect((await getTaskByKey(key))!.events.some((e) => e.type === 'crash')).toBe(true);
    expect(await manualState(deps)).toEqual({ key, running: false });
    await resumeManual(deps);
    b.advance(2_000);
    expect((await times(key)).activeMs).toBe(7_000);
  });

  it('ignores a stored timer whose task is no longer open (a stop cut short)', async () => {
    const { key } = await startManual(deps);
    await deps.tracker.outcome(key, 'submitted');
    expect(b.manualKey).toBe(key);
    expect(await manualState(deps)).toBeNull();
    expect(b.front?.task).toBeNull();
  });
});

describe('manual timer commands', () => {
  let b: FakeBrowser;
  let deps: ManualDeps;
  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    deps = { tracker: new Tracker(b.env(), writer, platforms), writer, store: b.manualStore(), defaultTitle: () => 'Manual task' };
  });

  it('the shortcut starts, pauses and resumes the timer, and leaves other commands alone', async () => {
    expect(await manualCommand(deps, 'something-else')).toBeUndefined();
    expect(await manualState(deps)).toBeNull();
    const started = await manualCommand(deps, MANUAL_COMMAND);
    expect(started).toMatchObject({ running: true });
    expect((await getTaskByKey(started!.key))!.title).toBe('Manual task');
    expect(await manualCommand(deps, MANUAL_COMMAND)).toEqual({ key: started!.key, running: false });
    expect(await manualCommand(deps, MANUAL_COMMAND)).toEqual({ key: started!.key, running: true });
  });

  it('the popup drives it through the router, which checks payloads and senders', async () => {
    const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
    const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
    const handlers = createHandlers({ ...deps, timeZone: () => 'UTC', claims: memoryClaims(), manual: deps });
    const route = createRouter(handlers, me);
    const started = await route({ type: 'ui-bg-manual', payload: { action: 'start', title: 'Interview notes' } }, popup);
    expect(started).toMatchObject({ ok: true, data: { running: true } });
    b.advance(90_000);
    const shown = await route({ type: 'ui-bg-get-popup', payload: {} }, popup);
    expect(shown).toMatchObject({
      ok: true,
      data: { manual: { title: 'Interview notes', running: true, activeMs: 90_000, at: b.wall, currency: 'USD', currencies: ['USD', 'GBP'] } },
    });
    for (const payload of [{ action: 'stop', reward: { minor: -5, currency: 'USD' } }, { action: 'stop' }, { action: 'explode' }]) {
      expect(await route({ type: 'ui-bg-manual', payload }, popup)).toMatchObject({ ok: false });
    }
    const fromPage: Sender = { id: me.extensionId, url: side.url, tab: { url: side.url } };
    expect(await route({ type: 'ui-bg-manual', payload: { action: 'pause' } }, fromPage)).toMatchObject({ ok: false });
    expect(await route({ type: 'ui-bg-manual', payload: { action: 'stop', reward: { minor: 250, currency: 'GBP' } } }, popup)).toEqual({ ok: true, data: null });
    const after = await route({ type: 'ui-bg-get-popup', payload: {} }, popup);
    expect(after).toMatchObject({ ok: true, data: { manual: null, today: [{ platform: 'manual', totals: { earned: { GBP: 250 }, paidActiveMs: 90_000 } }] } });
  });
});
