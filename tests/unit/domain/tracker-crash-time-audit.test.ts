import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { replay } from '../../../lib/domain/task-timer';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser } from '../background/fake-env';

/*
 * Audit of DESIGN.md → Time: "after a crash, an open stretch ends at `lastSeenAt`, so a crash loses at most one
 * heartbeat interval". What it pins is in lib/background/tracker.ts (`startUp`'s crash event): it sorts after every
 * event of the sessions before (boot − 1), and goes to every task whose time was still running.
 */
const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const TASK_URL = side.url as string;
const KEY = `mturk:${side.expected.taskId}`;

describe('a browser crash right after a background restart', () => {
  let b: FakeBrowser;
  let tracker: Tracker;
  const boot = ({ heartbeatLands = true } = {}) => {
    const env = b.env();
    // The browser dies before the heartbeat's storage write lands (it is not awaited: tracker.ts `beat`).
    if (!heartbeatLands) env.saveLastSeen = async () => {};
    tracker = new Tracker(env, new TaskWriter(() => 'UTC'), platforms);
  };
  const hitTab = (active: boolean) => ({ id: 10, windowId: 1, url: TASK_URL, active });
  const other = (active: boolean) => ({ id: 11, windowId: 1, url: 'https://news.example/', active });

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    boot();
    await tracker.start();
  });

  it('never counts the hours the browser was closed', async () => {
    b.tabs = [hitTab(true)];
    await tracker.taskSeen(side.expected, b.wall);
    b.advance(5_000);
    b.beat(); // lastSeen: 5 s, in the first background
    // The service worker is stopped and started again (a new boot, a new clock origin).
    b.advance(1_000);
    b.restartWorker();
    boot({ heartbeatLands: false });
    await tracker.start();
    b.advance(4_000);
    b.tabs = [hitTab(false), other(true)];
    await tracker.reevaluate(); // not in front at 10 s
    b.advance(10_000);
    b.tabs = [hitTab(true), other(false)];
    await tracker.reevaluate(); // in front again at 20 s… and the browser crashes before any heartbeat lands
    b.restartBrowser();
    b.advance(2 * 3_600_000); // closed for two hours
    boot();
    await tracker.start(); // the restored HIT tab is in front again
    b.advance(3_000);
    const task = await getTaskByKey(KEY);
    // In front 0–10 s (its events say so), 20 s until the crash (no heartbeat after its start: the stretch ends at
    // the last heartbeat, before it began, so it adds nothing), then 3 s since the restart.
    expect(replay(task!.events, b.stamp()).activeMs).toBe(13_000);
  });
});

describe('a browser crash between a task’s first events and the front state’s write', () => {
  it('never counts the hours the browser was closed for the task that had just come to the front', async () => {
    await clearHistory();
    const b = new FakeBrowser();
    let dropFront = false;
    const boot = () => {
      const env = b.env();
      const save = env.saveFront;
      // The browser dies after the task's events are committed, before the front state (storage.local) is.
      env.saveFront = async (state) => (dropFront ? undefined : save(state));
      return new Tracker(env, new TaskWriter(() => 'UTC'), platforms);
    };
    let tracker = boot();
    await tracker.start();
    const first = { id: 10, windowId: 1, url: TASK_URL, active: true };
    b.tabs = [first];
    await tracker.taskSeen(side.expected, b.wall);
    b.advance(5_000);
    b.beat();
    // A second HIT accepted in a new tab, in front at 5 s.
    const assignment = '3SECONDASSIGNMENT0000000000000';
    const url2 = TASK_URL.replace(side.expected.taskId, assignment);
    const snapshot2 = { ...side.expected, taskId: assignment };
    b.tabs = [{ ...first, active: false }, { id: 11, windowId: 1, url: url2, active: true }];
    dropFront = true;
    await tracker.taskSeen(snapshot2, b.wall);
    b.restartBrowser();
    b.advance(2 * 3_600_000); // closed for two hours
    dropFront = false;
    tracker = boot();
    await tracker.start(); // both tabs restored, the second HIT in front
    b.advance(3_000);
    const key2 = `mturk:${assignment}`;
    const second = await getTaskByKey(key2);
    // In front from 5 s; the last heartbeat was at 5 s: nothing until the restart, then 3 s.
    expect(replay(second!.events, b.stamp()).activeMs).toBe(3_000);
  });
});
