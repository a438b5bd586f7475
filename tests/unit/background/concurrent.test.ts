// Two tabs acting in the same instant: every change of a shared stored value must survive the other's.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mirroredClaimStore } from '../../../lib/background/browser-env';
import { createHandlers, type ClaimStore } from '../../../lib/background/handlers';
import { BadgeClock } from '../../../lib/background/badge-clock';
import { updateBadge } from '../../../lib/background/live';
import { setTranslator } from '../../../lib/i18n';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { allAggregates, clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { pendingItems } from '../../../lib/storage/ledger-db';
import { FakeBrowser } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const HIT_LIST = 'https://worker.mturk.com/projects';
const tab = (id: number, url: string): Sender => ({ id: me.extensionId, url, tab: { id, url } });
/** The same HIT page as another assignment: another task, in its own tab. */
function task(n: number) {
  const taskId = `${side.expected.taskId.slice(0, -2)}${String(n).padStart(2, '0')}`;
  const url = new URL(side.url);
  url.searchParams.set('assignment_id', taskId);
  return { snapshot: { ...side.expected, taskId }, url: url.href, key: `mturk:${taskId}`, tabId: 10 + n };
}
/**
 * storage.session as a browser answers it: after a round trip to the browser process, while other work goes on
 * (the in-memory fake would answer within the same turn).
 */
function sessionRoundTrips(): void {
  const area = fakeBrowser.storage.session as unknown as Record<'get' | 'set', (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['get', 'set'] as const) {
    const real = area[name].bind(area);
    vi.spyOn(area, name).mockImplementation(async (...args: unknown[]) => {
      await new Promise((r) => setTimeout(r, 1));
      return real(...args);
    });
  }
}
const storedClaims = async () => (await fakeBrowser.storage.session.get('claims')).claims as Record<string, unknown> | undefined;

describe('claims of tabs acting at once (the real session store)', () => {
  let b: FakeBrowser;
  let route: Route;
  let tracker: Tracker;
  const send = (type: string, payload: unknown, sender: Sender) => route({ type, payload }, sender);
  const claim = (t: ReturnType<typeof task>) =>
    send('cs-bg-task-claim', { platform: 'mturk', taskId: t.snapshot.taskId, outcome: 'submitted' }, tab(t.tabId, t.url));

  let claimStore: ClaimStore;
  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(b.env(), writer, platforms);
    // The claims as the background keeps them: in memory, read again after any change.
    claimStore = mirroredClaimStore();
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: claimStore }), me);
    sessionRoundTrips();
  });

  it('keeps the claim of each of 12 tabs claiming at once', async () => {
    const tasks = Array.from({ length: 12 }, (_, i) => task(i));
    const replies = await Promise.all(tasks.map(claim));
    expect(replies).toEqual(tasks.map(() => ({ ok: true, data: { claimed: true } })));
    for (const t of tasks) expect(await claimStore.get(t.tabId)).toMatchObject({ key: t.key, outcome: 'submitted' });
    expect(Object.keys((await storedClaims())!)).toHaveLength(12);
    // Cleared at once, too: none comes back.
    await Promise.all(tasks.map((t) => claimStore.set(t.tabId, null)));
    expect(await storedClaims()).toEqual({});
  });

  it('records two task tabs whose submits are confirmed in the same instant, each once', async () => {
    const [a, c] = [task(1), task(2)];
    b.tabs = [{ id: a.tabId, windowId: 1, url: a.url, active: true }, { id: c.tabId, windowId: 1, url: c.url, active: false }];
    await send('cs-bg-task-seen', a.snapshot, tab(a.tabId, a.url));
    await send('cs-bg-task-seen', c.snapshot, tab(c.tabId, c.url));
    b.advance(10_000);
    await Promise.all([claim(a), claim(c)]);
    b.advance(1_000); // both next pages load in the same instant
    b.tabs = b.tabs.map((t) => ({ ...t, url: HIT_LIST }));
    const replies = await Promise.all(
      [a, c].map((t) => send('cs-bg-page-seen', { platform: 'mturk', pageKind: 'listing', alert: 'submitted', taskId: null }, tab(t.tabId, HIT_LIST))),
    );
    expect(replies).toEqual([{ ok: true, data: { confirmed: a.key } }, { ok: true, data: { confirmed: c.key } }]);
    for (const t of [a, c]) expect(await getTaskByKey(t.key)).toMatchObject({ status: 'submitted' });
    const day = new Date(b.wall).toISOString().slice(0, 10);
    expect((await allAggregates())[`${day}|mturk`]).toMatchObject({ tasks: 2, earned: { USD: 100 }, pending: { USD: 100 } });
    expect((await pendingItems()).map((p) => p.key).sort()).toEqual([a.key, c.key].sort());
    // Both claims are gone: the same alert seen again in either tab confirms nothing more.
    expect(await storedClaims()).toEqual({});
    const again = await Promise.all(
      [a, c].map((t) => send('cs-bg-page-seen', { platform: 'mturk', pageKind: 'listing', alert: 'submitted', taskId: null }, tab(t.tabId, HIT_LIST))),
    );
    expect(again).toEqual([{ ok: true, data: { confirmed: null } }, { ok: true, data: { confirmed: null } }]);
    expect((await allAggregates())[`${day}|mturk`]).toMatchObject({ tasks: 2, earned: { USD: 100 } });
  });
});

describe('the notification under the minimum', () => {
  afterEach(() => setTranslator());

  it('is sent once per task when badge updates for several tasks run at once', async () => {
    await clearHistory();
    setTranslator((key) => key);
    const b = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(b.env(), writer, platforms);
    const [a, c] = [task(1), task(2)];
    // Each task worked 10 minutes for $0.50: $3.00/h, under the $7.25 minimum.
    for (const t of [a, c]) {
      b.tabs = [{ id: t.tabId, windowId: 1, url: t.url, active: true }];
      await tracker.taskSeen(t.snapshot, b.wall, t.tabId);
      b.advance(10 * 60_000);
    }
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const clock = new BadgeClock();
    sessionRoundTrips();
    await Promise.all(Array.from({ length: 6 }, (_, i) => updateBadge(tracker, i % 2 ? a.key : c.key, false, clock)));
    expect(create.mock.calls.map(([id]) => id).sort()).toEqual([`under:${a.key}`, `under:${c.key}`]);
    expect(((await fakeBrowser.storage.session.get('notifiedUnder')).notifiedUnder as string[]).sort()).toEqual([a.key, c.key].sort());
    // Later updates notify no more.
    await Promise.all([updateBadge(tracker, a.key, false, clock), updateBadge(tracker, c.key, false, clock)]);
    expect(create).toHaveBeenCalledTimes(2);
  });
});
