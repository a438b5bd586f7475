// "Pause tracking" and platforms switched off (DESIGN.md, "Pause"; issue 15): the tracker's side.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { startManual, type ManualDeps } from '../../../lib/background/manual';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { replay } from '../../../lib/domain/task-timer';
import { platforms } from '../../../lib/platforms/registry';
import { allStretches, clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser } from './fake-env';

const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const TASK_URL = side.url as string;
const KEY = `mturk:${side.expected.taskId}`;
const QUEUE = 'https://worker.mturk.com/tasks';

describe('pause tracking', () => {
  let b: FakeBrowser;
  let tracker: Tracker;
  let beats: { front: string | null; paused: boolean }[];
  let writer: TaskWriter;
  const boot = () => {
    beats = [];
    writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(b.env(), writer, platforms, (front, _fallback, paused) => beats.push({ front, paused }));
  };
  const times = async (key = KEY) => {
    const { activeMs, idleMs } = replay((await getTaskByKey(key))!.events, b.stamp());
    return { activeMs, idleMs };
  };
  const seeTask = async () => {
    b.tabs = [{ id: 10, windowId: 1, url: TASK_URL, active: true }];
    await tracker.taskSeen(side.expected, b.wall);
  };

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    boot();
    await tracker.start();
  });

  it('ends the front task’s stretch at the pause instant, accrues nothing while paused, and starts again on resume', async () => {
    await seeTask();
    b.advance(3_000);
    const pausedAt = b.wall;
    await tracker.setPaused(true);
    expect(b.paused).toBe(true);
    // The task's stretch closed with a not-front event at the pause instant.
    const events = (await getTaskByKey(KEY))!.events;
    expect(events.at(-1)).toMatchObject({ type: 'not-front', at: { wall: pausedAt } });
    expect(await tracker.frontTask()).toBeNull();
    // Tab events while paused change nothing; the heartbeat stops and the badge is told it is paused.
    b.advance(4_000);
    await tracker.reevaluate();
    expect(b.beats).toHaveLength(0);
    expect(beats.at(-1)).toEqual({ front: null, paused: true });
    expect(await times()).toEqual({ activeMs: 3_000, idleMs: 0 });
    await tracker.setPaused(false);
    b.advance(3_000);
    expect(await times()).toEqual({ activeMs: 6_000, idleMs: 0 });
    expect(beats.at(-1)).toEqual({ front: KEY, paused: false });
  });

  it('ends an open platform stretch at the pause instant and starts a new one on resume', async () => {
    b.tabs = [{ id: 30, windowId: 1, url: QUEUE, active: true }];
    await tracker.reevaluate();
    b.advance(20_000);
    const pausedAt = b.wall;
    await tracker.setPaused(true);
    expect(await allStretches()).toMatchObject([{ platform: 'mturk', ms: 20_000, end: { wall: pausedAt } }]);
    expect(await tracker.openPlatformStretch()).toBeNull();
    b.advance(60_000);
    await tracker.reevaluate();
    expect(await allStretches()).toHaveLength(1);
    await tracker.setPaused(false);
    expect(await tracker.openPlatformStretch()).toMatchObject({ platform: 'mturk', since: { wall: b.wall } });
  });

  it('stays paused across a stopped service worker and a browser restart, until the worker resumes', async () => {
    await seeTask();
    b.advance(2_000);
    await tracker.setPaused(true);
    b.advance(10_000);
    b.restartWorker();
    boot();
    await tracker.start();
    b.advance(10_000);
    expect(await tracker.paused()).toBe(true);
    expect(await times()).toEqual({ activeMs: 2_000, idleMs: 0 });
    b.restartBrowser();
    b.advance(60_000);
    boot();
    await tracker.start();
    b.advance(10_000);
    await tracker.reevaluate();
    expect(await tracker.paused()).toBe(true);
    expect(beats.at(-1)).toEqual({ front: null, paused: true });
    expect(await times()).toEqual({ activeMs: 2_000, idleMs: 0 });
    await tracker.setPaused(false);
    b.advance(1_000);
    expect(await times()).toEqual({ activeMs: 3_000, idleMs: 0 });
  });

  it('pauses the manual timer’s accrual too; it stays open and running, and goes on after resume', async () => {
    const deps: ManualDeps = { tracker, writer, store: b.manualStore(), defaultTitle: () => 'Manual' };
    const { key } = await startManual(deps, 'Offline work');
    b.advance(5_000);
    await tracker.setPaused(true);
    b.advance(30_000);
    await tracker.reevaluate();
    expect(await times(key)).toEqual({ activeMs: 5_000, idleMs: 0 });
    expect((await getTaskByKey(key))!.status).toBe('open');
    expect(b.manualRunning).toBe(true);
    await tracker.setPaused(false);
    b.advance(2_000);
    expect(await times(key)).toEqual({ activeMs: 7_000, idleMs: 0 });
  });
});

describe('a platform switched off', () => {
  let b: FakeBrowser;
  let tracker: Tracker;

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    tracker = new Tracker(b.env(), new TaskWriter(() => 'UTC'), platforms);
    await tracker.start();
  });

  it('gives its pages no platform time: they are ordinary browsing', async () => {
    b.disabled = ['mturk'];
    b.tabs = [{ id: 30, windowId: 1, url: QUEUE, active: true }];
    await tracker.reevaluate();
    b.advance(20_000);
    b.focusedWindowId = null;
    await tracker.reevaluate();
    expect(await allStretches()).toEqual([]);
  });

  it('lets its open task accrue nothing, even with its page in front, until it is switched on again', async () => {
    b.tabs = [{ id: 10, windowId: 1, url: TASK_URL, active: true }];
    await tracker.taskSeen(side.expected, b.wall);
    b.advance(4_000);
    b.disabled = ['mturk'];
    // The settings change makes the background decide again (background.ts: watchSettings → reevaluate).
    await tracker.reevaluate();
    b.advance(30_000);
    await tracker.reevaluate();
    expect(replay((await getTaskByKey(KEY))!.events, b.stamp()).activeMs).toBe(4_000);
    expect(await tracker.frontTask()).toBeNull();
    // A survey tab opened from it lends it nothing either.
    b.tabs = [{ id: 10, windowId: 1, url: TASK_URL, active: false }, { id: 11, windowId: 1, url: 'https://survey.example/', openerTabId: 10, active: true }];
    await tracker.reevaluate();
    b.advance(5_000);
    expect(replay((await getTaskByKey(KEY))!.events, b.stamp()).activeMs).toBe(4_000);
    b.disabled = [];
    await tracker.reevaluate();
    b.advance(1_000);
    expect(replay((await getTaskByKey(KEY))!.events, b.stamp()).activeMs).toBe(5_000);
  });
});
