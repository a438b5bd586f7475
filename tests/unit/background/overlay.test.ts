import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveView } from '../../../lib/domain/live';
import { timeLeftMs } from '../../../lib/domain/time-left';
import { Overlays, withOverlay, type OverlayEnv, type OverlayTab } from '../../../lib/background/overlay';
import type { Handlers } from '../../../lib/background/router';
import type { TaskSnapshot } from '../../../lib/platforms/types';
import { changed, overlayWords } from '../../../lib/background/overlay-view';
import { setTranslator } from '../../../lib/i18n';
import type { OverlayMessage } from '../../../lib/runtime/overlay-message';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const view = (over: Partial<LiveView> = {}): LiveView => {
  const v = { activeMs: 10_000, idleMs: 0, running: true, reward: usd(50), rate: usd(18_000), minimum: usd(725), target: usd(1000), band: 'good' as const, ...over };
  return { leftMs: timeLeftMs(v.reward, v.minimum, v.activeMs), ...v };
};

/** A browser with one task tab (id 7): what was injected and sent where. */
function fakeEnv() {
  let tabs: Record<string, OverlayTab> = {};
  const sent: { tabId: number; message: OverlayMessage }[] = [];
  const injected: number[] = [];
  const env: OverlayEnv = {
    inject: async (tabId) => void injected.push(tabId),
    send: async (tabId, _frame, message) => void sent.push({ tabId, message }),
    place: async () => ({ x: 16, y: 16, collapsed: false }),
    loadTabs: async () => structuredClone(tabs),
    saveTabs: async (next) => void (tabs = structuredClone(next)),
    locale: () => 'en-US',
  };
  return { env, sent, injected, tabs: () => tabs };
}

