// @vitest-environment node
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

  it('is taken once: a second find reads storage', async () => {
    const writer = new TaskWriter(() => 'UTC');
    writer.readAhead(KEY);
    await turn();
    expect(await countRequests(() => writer.find(KEY))).toEqual({});
    expect((await countRequests(() => writer.find(KEY)))['tasks.get']).toBe(1);
  });
});

describe("the browser's state asked ahead of a task page's step", () => {
  beforeEach(async () => {
    await clearHistory();
  });

  /** A tracker whose browser counts how often its tabs are asked for. */
  async function counted() {
    const b = new FakeBrowser();
    const env = b.env();
    const tabs = env.tabs;
    let asked = 0;
    env.tabs = () => {
      asked++;
      return tabs();
    };
    const tracker = new Tracker(env, new TaskWriter(() => 'UTC'), platforms);
    await tracker.start();
    return { b, tracker, asked: () => asked };
  }

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
