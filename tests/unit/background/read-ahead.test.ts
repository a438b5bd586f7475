// Issue 18, "an event durable in IndexedDB p95 ≤ 20 ms with 20 task tabs": a task page's task and the browser's
// state are read as its message arrives, not once its step reaches the writer's queue; each early read is taken
// only while it is still what a read then would give.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { countRequests } from '../../unit/storage/count-requests';
import { FakeBrowser } from './fake-env';

const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const KEY = `mturk:${side.expected.taskId}`;
const taskUrl = (id: string) => side.url.replace(side.expected.taskId, id);
const wall = Date.UTC(2026, 10, 27, 14, 0, 0);

function openTask(taskId: string, status: TaskRecord['status'] = 'open'): TaskRecord {
  return {
    v: 2, platform: 'mturk', taskId, title: 'A task', requesterName: 'A requester', status, external: false, events: [], activeMs: 0, idleMs: 0,
    firstSeenAt: wall, updatedAt: wall, reward: { minor: 50, currency: 'USD' },
    ...(status === 'open' ? {} : { endedAt: wall + 60_000 }),
  };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('a task read ahead by the writer', () => {
  beforeEach(async () => {
    await clearHistory();
  });

  it('answers the step that finds it, with no read of its own, while no task was written since', async () => {
    const writer = new TaskWriter(() => 'UTC');
    await writer.open();
    await writer.update('mturk:CLOSED', () => openTask('CLOSED', 'submitted'), wall);
    writer.readAhead('mturk:NEW');
    writer.readAhead('mturk:CLOSED');
    await turn();
    let newRead: Awaited<ReturnType<TaskWriter['find']>> | undefined;
    let closedRead: Awaited<ReturnType<TaskWriter['find']>> | undefined;
    const requests = await countRequests(() => writer.serial(async () => {
      newRead = await writer.find('mturk:NEW');
      closedRead = await writer.find('mturk:CLOSED');
    }));
    expect(requests).toEqual({});
    expect(newRead!.old).toBeUndefined();
    // A task not open is asked for by its record first: one that is there is still read whole.
    expect(closedRead!.old).toMatchObject({ taskId: 'CLOSED', status: 'submitted', reward: { minor: 50 } });
    expect(closedRead!.found?.dbKey).toBe('task:mturk:CLOSED');
  });

  it('is read again when a write over tasks opened after it (its own task or another)', async () => {
    const writer = new TaskWriter(() => 'UTC');
    await writer.update('mturk:A', () => openTask('A'), wall);
    writer.readAhead('mturk:A');
    await turn();
    // An event of A lands after the early read: the step that finds A must see it.
    const event = { boot: 1, n: 1, type: 'active' as const, at: { wall: wall + 1_000, mono: 1_000, origin: 0 } };
    await writer.append('mturk:A', [event], wall + 1_000);
    const requests = await countRequests(async () => {
      const { old } = await writer.serial(() => writer.find('mturk:A'));
      expect(old!.events).toEqual([event]);
    });
    expect(requests['tasks.get']).toBe(1);

    // Another task's write also sends it back to storage (the count is of every write over tasks).
    writer.readAhead('mturk:A');
    await turn();
    await writer.update('mturk:B', () => openTask('B'), wall + 2_000);
    const again = await countRequests(() => writer.serial(() => writer.find('mturk:A')));
    expect(again['tasks.get']).toBe(1);
  });

  it('is read again after a rebuild, which rewrites its row and day entries but not its record', async () => {
    const writer = new TaskWriter(() => 'UTC');
    await writer.update('mturk:A', () => openTask('A'), wall);
    writer.readAhead('mturk:A');
    await turn();
    await writer.rebuild();
    const requests = await countRequests(() => writer.serial(() => writer.find('mturk:A')));
    expect(requests['tasks.get']).toBe(1);
  });

  it('is asked again, not skipped, once a write over tasks made the first read stale', async () => {
    const writer = new TaskWriter(() => 'UTC');
    await writer.open();
    writer.readAhead(KEY);
    await turn();
    await writer.update('mturk:B', () => openTask('B'), wall);
    // The page's message asks for it again: a new read, which its step then takes.
    const asked = await countRequests(async () => {
      writer.readAhead(KEY);
      await turn();
    });
    expect(asked['tasks.count']).toBe(1);
    expect(await countRequests(() => writer.serial(() => writer.find(KEY)))).toEqual({});
  });

  it('is taken once: a second find reads storage', async () => {
    const writer = new TaskWriter(() => 'UTC');
    writer.readAhead(KEY);
    await turn();
    expect(await countRequests(() => writer.find(KEY))).toEqual({});
    expect((await countRequests(() => writer.find(KEY)))['tasks.get']).toBe(1);
  });
});

/**
 * A tracker whose browser counts how often its tabs are asked for (counted even while `failing`, when the browser
 * does not answer).
 */
async function counted() {
  const b = new FakeBrowser();
  const env = b.env();
  const tabs = env.tabs;
  let asked = 0;
  let failing = false;
  env.tabs = () => {
    asked++;
    return failing ? Promise.reject(new Error('the browser did not answer')) : tabs();
  };
  const writer = new TaskWriter(() => 'UTC');
  const tracker = new Tracker(env, writer, platforms);
  await tracker.start();
  return { b, tracker, writer, asked: () => asked, fail: (on: boolean) => (failing = on) };
}

describe("the browser's state asked ahead of a task page's step", () => {
  beforeEach(async () => {
    await clearHistory();
  });

  it('serves the decision of the task page that asked it', async () => {
    const { b, tracker, asked } = await counted();
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    const before = asked();
    tracker.askAhead();
    await tracker.taskSeen(side.expected, b.wall, 10);
    expect(asked() - before).toBe(1);
    expect(await tracker.frontTask()).toBe(KEY);
    expect((await getTaskByKey(KEY))!.events.map((e) => e.type)).toEqual(['active', 'front']);
  });

  it('is not taken after a decision that started since: that one read a newer state', async () => {
    const { b, tracker, asked } = await counted();
    b.tabs = [
      { id: 10, windowId: 1, url: side.url, active: true },
      { id: 11, windowId: 1, url: 'https://example.com/', active: false },
    ];
    tracker.askAhead();
    // The worker switches to the other tab before the page's step: its decision reads the switch.
    b.tabs = [
      { id: 10, windowId: 1, url: side.url, active: false },
      { id: 11, windowId: 1, url: 'https://example.com/', active: true },
    ];
    await tracker.reevaluate();
    const before = asked();
    await tracker.taskSeen(side.expected, b.wall, 10);
    expect(asked() - before).toBe(1);
    // Decided on the early state, the task would be in front, its time accruing in a tab the worker left.
    expect(await tracker.frontTask()).toBeNull();
    expect((await getTaskByKey(KEY))!.events).toEqual([]);
  });

  it('is not taken once over a second old', async () => {
    const { b, tracker, asked } = await counted();
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: false }];
    tracker.askAhead();
    b.advance(1_500);
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    const before = asked();
    await tracker.taskSeen(side.expected, b.wall, 10);
    expect(asked() - before).toBe(1);
    expect(await tracker.frontTask()).toBe(KEY);
  });
});

