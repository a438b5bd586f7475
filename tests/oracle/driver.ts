import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../lib/background/handlers';
import { dataHandlers } from '../../lib/background/data-handlers';
import { PART_NAMES } from '../../lib/data/backup';
import { primaryData } from '../../lib/storage/backup-read';
import { ARCHIVE_AFTER_MS, archiveBatch, archiveDayBatch, type DayMark } from '../../lib/storage/archive';
import { createRouter, type Route, type Sender } from '../../lib/background/router';
import { TaskWriter } from '../../lib/background/task-writer';
import { Tracker } from '../../lib/background/tracker';
import type { Aggregates } from '../../lib/domain/summary';
import type { PeriodView, PopupData } from '../../lib/messaging';
import { platforms } from '../../lib/platforms/registry';
import { allAggregates, allStretches, allTasks, clearHistory, taskKey } from '../../lib/storage/history-db';
import type { PlatformStretch, TaskRecord } from '../../lib/storage/schemas';
import { DEFAULT_SETTINGS, loadSettings } from '../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from '../unit/background/fake-env';
import { pageMessages, statusOf, urlOf } from './driver-pages';
import type { Action, Page, World } from './world';

/**
 * Plays a world through the REAL background in the fake browser of the unit tests: the tracker, the writer, the
 * handlers behind the router (every payload validated as in the extension), fake IndexedDB. The browser's
 * events (tab, focus, idle changes) each re-evaluate the tracker, as entrypoints/background.ts wires them;
 * deadline alarms fire when time passes them. Lanes of one step run at the same time.
 */

export interface Played {
  /** The popup's data at each `popup` action, in order, with the time zone then, and today, this week, this month. */
  popups: { at: number; zone: string; data: PopupData; periods?: Record<PeriodView['kind'], PeriodView> }[];
  /** Everything stored at the end. */
  aggregates: Aggregates;
  tasks: TaskRecord[];
  stretches: PlatformStretch[];
  /** Messages the background refused (none expected). */
  refused: string[];
  /** The background's writer, as the world left it (a rebuild runs through it). */
  writer: TaskWriter;
}

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const popupSender: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
const historySender: Sender = { id: me.extensionId, url: `${me.extensionOrigin}task-history.html` };
const pageSender = (id: number, url: string): Sender => ({ id: me.extensionId, url, tab: { id, url } });
/** Balance pages come from a refresh or a tab the world does not track: they move no attention. */
const BALANCE_URL: Record<string, string> = {
  mturk: 'https://worker.mturk.com/status_details/2026-01-01',
  prolific: 'https://app.prolific.com/submissions?page=1',
};

/**
 * One world at a time: fast-check gives up on a property at its time limit without stopping the world it was
 * playing, which would go on writing into the same fake IndexedDB as the next property's first world.
 */
let playing: Promise<unknown> = Promise.resolve();

/** `periods`: also ask for today, this week and this month at each checkpoint (what only the figures compare). */
export function play(world: World, options: { periods?: boolean } = {}): Promise<Played> {
  const run = playing.then(() => playAlone(world, options));
  playing = run.catch(() => undefined);
  return run;
}

