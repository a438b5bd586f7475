import { FakeBrowser } from '../../background/fake-env';
import { pageMessages } from '../../../oracle/driver-pages';
import type { Page, World } from '../../../oracle/world';
import { startBackground, tabSender, type Background } from './legacy-background';

/** A page in a tab: its URL, and what its content script reports (an oracle page, or a task snapshot). */
export interface Shown {
  url: string;
  page?: Page;
  seen?: object;
}

/**
 * A browser driven by hand around today's background, for the scenarios the oracle's generator does not make:
 * tabs that load pages (the tracker re-decides, then the content script reports), focus and idle changes,
 * service-worker restarts and browser crashes (the worker's globals gone, the last heartbeat kept).
 */
export class ScriptedBrowser {
  readonly b = new FakeBrowser();
  bg!: Background;
  private readonly pages = new Map<number, Shown>();

  constructor(start: number, private readonly zone: string, private readonly world: World) {
    this.b.wall = start;
  }

  /** A service-worker start: a new background on the same browser and storage. */
  async boot(): Promise<void> {
    this.bg = await startBackground(this.b, () => this.zone);
    await this.bg.tracker.start();
  }

  at(t: number): void {
    this.b.advance(t - this.b.wall);
  }

  async open(tab: number, shown: Shown, opts: { opener?: number; background?: boolean } = {}): Promise<void> {
    if (!opts.background) for (const t of this.b.tabs) t.active = false;
    this.b.tabs.push({ id: tab, windowId: 1, url: shown.url, active: !opts.background, ...(opts.opener !== undefined ? { openerTabId: opts.opener } : {}) });
    await this.load(tab, shown);
  }

  async go(tab: number, shown: Shown): Promise<void> {
    this.b.tabs.find((t) => t.id === tab)!.url = shown.url;
    await this.load(tab, shown);
  }

  /** A change of tabs, focus or idle state: the tracker re-decides. */
  async change(f: (b: FakeBrowser) => void): Promise<void> {
    f(this.b);
    await this.bg.tracker.reevaluate();
  }

  /** The browser crashes a few seconds after a heartbeat and restarts `closedFor` later, restoring `tabs`. */
  async crash(tabs: { id: number; shown: Shown; active: boolean }[], closedFor: number): Promise<void> {
    this.b.beat();
    this.b.advance(3_000);
    this.b.restartBrowser();
    this.b.advance(closedFor);
    this.b.tabs = tabs.map(({ id, shown, active }) => ({ id, windowId: 1, url: shown.url, active }));
    await this.boot();
    for (const { id, shown } of tabs) await this.load(id, shown);
  }

  private async load(tab: number, shown: Shown): Promise<void> {
    this.pages.set(tab, shown);
    await this.bg.tracker.reevaluate();
    const sender = tabSender(tab, shown.url);
    if (shown.page) for (const m of pageMessages(this.world, shown.page)) await this.bg.send(m.type, m.payload, sender);
    if (shown.seen) await this.bg.send('cs-bg-task-seen', shown.seen, sender);
  }
}
