// Issue 19: a task page Centime cannot fully read (the platform changed its markup) is timed all the same, and the
// worker is told: the overlay asks for the reward, the popup lists the task first, the badge says so, the health
// lines count the page; what a later page or the worker gives fills the record in.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../lib/background/handlers';
import { liveFor } from '../../../lib/background/live';
import { Overlays, withOverlay, type OverlayEnv, type OverlayTab } from '../../../lib/background/overlay';
import { createPageReader } from '../../../lib/background/page-reader';
import { parseHtml } from '../../../lib/background/parse-html';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { setTranslator } from '../../../lib/i18n';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import type { OverlayMessage } from '../../../lib/runtime/overlay-message';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { brokenPages } from '../../platforms/broken-pages';
import type { Case } from '../../platforms/fixtures';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const ui: Sender = { id: me.extensionId, url: 'chrome-extension://centime-id/popup.html' };
const load = (path: string) =>
  ({ folder: path.split('/')[0]!, platform: path.split('/')[0]!, name: path, html: readFileSync(`tests/fixtures/${path}.html`, 'utf8'), ...JSON.parse(readFileSync(`tests/fixtures/${path}.json`, 'utf8')) }) as Case & { expected: { taskId: string; title: string } };
const task = load('mturk/task-page');
const key = `mturk:${task.expected.taskId}`;
const tab = (id = 3, url = task.url): Sender => ({ id: me.extensionId, url, tab: { id, url } });

