// The background runs in a service worker: no DOM, no `Location` (a DOM-only API once slipped in here).
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { replay } from '../../../lib/domain/task-timer';
import { platforms } from '../../../lib/platforms/registry';
import { allAggregates, clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser } from './fake-env';

const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const TASK_URL = side.url as string;
const KEY = `mturk:${side.expected.taskId}`;
const SURVEY = 'https://survey.example.org/s/1';

describe('tracker', () => {
  let b: FakeBrowser;
  let tracker: Tracker;
  const boot = () => (tracker = new Tracker(b.env(), new TaskWriter(() => 'UTC'), platforms));
  const activeMs = async () => {
    const task = await getTaskByKey(KEY);
    return replay(task!.events, b.stamp()).activeMs;
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

  it('times the task whose tab is in front, and stops when another tab comes to the front', async () => {
    await seeTask();
    b.advance(10_000);
    expect(await activeMs()).toBe(10_000);
    b.tabs = [{ ...b.tabs[0]!, active: false }, { id: 11, windowId: 1, url: 'https://news.example/', active: true }];
    await tracker.reevaluate();
    b.advance(30_000);
    expect(await activeMs()).toBe(10_000);
  });

  it('counts a survey tab opened from the task for that task', async () => {
    await seeTask();
    b.tabs = [{ ...b.tabs[0]!, active: false }, { id: 12, windowId: 1, url: SURVEY, openerTabId: 10, active: true }];
    await tracker.reevaluate();
    b.advance(10_000);
    expect(await activeMs()).toBe(10_000);
  });

  it('splits active and idle time with the idle state', async () => {
    await seeTask();
    b.advance(5_000);
    b.idle = 'idle';
    await tracker.reevaluate();
    b.advance(60_000);
    b.idle = 'active';
    await tracker.reevaluate();
    b.advance(5_000);
    const task = await getTaskByKey(KEY);
    expect(replay(task!.events, b.stamp())).toMatchObject({ activeMs: 10_000, idleMs: 60_000 });
  });

  it('loses nothing when the service worker restarts, even with no event while it was stopped', async () => {
    await seeTask();
    for (let i = 0; i < 3; i++) {
      b.advance(4_000);
      b.restartWorker();
      b.advance(3_000);
      boot();
      await tracker.start();
    }
    b.advance(1_000);
    expect(await activeMs()).toBe(22_000);
    expect(b.boot).toBe(4);
  });

  it('after a browser crash, ends the open stretch at the last heartbeat and resumes afterwards', async () => {
    await seeTask();
    b.advance(5_000);
    b.beat(); // lastSeen at 5 s
    b.advance(4_000); // 4 s that no heartbeat saw
    b.restartBrowser();
    b.advance(120_000); // the browser is closed for two minutes
    boot();
    await tracker.start();
    // The restored tab is in front again: timing resumes from now.
    b.advance(3_000);
    expect(await activeMs()).toBe(8_000);
  });

  it('after the computer slept with a task in front, counts the sleep as no one’s time: it ends at the last heartbeat', async () => {
    // Where the monotonic clock counts sleep (Windows) and where it stops (Linux, macOS).
    for (const mono of [true, false]) {
      await clearHistory();
      b = new FakeBrowser();
      boot();
      await tracker.start();
      await seeTask();
      for (let i = 0; i < 12; i++) {
        b.advance(5_000);
        b.beat();
      }
      // The lid closed, the screen not locked: 8 h with no heartbeat and no event.
      b.sleep(8 * 3_600_000, { mono });
      // On waking, the browser says idle (no input for 8 h) before any heartbeat.
      b.idle = 'idle';
      await tracker.reevaluate();
      expect(await activeMs()).toBe(60_000);
      // Back at work on the same task: it is timed again from there.
      b.idle = 'active';
      await tracker.reevaluate();
      b.advance(10_000);
      expect(await activeMs()).toBe(70_000);
    }
  });

  it('after a sleep, the first heartbeat ends the stretch at the one before, and timing goes on', async () => {
    await seeTask();
    b.advance(5_000);
    b.beat();
    b.sleep(3_600_000);
    b.beat(); // the interval's first tick on waking: a decision follows it
    await tracker.reevaluate();
    b.advance(5_000);
    expect(await activeMs()).toBe(10_000);
  });

  it('keeps a task paused while its tab is closed and resumes the same task when reopened from the queue', async () => {
    await seeTask();
    b.advance(2_000);
    b.tabs = [];
    await tracker.reevaluate();
    b.advance(50_000);
    // Reopened from the queue: the URL carries `from_queue=true`, the task is the same assignment.
    b.tabs = [{ id: 20, windowId: 1, url: `${TASK_URL}&from_queue=true`, active: true }];
    await tracker.reevaluate();
    b.advance(3_000);
    expect(await activeMs()).toBe(5_000);
    expect((await getTaskByKey(KEY))!.status).toBe('open');
  });

  it('records platform time on platform pages that are not tasks', async () => {
    b.tabs = [{ id: 30, windowId: 1, url: 'https://worker.mturk.com/tasks', active: true }];
    await tracker.reevaluate();
    b.advance(20_000);
    b.focusedWindowId = null;
    await tracker.reevaluate();
    const day = new Date(b.wall).toISOString().slice(0, 10);
    expect((await allAggregates())[`${day}|mturk`]).toMatchObject({ platformMs: 20_000 });
  });

  it('schedules the deadline, and an outcome lands the time and reward on the day', async () => {
    await seeTask();
    expect(b.alarms.get(KEY)).toBe(side.expected.acceptedAt + 3_600_000);
    b.advance(12_000);
    await tracker.outcome(KEY, 'submitted');
    b.advance(10_000);
    const task = await getTaskByKey(KEY);
    expect(task).toMatchObject({ status: 'submitted', activeMs: 12_000 });
    const day = new Date(b.wall).toISOString().slice(0, 10);
    expect((await allAggregates())[`${day}|mturk`]).toMatchObject({
      paidActiveMs: 12_000,
      tasks: 1,
      earned: { USD: 50 },
      pending: { USD: 50 },
    });
    // A second outcome changes nothing.
    expect(await tracker.outcome(KEY, 'expired')).toBeNull();
  });

  it('ignores a wall-clock jump while a task is in front', async () => {
    await seeTask();
    b.advance(5_000);
    b.jumpWall(-3_600_000);
    b.advance(5_000);
    b.focusedWindowId = null;
    await tracker.reevaluate();
    expect((await getTaskByKey(KEY))!.activeMs).toBe(10_000);
  });
});
