import type { LiveView } from '../domain/live';
import type { TaskDetail } from '../domain/task-details';
import { moneyPattern } from '../domain/money-pattern';
import type { OverlayLive, OverlayMessage, OverlayPlace } from '../runtime/overlay-message';
import { taskKey } from '../storage/history-db';
import { OVERLAY_IN_PAGE } from '../platforms/hosts';
import { matchesAny } from './match';
import { askWords, changed, overlayWords } from './overlay-view';
import type { Handlers, Sender } from './router';

/** A tab whose task page shows the overlay: the task, and the frame its script runs in. */
export interface OverlayTab {
  key: string;
  frameId: number;
}

/** What the overlay's keeper needs of the browser (bound in `overlay-env.ts`; a fake in tests). */
export interface OverlayEnv {
  /** Runs `overlay.js` in that frame (`scripting.executeScript({ files })`). */
  inject(tabId: number, frameId: number): Promise<void>;
  /** `tabs.sendMessage` to that frame; a tab with no one listening any more rejects. */
  send(tabId: number, frameId: number, message: OverlayMessage): Promise<void>;
  place(): Promise<OverlayPlace>;
  /** The tabs showing it (session storage: a stopped worker forgets nothing). */
  loadTabs(): Promise<Record<string, OverlayTab>>;
  saveTabs(tabs: Record<string, OverlayTab>): Promise<void>;
  locale(): string;
}

export type LiveFor = (key: string) => Promise<{ view: LiveView | null; overlay: boolean; missing?: TaskDetail[] }>;

/**
 * The overlay on task pages, kept by the background: injected when a content script reports a task (only then,
 * only there), and sent the task's live view when it changes in a way the page cannot work out itself (the task
 * stopped or started running, its thresholds or reward changed, it ended). Between two such messages the page
 * moves the time on locally, so a task page receives no periodic message and polls nothing.
 */
export class Overlays {
  /** What each tab was last sent: a view that moved on as predicted is not sent again. */
  private readonly sent = new Map<number, OverlayLive>();
  /** One step at a time: the tabs record is read, changed and written whole. */
  private queue: Promise<void> = Promise.resolve();
  private refreshQueued = false;
  /**
   * The tasks written since the last refresh (the writer tells `tasksChanged`): only their tabs are read again. A
   * view of a task not written moves on as the page predicts it. Null: every tab (at start, after a settings change).
   */
  private stale: Set<string> | null = null;

  constructor(
    private readonly env: OverlayEnv,
    private readonly live: LiveFor,
  ) {}

