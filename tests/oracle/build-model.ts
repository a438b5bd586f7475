import type { Money } from '../../lib/domain/money';
import type { Truth } from './build-truth';
import type { Script } from './script';
import type { Action, Page, TaskSpec } from './world';

/**
 * The generator's picture of the browser and the platforms while it builds a world: which tab shows what,
 * which HITs and studies are alive, and the platforms' truth. It only decides what is possible; the figures are
 * the oracle's business.
 */

export interface Hit {
  spec: TaskSpec;
  deadline: number;
  /** Not yet submitted, returned or taken down. */
  alive: boolean;
}

export interface Study {
  spec: TaskSpec;
  /** The tab its page was last shown in. */
  tab: number | null;
  started: number | null;
  deadline: number | null;
  survey: number | null;
  /** Completed, returned, abandoned or timed out (the truth). */
  over: boolean;
  /** Centime was told it ended (the completion page, or a status row). */
  told: boolean;
}

export class Model {
  now: number;
  n = 0;
  site = 0;
  nextTab = 1;
  tabs = new Map<number, { page: Page; opener?: number }>();
  active: number | null = null;
  hits: Hit[] = [];
  studies: Study[] = [];
  truths: Truth[] = [];
  manual: 'none' | 'running' | 'paused' = 'none';
  available = 5_000;
  bonuses: Money | null = null;
  transfers: { date: string; amount: Money }[] = [];
  /** The refs of the tasks added by hand, in order (`hand:1`, …). */
  added: string[] = [];
  /** Tabs already acting in the step being built (two lanes never share one). */
  used = new Set<number>();
  lane: Action[] = [];

  constructor(readonly script: Script) {
    this.now = script.world.start;
  }

  emit(...actions: Action[]): void {
    this.lane.push(...actions);
  }

  add(spec: TaskSpec): TaskSpec {
    this.script.add(spec);
    return spec;
  }

  /**
   * The open study Centime knows under way: started, not yet ended as far as Centime was told, before its
   * deadline. One with no maximum time is taken as ended once over: Centime may hold it open a while longer.
   */
  studyUnderWay(): Study | undefined {
    return this.studies.find((s) => s.started !== null && !s.told && (s.deadline === null ? !s.over : this.now < s.deadline));
  }

  /** A tab the worker must not lead away: a started study's own tab and its survey, while the study is under way. */
  locked(tab: number): boolean {
    return this.studies.some((s) => s.started !== null && !s.over && (s.tab === tab || s.survey === tab));
  }

  /** Tabs showing a HIT that can still be worked on. */
  hitTabs(): { tab: number; hit: Hit }[] {
    const out: { tab: number; hit: Hit }[] = [];
    for (const [tab, { page }] of this.tabs) {
      if (page.kind !== 'mturk-task' || this.used.has(tab)) continue;
      const hit = this.hits.find((h) => h.spec.key === page.task);
      if (hit?.alive && this.now < hit.deadline) out.push({ tab, hit });
    }
    return out;
  }

  open(page: Page, opts: { opener?: number; background?: boolean } = {}): number {
    const tab = this.nextTab++;
    this.tabs.set(tab, opts.opener === undefined ? { page } : { page, opener: opts.opener });
    if (!opts.background) this.active = tab;
    this.used.add(tab);
    this.emit({ kind: 'open', tab, page, ...(opts.opener !== undefined ? { opener: opts.opener } : {}), ...(opts.background ? { background: true } : {}) });
    return tab;
  }

  go(tab: number, page: Page): void {
    this.tabs.get(tab)!.page = page;
    this.used.add(tab);
    this.emit({ kind: 'go', tab, page });
  }

  close(tab: number): void {
    this.tabs.delete(tab);
    const then = this.active === tab ? [...this.tabs.keys()].at(-1) : undefined;
    if (this.active === tab) this.active = then ?? null;
    this.used.add(tab);
    this.emit(then === undefined ? { kind: 'close', tab } : { kind: 'close', tab, then });
    for (const s of this.studies) {
      // A survey closed before its study was done: the study times out at its deadline (truth).
      if (s.survey === tab && s.started !== null && !s.over) this.end(s, 'timed-out');
    }
  }

  /** The truth of a study that ends without a completion page. */
  end(s: Study, how: 'returned' | 'timed-out'): void {
    s.over = true;
    // Prolific knows a maximum time even when its page shows none: 2 hours, say.
    const timedOut = s.deadline ?? this.now + 2 * 3_600_000;
    this.truths.push({ spec: s.spec, at: how === 'returned' ? this.now : timedOut, end: how, fate: { decideAfterMin: 1, outcome: 'approve', partialPct: 50 } });
  }

  /** Time went by: HITs past their deadline are gone, studies past their maximum time timed out. */
  settle(): void {
    for (const h of this.hits) if (h.alive && this.now >= h.deadline) h.alive = false;
    for (const s of this.studies) if (s.started !== null && !s.over && s.deadline !== null && this.now >= s.deadline) this.end(s, 'timed-out');
  }

  /** The active tab, when the worker may lead it elsewhere. */
  movable(): number | null {
    return this.active !== null && !this.locked(this.active) ? this.active : null;
  }
}
