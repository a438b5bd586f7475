// Issue 18, "an event durable in IndexedDB p95 ≤ 20 ms with 20 task tabs": a task page's first event waits for
// one round of the browser's replies (tabs, focus, idle, extension storage), not for each read in turn.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker, type TrackerEnv } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser } from './fake-env';

const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const KEY = `mturk:${side.expected.taskId}`;
/** How long each of the browser's replies takes here: successive reads are at least this far apart. */
const REPLY_MS = 30;

/** What a decision asks of the browser and of extension storage, each answering after REPLY_MS. */
const SLOW: (keyof TrackerEnv)[] = ['loadPaused', 'disabledPlatforms', 'loadFront', 'tabs', 'focusedWindowId', 'idleState', 'manualTask', 'loadViewed'];

describe("a task page's first event", () => {
  beforeEach(async () => {
    await clearHistory();
  });

  it('is written after one round of replies from the browser, not one per read', async () => {
    const b = new FakeBrowser();
    const env = b.env();
    const writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(env, writer, platforms);
    await tracker.start();
    // From here on each read answers late, and notes when it was asked.
    const asked: number[] = [];
    for (const name of SLOW) {
      const read = env[name] as () => Promise<unknown>;
      (env as unknown as Record<string, () => Promise<unknown>>)[name] = () => {
        asked.push(performance.now());
        return new Promise((resolve) => setTimeout(() => resolve(read()), REPLY_MS));
      };
    }
    // When the transaction holding the task's first events committed (every write of a task ends in `write`).
    let durableAt: number | undefined;
    const write = writer.write.bind(writer);
    writer.write = async (...args) => {
      const record = await write(...args);
      if (args[0] === KEY && record?.events.length) durableAt ??= performance.now();
      return record;
    };

    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    await tracker.taskSeen(side.expected, b.wall, 10);

    expect(durableAt).toBeDefined();
    expect((await getTaskByKey(KEY))!.events.map((e) => e.type)).toEqual(['active', 'front']);
    // Reads asked in the same round are asked together; rounds are REPLY_MS apart.
    const before = asked.filter((at) => at < durableAt!);
    const rounds = before.filter((at, i) => i === 0 || at - before[i - 1]! > REPLY_MS / 2).length;
    expect(rounds).toBe(1);
    expect(before.length).toBe(SLOW.length);
  });

  it("is committed with the new task's record, in one transaction and after one read of the task", async () => {
    const b = new FakeBrowser();
    const tracker = new Tracker(b.env(), new TaskWriter(() => 'UTC'), platforms);
    await tracker.start();
    // Every IndexedDB transaction from here on, and the stores of the read-write ones that commit.
    const log: { mode: IDBTransactionMode; stores: string[]; committed?: boolean }[] = [];
    const open = IDBDatabase.prototype.transaction;
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = open.apply(this, args);
      const entry: (typeof log)[number] = { mode: args[1] ?? 'readonly', stores: typeof args[0] === 'string' ? [args[0]] : [...args[0]] };
      log.push(entry);
      tx.addEventListener('complete', () => void (entry.committed = true));
      return tx;
    });
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    await tracker.taskSeen(side.expected, b.wall, 10);
    spy.mockRestore();

    expect((await getTaskByKey(KEY))!.events.map((e) => e.type)).toEqual(['active', 'front']);
    const writes = log.filter((t) => t.mode === 'readwrite');
    // The first write holds the task's record and its first events: no transaction of the record alone before it.
    expect(writes.length).toBe(1);
    expect(writes[0]).toMatchObject({ committed: true });
    expect(writes[0]!.stores).toEqual(expect.arrayContaining(['tasks', 'events', 'rows']));
    // The stored task is read once (to know it is new), not again for its first events.
    expect(log.filter((t) => t.mode === 'readonly' && t.stores.includes('tasks')).length).toBe(1);
  });

  it('is not written for a new task behind another tab: its record alone, counted open, and its events once in front', async () => {
    const b = new FakeBrowser();
    const tracker = new Tracker(b.env(), new TaskWriter(() => 'UTC'), platforms);
    await tracker.start();
    b.tabs = [{ id: 9, windowId: 1, url: 'https://news.example/', active: true }, { id: 10, windowId: 1, url: side.url, active: false }];
    const record = await tracker.taskSeen(side.expected, b.wall, 10);
    expect(record).toMatchObject({ status: 'open', events: [] });
    expect((await getTaskByKey(KEY))!.events).toEqual([]);
    expect(b.front).toMatchObject({ task: null });
    b.tabs = [{ id: 9, windowId: 1, url: 'https://news.example/', active: false }, { id: 10, windowId: 1, url: side.url, active: true }];
    await tracker.reevaluate();
    expect((await getTaskByKey(KEY))!.events.map((e) => e.type)).toEqual(['active', 'front']);
  });

  it('leaves a closed task closed when its page is seen again, with no event', async () => {
    const b = new FakeBrowser();
    const tracker = new Tracker(b.env(), new TaskWriter(() => 'UTC'), platforms);
    await tracker.start();
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    await tracker.taskSeen(side.expected, b.wall, 10);
    b.advance(60_000);
    await tracker.outcome(KEY, 'returned');
    const closed = (await getTaskByKey(KEY))!;
    b.advance(1_000);
    await tracker.taskSeen(side.expected, b.wall, 10);
    const again = (await getTaskByKey(KEY))!;
    expect(again.status).toBe('returned');
    expect(again.events).toEqual(closed.events);
    expect(b.front).toMatchObject({ task: null });
  });

  it('is not held up by decisions that changed nothing: those write no front state', async () => {
    const b = new FakeBrowser();
    const env = b.env();
    const tracker = new Tracker(env, new TaskWriter(() => 'UTC'), platforms);
    await tracker.start();
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    await tracker.taskSeen(side.expected, b.wall, 10);
    let saved = 0;
    const save = env.saveFront;
    env.saveFront = (state) => (saved++, save(state));
    // Its page finished loading, another tab opened behind it: the same task in front.
    await tracker.reevaluate();
    b.tabs.push({ id: 11, windowId: 1, url: 'https://news.example/', active: false });
    await tracker.reevaluate();
    expect(saved).toBe(0);
    expect(b.front).toMatchObject({ task: KEY, idle: false });
    b.idle = 'idle';
    await tracker.reevaluate();
    expect(saved).toBe(1);
    expect(b.front).toMatchObject({ task: KEY, idle: true });
  });
});