describe('a task page that cannot be fully read', () => {
  let route: Route;
  let notes: [string, string, boolean][];
  let sent: OverlayMessage[];
  let overlays: Overlays;

  beforeEach(async () => {
    await clearHistory();
    await fakeBrowser.storage.local.clear();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    setTranslator((k, subs) => (subs?.length ? `${k}(${subs.join('|')})` : k));
    const writer = new TaskWriter(() => 'UTC');
    const tracker: Tracker = new Tracker(new FakeBrowser().env(), writer, platforms, () => void overlays.refresh());
    sent = [];
    let tabs: Record<string, OverlayTab> = {};
    const env: OverlayEnv = {
      inject: async () => {},
      send: async (_t, _f, message) => void sent.push(message),
      place: async () => ({ x: 16, y: 16, collapsed: false }),
      loadTabs: async () => structuredClone(tabs),
      saveTabs: async (next) => void (tabs = structuredClone(next)),
      locale: () => 'en-US',
    };
    overlays = new Overlays(env, (k) => liveFor(tracker, k));
    // As the background wires them: the overlays read again the tasks the writer wrote.
    writer.watch((keys) => overlays.tasksChanged(keys));
    notes = [];
    const pages = createPageReader({ route: () => route, parse: parseHtml, now: () => task.now!, noteRead: async (p, kind, ok) => void notes.push([p, kind, ok]) });
    const handlers = withOverlay(pages.withPageReader(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() })), overlays);
    route = createRouter(handlers, me);
  });

  const open = (html: string, doc = 'd1', id = 3, url = task.url) => route({ type: 'cs-bg-page-html', payload: { platform: 'mturk', url, doc, html } }, tab(id, url));
  const overlayFor = async () => {
    await vi.waitFor(() => expect(sent.length).toBeGreaterThan(0));
    return sent.at(-1)!.live;
  };

  it.each(brokenPages(task).map((b) => [b.name, b.html] as const))('%s: timed by its URL, and the worker told', async (_name, html) => {
    const snapshot = platforms.find((p) => p.id === 'mturk')!.readTask(parseHtml(html), new URL(task.url), task.now)!;
    await expect(open(html)).resolves.toMatchObject({ ok: true });
    const record = await getTaskByKey(key);
    expect(record).toMatchObject({ status: 'open', taskId: task.expected.taskId });
    expect(record?.missing).toEqual(snapshot.missing);
    expect(notes).toContainEqual(['mturk', 'task', !snapshot.missing]);
    const live = await overlayFor();
    expect(live?.ask !== undefined).toBe(!!snapshot.missing?.includes('reward'));
    if (live?.ask) expect(live.ask).toMatchObject({ platform: 'mturk', taskId: task.expected.taskId, note: 'rewardUnread' });
  });

  it('the renamed ShowModal and "Reward" label: the overlay asks, and the reward typed fills the record in', async () => {
    const html = brokenPages(task).find((b) => b.name === 'component ShowModal renamed')!.html.replace('>Reward<', '>Pay<');
    await open(html);
    expect((await overlayFor())?.ask?.note).toBe('rewardUnread');
    // What is no amount is answered in words, as the manual timer's reward.
    const bad = await route({ type: 'cs-bg-task-reward', payload: { platform: 'mturk', taskId: task.expected.taskId, text: 'fifty' } }, tab());
    expect(bad).toEqual({ ok: true, data: { saved: false, problem: 'manualRewardInvalid(fifty|USD)' } });
    const good = await route({ type: 'cs-bg-task-reward', payload: { platform: 'mturk', taskId: task.expected.taskId, text: '0.75' } }, tab());
    expect(good).toEqual({ ok: true, data: { saved: true, problem: null } });
    expect(await getTaskByKey(key)).toMatchObject({ reward: { minor: 75, currency: 'USD' }, missing: ['requester'] });
    // The overlay no longer asks once the reward is known.
    await vi.waitFor(() => expect(sent.at(-1)?.live?.ask).toBeUndefined());
    // A reward the page gave is never replaced here (a correction is an edit in the history).
    const again = await route({ type: 'cs-bg-task-reward', payload: { platform: 'mturk', taskId: task.expected.taskId, text: '9.00' } }, tab());
    expect(again).toEqual({ ok: true, data: { saved: false, problem: null } });
  });

  it('the popup lists such a task first, and takes its reward', async () => {
    const next = load('mturk/hit-submitted-next-task');
    await open(next.html.replace(/ShowModal/g, 'HitModal').replace(/>Reward</g, '>Pay<'), 'd0', 4, next.url);
    await open(task.html, 'd1', 3);
    const data = (await route({ type: 'ui-bg-get-popup', payload: {} }, ui)) as { ok: true; data: PopupData };
    expect(data.data.tasks.map((t) => [t.title, t.missing])).toEqual([
      [expect.any(String), ['reward', 'requester']],
      [task.expected.title, undefined],
    ]);
    const first = data.data.tasks[0]!;
    await expect(route({ type: 'ui-bg-task-reward', payload: { platform: 'mturk', taskId: first.taskId, reward: { minor: 120, currency: 'USD' } } }, ui)).resolves.toEqual({ ok: true, data: { saved: true } });
    expect(await getTaskByKey(`mturk:${first.taskId}`)).toMatchObject({ reward: { minor: 120, currency: 'USD' }, missing: ['requester'] });
  });

  it('a later full reading of the page, or the status row, fills in what was missing; nothing known is lost', async () => {
    const broken = brokenPages(task).find((b) => b.name === 'component ShowModal removed')!.html;
    await open(task.html, 'd1');
    await open(broken, 'd2');
    // The first page read everything: the broken reload keeps it.
    expect(await getTaskByKey(key)).toMatchObject({ requesterName: (task.expected as unknown as { requesterName: string }).requesterName });
    expect((await getTaskByKey(key))?.missing).toBeUndefined();
  });

  it('the queue fills in the details of an open task whose page gave none', async () => {
    const queue = load('mturk/queue') as Case & { queue: { taskId: string; taskUrl: string; title: string; requesterName: string; reward: unknown }[] };
    const queued = queue.queue[0]!;
    await open(brokenPages(task).find((b) => b.name === 'everything renamed at once')!.html, 'd1', 5, queued.taskUrl);
    expect((await getTaskByKey(`mturk:${queued.taskId}`))?.missing).toEqual(['title', 'reward', 'requester']);
    await open(queue.html, 'd2', 6, queue.url);
    const record = await getTaskByKey(`mturk:${queued.taskId}`);
    expect(record).toMatchObject({ status: 'open', title: queued.title, requesterName: queued.requesterName, reward: queued.reward });
    expect(record?.missing).toBeUndefined();
  });

  it('the status row of a submitted task fills in its missing details', async () => {
    await open(brokenPages(task).find((b) => b.name === 'everything renamed at once')!.html);
    expect((await getTaskByKey(key))?.missing).toEqual(['title', 'reward', 'requester']);
    const row = { assignmentId: task.expected.taskId, hitId: 'H1', state: 'Submitted', title: 'Label images', requesterName: 'Vision Lab', reward: { minor: 50, currency: 'USD' }, date: '2026-11-29' };
    await route({ type: 'cs-bg-balance-page', payload: { platform: 'mturk', statuses: [row] } }, tab());
    const record = await getTaskByKey(key);
    expect(record).toMatchObject({ status: 'submitted', title: 'Label images', requesterName: 'Vision Lab', reward: { minor: 50, currency: 'USD' } });
    expect(record?.missing).toBeUndefined();
  });
});