describe("the last decision's browser state, taken by a task page's step", () => {
  beforeEach(async () => {
    await clearHistory();
  });

  it("serves the step of the page whose navigation that decision read: the browser is not asked again", async () => {
    const { b, tracker, asked } = await counted();
    // The tab goes to the task's page: its event's decision reads it there (a platform page until the task is seen).
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    await tracker.reevaluate();
    const before = asked();
    b.advance(300);
    tracker.askAhead(10, side.url);
    await tracker.taskSeen(side.expected, b.wall, 10);
    expect(asked() - before).toBe(0);
    expect(await tracker.frontTask()).toBe(KEY);
    const events = (await getTaskByKey(KEY))!.events;
    expect(events.map((e) => e.type)).toEqual(['active', 'front']);
    // Its first events are at the step's own time, not at the time the state was asked.
    expect(events.every((e) => e.at.wall === b.wall)).toBe(true);
  });

  it("reads the task of a tab just gone to its page as that navigation's decision ends: the page's step reads nothing", async () => {
    const { b, tracker, writer } = await counted();
    // Another task in front in that tab; the tab goes to a new task's page (its event's decision).
    b.tabs = [{ id: 10, windowId: 1, url: taskUrl('3PREVIOUSASSIGNMENTXXXXXXXXXXX'), active: true }];
    await writer.update('mturk:3PREVIOUSASSIGNMENTXXXXXXXXXXX', () => openTask('3PREVIOUSASSIGNMENTXXXXXXXXXXX'), b.wall);
    await tracker.reevaluate();
    b.advance(5_000);
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    const decided = await countRequests(() => tracker.reevaluate());
    expect(decided['tasks.count']).toBe(1);
    await turn();
    b.advance(200);
    const step = await countRequests(async () => {
      writer.readAhead(KEY);
      tracker.askAhead(10, side.url);
      await tracker.taskSeen(side.expected, b.wall, 10);
    });
    expect(step['tasks.count'] ?? 0).toBe(0);
    expect(step['tasks.get'] ?? 0).toBe(0);
    expect(await tracker.frontTask()).toBe(KEY);
    expect((await getTaskByKey(KEY))!.events.map((e) => e.type)).toEqual(['active', 'front']);
  });

  it('reads ahead nothing for a tab whose address did not change, nor for an open task\'s page', async () => {
    const { b, tracker, writer } = await counted();
    await writer.update(KEY, () => openTask(side.expected.taskId), b.wall);
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    expect((await countRequests(() => tracker.reevaluate()))['tasks.count'] ?? 0).toBe(0);
    b.tabs = [{ id: 11, windowId: 1, url: taskUrl('3CLOSEDASSIGNMENTXXXXXXXXXXXXX'), active: true }, { id: 10, windowId: 1, url: side.url, active: false }];
    expect((await countRequests(() => tracker.reevaluate()))['tasks.count']).toBe(1);
    b.tabs = [{ id: 11, windowId: 1, url: taskUrl('3CLOSEDASSIGNMENTXXXXXXXXXXXXX'), active: false }, { id: 10, windowId: 1, url: side.url, active: true }];
    expect((await countRequests(() => tracker.reevaluate()))['tasks.count'] ?? 0).toBe(0);
  });

  it('is not taken when it does not show the sending tab at its address (the tab\'s event not arrived yet)', async () => {
    const { b, tracker, asked } = await counted();
    b.tabs = [{ id: 10, windowId: 1, url: 'https://example.com/', active: true }];
    await tracker.reevaluate();
    // The page's message arrives before the event of its tab's navigation.
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    const before = asked();
    tracker.askAhead(10, side.url);
    await tracker.taskSeen(side.expected, b.wall, 10);
    expect(asked() - before).toBe(1);
    expect(await tracker.frontTask()).toBe(KEY);
  });

  it('is not taken once a change of the browser was announced after it was asked, its decision not run yet', async () => {
    const { b, tracker, writer, asked } = await counted();
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    await tracker.reevaluate();
    // The queue is busy; the worker switches windows meanwhile: announced, its decision waits its turn.
    let release!: () => void;
    const held = writer.serial(() => new Promise<void>((resolve) => (release = resolve)));
    b.focusedWindowId = null;
    const switched = tracker.reevaluate();
    const before = asked();
    tracker.askAhead(10, side.url);
    expect(asked() - before).toBe(1);
    await turn();
    release();
    await held;
    await switched;
    await tracker.taskSeen(side.expected, b.wall, 10);
    // Whatever state the step took, it is the browser's after the switch: the task is not in front.
    expect(await tracker.frontTask()).toBeNull();
    expect((await getTaskByKey(KEY))!.events).toEqual([]);
  });

  it('is not taken once over a second old', async () => {
    const { b, tracker, asked } = await counted();
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: false }];
    await tracker.reevaluate();
    b.advance(1_200);
    // A change no event tells of (focus moved to a window of a type the browser does not report, say).
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    const before = asked();
    tracker.askAhead(10, side.url);
    await tracker.taskSeen(side.expected, b.wall, 10);
    expect(asked() - before).toBe(1);
    expect(await tracker.frontTask()).toBe(KEY);
  });

  it('is asked again when it failed', async () => {
    const { b, tracker, asked, fail } = await counted();
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    fail(true);
    await expect(tracker.reevaluate()).rejects.toThrow('did not answer');
    fail(false);
    const before = asked();
    tracker.askAhead(10, side.url);
    await tracker.taskSeen(side.expected, b.wall, 10);
    expect(asked() - before).toBe(1);
    expect(await tracker.frontTask()).toBe(KEY);
  });
});

describe('a page done loading where the last decision saw it', () => {
  beforeEach(async () => {
    await clearHistory();
  });

  it('is known by tab and address, so that its "complete" needs no decision', async () => {
    const b = new FakeBrowser();
    const tracker = new Tracker(b.env(), new TaskWriter(() => 'UTC'), platforms);
    await tracker.start();
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    await tracker.taskSeen(side.expected, b.wall, 10);
    expect(tracker.sawAt(10, side.url)).toBe(true);
    // Another address in that tab, a tab the decision did not see, an address the browser does not give: decide.
    expect(tracker.sawAt(10, taskUrl('3OTHERASSIGNMENTXXXXXXXXXXXXXX'))).toBe(false);
    expect(tracker.sawAt(11, side.url)).toBe(false);
    expect(tracker.sawAt(10, undefined)).toBe(false);
    // The tab moves on: the next decision reads its new address.
    const next = taskUrl('3NEXTASSIGNMENTXXXXXXXXXXXXXXX');
    b.tabs = [{ id: 10, windowId: 1, url: next, active: true }];
    await tracker.reevaluate();
    expect(tracker.sawAt(10, next)).toBe(true);
    expect(tracker.sawAt(10, side.url)).toBe(false);
  });
});