describe('the overlay, kept by the background', () => {
  let live: { view: LiveView | null; overlay: boolean };
  let started: number;
  const liveFor = async () => {
    const v = live.view;
    // The task's time moves on with the clock while it runs, as the stored timeline says.
    return { ...live, view: v && v.running ? { ...v, activeMs: v.activeMs + (Date.now() - started) } : v };
  };
  beforeEach(() => {
    setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key));
    vi.useFakeTimers({ now: 1_000_000 });
    started = Date.now();
    live = { view: view(), overlay: true };
  });
  afterEach(() => {
    vi.useRealTimers();
    setTranslator();
  });

  it('is injected into a task page once its task is known, with the view and its amounts formatted', async () => {
    const { env, sent, injected, tabs } = fakeEnv();
    await new Overlays(env, liveFor).taskSeen(7, 0, 'mturk:A1');
    expect(injected).toEqual([7]);
    expect(sent[0]!.message.live?.words).toMatchObject({ rate: '$180.00', reward: '$0.50', status: { under: 'overlayUnder($7.25)' } });
    expect(sent[0]!.message.live?.pattern).toMatchObject({ currency: 'USD', prefix: '$', fraction: 2 });
    expect(tabs()).toEqual({ 7: { key: 'mturk:A1', frameId: 0 } });
  });

  it('is not injected where the page\u2019s own script carries it (MTurk\u2019s task pages), and is injected elsewhere', async () => {
    const { env, sent, injected } = fakeEnv();
    const overlays = new Overlays(env, liveFor);
    const handlers = withOverlay({ 'cs-bg-task-seen': async () => undefined, 'cs-bg-page-seen': async () => undefined } as unknown as Handlers, overlays);
    const seen = (snapshot: Partial<TaskSnapshot>, url: string) =>
      handlers['cs-bg-task-seen']({ title: 't', requesterName: 'r', reward: usd(50), ...snapshot } as TaskSnapshot, { tab: { id: 7, url }, url } as never);
    await seen({ platform: 'mturk', taskId: 'A1' }, 'https://worker.mturk.com/projects/G1/tasks/H1?assignment_id=A1');
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(injected).toEqual([]);
    await seen({ platform: 'prolific', taskId: 'S1' }, 'https://app.prolific.com/studies/S1');
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(injected).toEqual([7]);
    expect(sent.map((m) => m.message.key)).toEqual(['mturk:A1', 'prolific:S1']);
  });

  it('is not injected when the worker turned it off, nor for a task that is over', async () => {
    const { env, injected } = fakeEnv();
    live = { view: view(), overlay: false };
    await new Overlays(env, liveFor).taskSeen(7, 0, 'mturk:A1');
    live = { view: null, overlay: true };
    await new Overlays(env, liveFor).taskSeen(7, 0, 'mturk:A1');
    expect(injected).toEqual([]);
  });

  it('sends nothing while the task runs as the page already shows it: no message every few seconds', async () => {
    const { env, sent } = fakeEnv();
    const overlays = new Overlays(env, liveFor);
    await overlays.taskSeen(7, 0, 'mturk:A1');
    for (let beat = 0; beat < 12; beat++) {
      vi.advanceTimersByTime(5_000);
      await overlays.refresh();
    }
    expect(sent).toHaveLength(1);
  });

  it('sends what the page cannot work out: the task paused, resumed, or ended (and forgets the tab)', async () => {
    const { env, sent, tabs } = fakeEnv();
    const overlays = new Overlays(env, liveFor);
    await overlays.taskSeen(7, 0, 'mturk:A1');
    // Each change of the task is a write the writer tells.
    live = { view: view({ running: false, activeMs: 12_000 }), overlay: true };
    overlays.tasksChanged(['mturk:A1']);
    await overlays.refresh();
    expect(sent.at(-1)!.message.live?.view.running).toBe(false);
    await overlays.refresh();
    expect(sent).toHaveLength(2);
    live = { view: null, overlay: true };
    overlays.tasksChanged(['mturk:A1']);
    await overlays.refresh();
    expect(sent.at(-1)!.message).toEqual({ type: 'bg-cs-overlay', key: 'mturk:A1', live: null });
    expect(tabs()).toEqual({});
  });

  it('takes the overlay away when the tab shows another page, and forgets a closed tab', async () => {
    const { env, sent, tabs } = fakeEnv();
    const overlays = new Overlays(env, liveFor);
    await overlays.taskSeen(7, 0, 'prolific:S1');
    await overlays.pageSeen(7, 'prolific:S1');
    expect(sent).toHaveLength(1);
    await overlays.pageSeen(7, null);
    expect(sent.at(-1)!.message.live).toBeNull();
    await overlays.taskSeen(8, 0, 'mturk:A2');
    await overlays.tabClosed(8);
    expect(tabs()).toEqual({});
  });

  it('keeps every tab when pages and tasks are reported at once', async () => {
    const { env, tabs } = fakeEnv();
    const overlays = new Overlays(env, liveFor);
    await Promise.all([overlays.taskSeen(1, 0, 'mturk:A'), overlays.pageSeen(1, 'mturk:A'), overlays.taskSeen(2, 0, 'mturk:B'), overlays.refresh()]);
    expect(Object.keys(tabs()).sort()).toEqual(['1', '2']);
  });

  it('reads every tab’s view at once after a decision, and the place once: 20 task tabs are one round of reads', async () => {
    const { env } = fakeEnv();
    let places = 0;
    env.place = async () => (places++, { x: 16, y: 16, collapsed: false });
    let reading = 0;
    let most = 0;
    const slowLive = async () => {
      most = Math.max(most, ++reading);
      await Promise.resolve();
      reading--;
      return liveFor();
    };
    const overlays = new Overlays(env, slowLive);
    for (let tab = 1; tab <= 20; tab++) await overlays.taskSeen(tab, 0, `mturk:A${tab}`);
    places = 0;
    most = 0;
    // The worker's settings changed: every task's view may have.
    live = { view: view({ running: false }), overlay: true };
    overlays.tasksChanged(null);
    await overlays.refresh();
    expect(most).toBe(20);
    expect(places).toBe(1);
  });

  it('reads again after a decision only the tabs of the tasks it wrote; a heartbeat that wrote nothing reads none', async () => {
    const { env, sent } = fakeEnv();
    const read: string[] = [];
    let loads = 0;
    const loadTabs = env.loadTabs;
    env.loadTabs = () => (loads++, loadTabs());
    const views = new Map<string, LiveView>();
    const overlays = new Overlays(env, async (key) => (read.push(key), { view: views.get(key) ?? view(), overlay: true }));
    for (let tab = 1; tab <= 20; tab++) await overlays.taskSeen(tab, 0, `mturk:A${tab}`);
    // The first refresh after a start reads every tab (a stopped worker forgot what it sent).
    await overlays.refresh();
    read.length = 0;
    sent.length = 0;
    // A tab switch: tab 3's task goes behind, tab 4's comes to the front; both are written.
    views.set('mturk:A3', view({ running: false }));
    overlays.tasksChanged(['mturk:A3', 'mturk:A4']);
    await overlays.refresh();
    expect(read.sort()).toEqual(['mturk:A3', 'mturk:A4']);
    expect(sent.map((s) => s.tabId)).toEqual([3]);
    read.length = 0;
    loads = 0;
    // Heartbeats, and decisions that wrote no task.
    for (let beat = 0; beat < 3; beat++) {
      vi.advanceTimersByTime(5_000);
      await overlays.refresh();
    }
    expect(read).toEqual([]);
    expect(loads).toBe(0);
  });
});

describe('changed', () => {
  beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
  afterEach(() => setTranslator());
  const sent = (v: LiveView, at = 0) => ({ view: v, at, words: overlayWords(v, 'en-US'), pattern: null, place: { x: 0, y: 0, collapsed: false } });
  it('is false for a running view that moved on by the time passed, true past a second of drift', () => {
    expect(changed(sent(view()), sent(view({ activeMs: 15_000 }), 5_000))).toBe(false);
    expect(changed(sent(view()), sent(view({ activeMs: 13_000 }), 5_000))).toBe(true);
  });
  it('is true when a printed amount changes (the worker’s minimum)', () => {
    expect(changed(sent(view()), sent(view({ minimum: usd(800) })))).toBe(true);
  });
});