async function playAlone(world: World, { periods = true }: { periods?: boolean }): Promise<Played> {
  await clearHistory();
  fakeBrowser.reset();
  const b = new FakeBrowser();
  b.wall = world.start;
  let zone = world.zone;
  const manual = { store: b.manualStore(), defaultTitle: () => 'Manual task' };
  // The switched-off platforms come from the settings, as entrypoints/background.ts reads them.
  const disabled = async () => (await loadSettings()).settings.disabledPlatforms;
  // Claims live in storage.session: they outlive the service worker.
  const claims = memoryClaims();
  /** The background as a service worker starts it: everything it keeps in memory is made afresh. */
  const wake = () => {
    const writer = new TaskWriter(() => zone);
    const tracker = new Tracker(b.env(), writer, platforms);
    const data = dataHandlers({ writer, now: () => b.wall, clearStorage: async () => {}, afterDelete: async () => {} });
    const route: Route = createRouter({ ...createHandlers({ tracker, writer, timeZone: () => zone, claims, manual }), ...data }, me, undefined, disabled);
    return { writer, tracker, route };
  };
  let { writer, tracker, route } = wake();
  const played: Played = { popups: [], aggregates: {}, tasks: [], stretches: [], refused: [], writer };
  const send = async (type: string, payload: object, sender: Sender) => {
    const reply = await route({ type, payload }, sender);
    // A switched-off platform's messages are refused on purpose (issue 15): nothing of its pages is recorded.
    const off = reply?.ok === false && reply.error.code === 'platform_off' && b.disabled.includes((payload as { platform?: string }).platform ?? '');
    // A correction of a task still open or never seen is refused on purpose (issue 16); the oracle leaves it out too.
    const notYet = reply?.ok === false && type === 'ui-bg-edit-task' && (reply.error.code === 'task_open' || reply.error.code === 'task_unknown');
    if (!reply?.ok && !off && !notYet) played.refused.push(`${new Date(b.wall).toISOString()} ${type} ${JSON.stringify(payload)}: ${reply?.ok === false ? reply.error : 'no reply'}`);
    return reply?.ok ? reply.data : undefined;
  };
  const { minRates, targetRates, displayCurrency, exchangeRates, payoutThresholds } = world.settings;
  const sessionGapMin = world.settings.sessionGapMin ?? DEFAULT_SETTINGS.sessionGapMin;
  const settings = { ...DEFAULT_SETTINGS, minRates, targetRates, displayCurrency, exchangeRates, payoutThresholds, sessionGapMin };
  await send('ui-bg-save-settings', settings, popupSender);
  await tracker.start();

  const fired = new Set<string>();
  /** Time passes to `t`; each deadline alarm on the way fires at its time, or late at `t` (background.ts: deadlineReached). */
  async function advanceTo(t: number) {
    if (world.alarms === 'late' && t > b.wall) b.advance(t - b.wall);
    for (;;) {
      const due = [...b.alarms].filter(([key, when]) => when <= t && !fired.has(`${key}@${when}`)).sort((x, y) => x[1] - y[1])[0];
      if (!due) break;
      fired.add(`${due[0]}@${due[1]}`);
      if (due[1] > b.wall) b.advance(due[1] - b.wall);
      await tracker.deadlineReached(due[0]);
    }
    if (t > b.wall) b.advance(t - b.wall);
  }

  /** Tasks added by hand: the world's ref → the key the background gave (and back, for what the popup lists). */
  const added = new Map<string, string>();
  const refOf = (key: string) => [...added].find(([, k]) => k === key)?.[0] ?? key;
  const tab = (id: number) => b.tabs.find((t) => t.id === id)!;
  /** The page each tab shows, as the world says it. */
  const pages = new Map<number, Page>();
  const pageOf = (id: number) => pages.get(id)!;
  async function loaded(id: number) {
    const url = tab(id).url!;
    await tracker.reevaluate(); // tabs.onUpdated / onCreated
    const messages = pageMessages(world, pageOf(id));
    // A page naming a task has its task and the browser's state read ahead as its message arrives (background.ts).
    const named = messages.find((m) => m.type === 'cs-bg-page-seen' && (m.payload as { taskId?: string | null }).taskId);
    if (named) {
      const { platform, taskId } = named.payload as { platform: string; taskId: string };
      writer.readAhead(taskKey(platform, taskId));
      tracker.askAhead(id, url);
    }
    for (const m of messages) await send(m.type, m.payload, pageSender(id, url));
  }

  async function act(a: Action): Promise<void> {
    switch (a.kind) {
      case 'open':
        if (!a.background) for (const t of b.tabs) t.active = false;
        b.tabs.push({ id: a.tab, windowId: 1, url: urlOf(world, a.page), active: !a.background, ...(a.opener !== undefined ? { openerTabId: a.opener } : {}) });
        pages.set(a.tab, a.page);
        return loaded(a.tab);
      case 'go':
        tab(a.tab).url = urlOf(world, a.page);
        pages.set(a.tab, a.page);
        return loaded(a.tab);
      case 'switch':
        for (const t of b.tabs) t.active = t.id === a.tab;
        return tracker.reevaluate();
      case 'close':
        b.tabs = b.tabs.filter((t) => t.id !== a.tab);
        if (a.then !== undefined) for (const t of b.tabs) t.active = t.id === a.then;
        return tracker.reevaluate();
      case 'focus':
        b.focusedWindowId = a.focused ? 1 : null;
        return tracker.reevaluate();
      case 'idle':
        b.idle = a.idle ? 'idle' : 'active';
        return tracker.reevaluate();
      case 'claim': {
        const page = pageOf(a.tab);
        if (page.kind !== 'mturk-task') return;
        await send('cs-bg-task-claim', { platform: 'mturk', taskId: world.tasks[page.task]!.id, outcome: a.outcome }, pageSender(a.tab, tab(a.tab).url!));
        return;
      }
      case 'rows':
        await send('cs-bg-balance-page', { platform: a.platform, statuses: a.rows.map((r) => statusOf(world, r)) }, pageSender(900, BALANCE_URL[a.platform]!));
        return;
      case 'dashboard': {
        const dashboard = { available: a.available, ...(a.bonuses ? { bonuses: a.bonuses } : {}) };
        const statuses = a.rows.map((r) => statusOf(world, r));
        await send('cs-bg-balance-page', { platform: 'mturk', dashboard, ...(statuses.length ? { statuses } : {}) }, pageSender(900, BALANCE_URL.mturk!));
        return;
      }
      case 'earnings':
        await send('cs-bg-balance-page', { platform: 'mturk', transfers: a.transfers.map((t) => ({ requestedDate: t.date, amount: t.amount })) }, pageSender(900, BALANCE_URL.mturk!));
        return;
      case 'cash-out':
        await send('ui-bg-cash-out', { platform: 'prolific', currency: a.currency }, popupSender);
        return;
      case 'manual-start':
        await send('ui-bg-manual', { action: 'start', title: 'Offline work' }, popupSender);
        return;
      case 'manual-pause':
      case 'manual-resume':
        await send('ui-bg-manual', { action: a.kind === 'manual-pause' ? 'pause' : 'resume' }, popupSender);
        return;
      case 'manual-stop':
        await send('ui-bg-manual', { action: 'stop', reward: a.reward }, popupSender);
        return;
      case 'zone':
        zone = a.zone;
        return;
      case 'pause':
        await send('ui-bg-pause', { paused: a.paused }, popupSender);
        return;
      case 'platform': {
        // The options page saves the settings; the background decides anew when they change (watchSettings).
        b.disabled = a.on ? b.disabled.filter((p) => p !== a.platform) : [...new Set([...b.disabled, a.platform])];
        await send('ui-bg-save-settings', { ...settings, disabledPlatforms: b.disabled }, popupSender);
        return tracker.reevaluate();
      }
      case 'edit':
        await send('ui-bg-edit-task', { key: added.get(a.task) ?? a.task, change: a.change }, historySender);
        return;
      case 'add': {
        const reply = (await send('ui-bg-add-task', a.task, historySender)) as { key: string } | undefined;
        if (reply) added.set(a.ref, reply.key);
        return;
      }
      case 'reimport': {
        // The options page's import of a backup of this browser (lib/pages/data-io.ts), through the writer.
        const backup = await primaryData();
        const importId = `reimport-${b.wall}`;
        await send('ui-bg-import-stage', { importId, part: {} }, historySender);
        for (const name of PART_NAMES) {
          for (let i = 0; i < backup[name].length; i += 1000) {
            await send('ui-bg-import-stage', { importId, part: { [name]: backup[name].slice(i, i + 1000) } }, historySender);
          }
        }
        const reply = (await send('ui-bg-import-commit', { importId }, historySender)) as { counts: Record<string, { added: number; updated: number }> } | undefined;
        // Everything is already there: a merge that adds or completes anything has counted something twice.
        for (const [list, c] of Object.entries(reply?.counts ?? {})) {
          if (c.added || c.updated) throw new Error(`re-importing this browser's backup changed ${list}: ${JSON.stringify(c)}`);
        }
        return;
      }
      case 'archive': {
        // A pass of the archive (lib/storage/archive.ts) through the writer's queue, batch by batch as the background
        // runs it; its clock a month and a day ahead, so that every settled task moves in. About half the passes (an
        // odd millisecond) go through the rows' days first, as the background's does while many tasks are loose.
        const ahead = b.wall + ARCHIVE_AFTER_MS + 24 * 3600_000;
        if (b.wall % 2 === 1) {
          for (let mark: DayMark | undefined, done = false; !done; ) ({ next: mark, done } = await writer.serial(() => archiveDayBatch(ahead, mark)));
        }
        for (let after: string | undefined, done = false; !done; ) ({ next: after, done } = await writer.serial(() => archiveBatch(ahead, after)));
        return;
      }
      case 'restart':
        // The browser stops the idle service worker and starts it again for the next event: its memory is gone,
        // storage, tabs and alarms stay. A stopped service worker loses no second (DESIGN.md).
        b.restartWorker();
        ({ writer, tracker, route } = wake());
        played.writer = writer;
        return tracker.start();
      case 'popup': {
        const data = (await send('ui-bg-get-popup', {}, popupSender)) as PopupData;
        data.pending.items = data.pending.items.map((item) => ({ ...item, key: refOf(item.key) }));
        const firstDay = world.firstDay ?? 1;
        const period = async (kind: PeriodView['kind']) => (await send('ui-bg-get-period', { kind, firstDay }, popupSender)) as PeriodView;
        if (!periods) played.popups.push({ at: b.wall, zone, data });
        else played.popups.push({ at: b.wall, zone, data, periods: { day: await period('day'), week: await period('week'), month: await period('month') } });
        return;
      }
    }
  }

  for (const step of world.steps) {
    await advanceTo(step.at);
    await Promise.all(step.lanes.map(async (lane) => {
      for (const a of lane) await act(a);
    }));
  }
  played.aggregates = await allAggregates();
  played.tasks = await allTasks();
  played.stretches = await allStretches();
  return played;
}