  private serial(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * A task page reported its task: show the overlay there if the worker wants it and the task is open. `carried`:
   * the page's own script carries the overlay (`OVERLAY_IN_PAGE`), so nothing is injected.
   */
  taskSeen(tabId: number, frameId: number, key: string, carried = false): Promise<void> {
    return this.serial(async () => {
      const next = await this.liveOf(key);
      const tabs = await this.env.loadTabs();
      if (!next) {
        if (tabs[tabId]) await this.drop(tabId, tabs);
        return;
      }
      if (!carried) await this.env.inject(tabId, frameId);
      await this.env.send(tabId, frameId, { type: 'bg-cs-overlay', key, live: next });
      this.sent.set(tabId, next);
      await this.env.saveTabs({ ...tabs, [tabId]: { key, frameId } });
    });
  }

  /** A page loaded in a tab: an overlay there for another task goes (a single-page site moved on). */
  pageSeen(tabId: number, key: string | null): Promise<void> {
    return this.serial(async () => {
      const tabs = await this.env.loadTabs();
      if (tabs[tabId] && tabs[tabId].key !== key) await this.drop(tabId, tabs);
    });
  }

  tabClosed(tabId: number): Promise<void> {
    return this.serial(async () => {
      const tabs = await this.env.loadTabs();
      if (tabs[tabId]) await this.forget(tabId, tabs);
      this.sent.delete(tabId);
    });
  }

  /** Tasks were written (their keys), or anything may have changed (null: settings, an import). */
  tasksChanged(keys: readonly string[] | null): void {
    if (keys === null) this.stale = null;
    else for (const key of keys) this.stale?.add(key);
  }

  /**
   * After each decision of the tracker: each overlay whose task was written since gets what changed, once. Calls
   * while one waits merge.
   */
  refresh(): Promise<void> {
    if (this.refreshQueued) return this.queue;
    this.refreshQueued = true;
    return this.serial(() => {
      this.refreshQueued = false;
      return this.refreshAll();
    });
  }

  private async refreshAll(): Promise<void> {
    const stale = this.stale;
    // A heartbeat, or a decision that wrote no task: no read at all.
    if (stale?.size === 0) return;
    this.stale = new Set();
    try {
      await this.refreshTabs(stale);
    } catch (error) {
      // What was not sent is sent by the next refresh.
      this.stale = null;
      throw error;
    }
  }

  private async refreshTabs(stale: ReadonlySet<string> | null): Promise<void> {
    const tabs = await this.env.loadTabs();
    // Only the tabs of the tasks written: each decision would read 20 tasks against the writer's transactions
    // (20 task tabs: issue 18, docs/page-cost.md).
    const shown = Object.entries(tabs).filter(([, { key }]) => !stale || stale.has(key));
    if (shown.length === 0) return;
    // Their views read at once, the place once: one round of reads, not one per tab.
    const place = this.env.place();
    // Read only where a view is shown: a failure matters there, not when no tab needed it.
    place.catch(() => {});
    const views = await Promise.all(shown.map(([, { key }]) => this.liveOf(key, place)));
    for (const [i, [id, { key, frameId }]] of shown.entries()) {
      const tabId = Number(id);
      const next = views[i]!;
      if (!next) {
        await this.drop(tabId, tabs);
        continue;
      }
      if (!changed(this.sent.get(tabId), next)) continue;
      try {
        await this.env.send(tabId, frameId, { type: 'bg-cs-overlay', key, live: next });
        this.sent.set(tabId, next);
      } catch {
        // The page is gone (navigated away, or the frame closed): nothing shows that overlay any more.
        await this.forget(tabId, tabs);
      }
    }
  }

  private async liveOf(key: string, place?: Promise<OverlayPlace>): Promise<OverlayLive | null> {
    const { view, overlay, missing } = await this.live(key);
    if (!view || !overlay) return null;
    const locale = this.env.locale();
    const live: OverlayLive = { view, at: Date.now(), words: overlayWords(view, locale), pattern: view.reward ? moneyPattern(view.reward.currency, locale) : null, place: await (place ?? this.env.place()) };
    if (missing?.includes('reward')) live.ask = askWords(key);
    return live;
  }

  /** Takes the overlay away from a tab (its task ended, or the worker turned the overlay off). */
  private async drop(tabId: number, tabs: Record<string, OverlayTab>): Promise<void> {
    const tab = tabs[tabId];
    if (tab) await this.env.send(tabId, tab.frameId, { type: 'bg-cs-overlay', key: tab.key, live: null }).catch(() => {});
    await this.forget(tabId, tabs);
  }

  private async forget(tabId: number, tabs: Record<string, OverlayTab>): Promise<void> {
    this.sent.delete(tabId);
    delete tabs[tabId];
    await this.env.saveTabs(tabs);
  }
}

/**
 * The router's task-seen and page-seen, which also place the overlay: the handlers themselves stay as they are.
 * The overlay follows the stored task, so it is placed once the handler has answered.
 */
export function withOverlay(handlers: Handlers, overlays: Overlays): Handlers {
  const warn = (error: unknown) => console.warn('Centime: overlay', error);
  const frameOf = (sender: Sender) => (sender as { frameId?: number }).frameId ?? 0;
  return {
    ...handlers,
    'cs-bg-task-seen': async (snapshot, sender) => {
      const answer = await handlers['cs-bg-task-seen'](snapshot, sender);
      const tabId = sender.tab?.id;
      const carried = sender.url !== undefined && matchesAny(OVERLAY_IN_PAGE, sender.url);
      if (tabId !== undefined) void overlays.taskSeen(tabId, frameOf(sender), taskKey(snapshot.platform, snapshot.taskId), carried).catch(warn);
      return answer;
    },
    'cs-bg-page-seen': async (page, sender) => {
      const answer = await handlers['cs-bg-page-seen'](page, sender);
      const tabId = sender.tab?.id;
      if (tabId !== undefined) void overlays.pageSeen(tabId, page.taskId ? taskKey(page.platform, page.taskId) : null).catch(warn);
      return answer;
    },
  };
}
