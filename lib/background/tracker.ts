import { frontTask, mayFallBack, OWN_TAB_REASONS, type Attention, type ExternalTask, type TabInfo, type ViewedStudy } from '../domain/attention';
import { compareEvents, elapsed, replay, type Outcome, type Stamp, type TimerEvent } from '../domain/task-timer';
import type { PlatformAdapter, TaskSnapshot } from '../platforms/types';
import { getTaskByKey, getTasks, taskKey } from '../storage/history-db';
import type { TaskRecord } from '../storage/schemas';
import { studiesOpened } from '../domain/study-start';
import { mergeDetails } from '../domain/task-details';
import { Studies } from './studies';
import type { TaskRead, TaskWriter } from './task-writer';
import type { FrontState, RawTab, TrackerEnv } from './tracker-env';
import { INACTIVE_EXPIRY_MS, awayOpened, keepViewed, type ViewedStudies } from './viewed-studies';
import { matchesAny } from './match';

export type { FrontState, LastSeen, RawTab, TrackerEnv } from './tracker-env';

export const HEARTBEAT_MS = 5_000;
const NOTHING: FrontState = { task: null, platform: null, platformSince: null, idle: false };

type Change = (old: TaskRecord | undefined) => TaskRecord | null;
type BrowserPart = Promise<[RawTab[], number | null, Awaited<ReturnType<TrackerEnv['idleState']>>]>;

/**
 * A task page's task not open before, being decided on: counted open, its record is written with its first events
 * in front, in one transaction (or alone after the decision, if it did not come to the front).
 */
interface Fresh {
  key: string;
  read: TaskRead;
  change: Change;
  written?: Promise<TaskRecord | null>;
}

/**
 * Turns tab, focus and idle changes into timeline events for the task in front, keeps platform time, and
 * beats a heartbeat while time accrues. Every step runs through the writer's queue, one at a time.
 */
export class Tracker {
  private boot = 0;
  private n = 0;
  private ready: Promise<void> | undefined;
  private stopBeat: (() => void) | null = null;
  /** When the heartbeat last ran (its interval or a decision), while it runs. */
  private lastTick: Stamp | null = null;
  private readonly studies: Studies;
  /** The platforms switched off, as last read (each decision reads them again): their pages are ordinary browsing. */
  private off: ReadonlySet<string> = new Set();
  private fresh: Fresh | undefined;
  /** Decisions started so far, and the browser's state asked ahead of a task page's step (`askAhead`). */
  private decisions = 0;
  private early: { decisions: number; at: number; browser: BrowserPart } | undefined;
  /**
   * Changes of the browser announced so far (`reevaluate`: every tab, window, focus and idle event), and the
   * browser's state last asked for, with the count it was asked at: a task page's step may take it (`askAhead`).
   */
  private changes = 0;
  private lastAsked: { changes: number; at: number; browser: BrowserPart } | undefined;
  /** Each tab's address as the last decision read it. */
  private seenUrls = new Map<number, string | undefined>();

  constructor(
    private readonly env: TrackerEnv,
    private readonly writer: TaskWriter,
    /** The platforms; a function where they change (custom sites come and go with the worker's rules). */
    private readonly platforms: readonly PlatformAdapter[] | (() => readonly PlatformAdapter[]),
    /**
     * Called after every decision and heartbeat with the task in front (the badge follows it), and whether it
     * accrues there only because its own tab is gone (the external fallback).
     */
    private readonly onBeat: (front: string | null, fallback: boolean, paused: boolean) => void = () => {},
  ) {
    this.studies = new Studies(env, writer, (platform) => this.allAdapters().some((a) => a.id === platform && a.singleActive === true));
  }

  /** The studies another study's start ended on their platform (`StudyMark.superseded`). */
  async supersededStudies(): Promise<Set<string>> {
    const marks = await this.env.loadStudyMarks();
    return new Set(Object.keys(marks).filter((key) => marks[key]?.superseded));
  }

  start(): Promise<void> {
    // A failed start-up (storage error) is tried again by the next event rather than wedging the worker.
    this.ready ??= this.writer.serial(() => this.startUp()).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private adapters(): readonly PlatformAdapter[] {
    const all = this.allAdapters();
    return this.off.size ? all.filter((a) => !this.off.has(a.id)) : all;
  }

  /** Every platform, those switched off too. */
  private allAdapters(): readonly PlatformAdapter[] {
    return typeof this.platforms === 'function' ? this.platforms() : this.platforms;
  }

  private event(type: TimerEvent['type'], at: Stamp, outcome?: Outcome): TimerEvent {
    return { boot: this.boot, n: ++this.n, type, at, ...(outcome ? { outcome } : {}) };
  }

  private async startUp(): Promise<void> {
    this.boot = await this.env.nextBoot();
    if (!(await this.env.sessionAlive())) {
      // The browser restarted (or crashed) since the last start-up: what was open ended at the last heartbeat.
      const last = await this.env.loadLastSeen();
      const front = await this.env.loadFront();
      if (last) {
        // Every task whose time was still running, not only the one the saved front names: a task brought in front
        // just before the crash has its events written before the front state is saved. The crash sorts after
        // every event of the sessions before this one (their boots are below this one's), even those of a worker
        // restarted after the last heartbeat landed; what began after that heartbeat then counts nothing.
        const running = new Set(front?.task ? [front.task] : []);
        for (const task of await getTasks([...(await this.writer.open())])) {
          if (replay(task.events).openSince) running.add(taskKey(task.platform, task.taskId));
        }
        for (const key of running) {
          const crash: TimerEvent = { boot: this.boot - 1, n: Number.MAX_SAFE_INTEGER, type: 'crash', at: last.at };
          const task = await this.writer.append(key, [crash], last.at.wall);
          if (key === front?.task && task?.external && ownActive(front)) await this.studies.active(key, last.at.wall, task);
        }
        if (front?.platform && front.platformSince) {
          await this.writer.addStretch(front.platform, front.platformSince, last.at, elapsed(front.platformSince, last.at));
        }
      }
      await this.env.saveFront(front?.paused ? { ...NOTHING, paused: true } : NOTHING);
      await this.env.markSessionAlive();
    }
    // Alarms do not survive a browser restart everywhere (Firefox drops them): set every open deadline again,
    // and the 2-hour expiry of off-site studies with no known maximum time.
    const marks = await this.env.loadStudyMarks();
    for (const task of await getTasks([...(await this.writer.open())])) {
      const key = taskKey(task.platform, task.taskId);
      if (task.deadline !== undefined) this.env.scheduleDeadline(key, task.deadline);
      else if (task.external) this.env.scheduleDeadline(key, (marks[key]?.activeAt ?? task.startedAt ?? task.firstSeenAt) + INACTIVE_EXPIRY_MS);
    }
    await this.evaluate();
  }

  /**
   * Whether the last decision read this tab at this address (a page of it done loading there changes nothing a
   * decision reads: its address, whether it is active, its window and opener have their own events).
   */
  sawAt(tabId: number, url: string | undefined): boolean {
    return url !== undefined && this.seenUrls.has(tabId) && this.seenUrls.get(tabId) === url;
  }

  /** Call on every tab, window, focus or idle change: decides what is in front and records the difference. */
  async reevaluate(): Promise<void> {
    // Counted as it is announced: a state asked before it no longer serves a task page's step (`askAhead`).
    this.changes++;
    await this.start();
    await this.writer.serial(() => this.evaluate());
  }

  /** The tabs as attention sees them, and the task each task-page URL names (tab id → task key). */
  private async tabInfos(tabs: RawTab[]): Promise<{ infos: TabInfo[]; pages: Map<number, string> }> {
    const stored = await this.writer.open();
    const open = this.fresh ? new Set([...stored, this.fresh.key]) : stored;
    const pages = new Map<number, string>();
    const infos = tabs.flatMap((tab): TabInfo[] => {
      if (tab.id === undefined || tab.windowId === undefined) return [];
      const info: TabInfo = { id: tab.id, windowId: tab.windowId, url: tab.url ?? '', active: tab.active };
      if (tab.openerTabId !== undefined) info.openerTabId = tab.openerTabId;
      const { adapter, key } = pageAt(safeUrl(tab.url), this.adapters());
      if (adapter) {
        if (key) pages.set(tab.id, key);
        // A task page counts once its content script has reported the task (and, off-site, once the study
        // started); until then it is platform time.
        if (key && open.has(key)) info.taskKey = key;
        else info.platformPage = adapter.id;
      }
      return [info];
    });
    return { infos, pages };
  }

  /** Studies only looked at whose page is in their tab now, most recently seen first. */
  private viewedInTabs(viewed: ViewedStudies, pages: Map<number, string>, now: number): ViewedStudy[] {
    return Object.entries(keepViewed(viewed, now, (key, tabId) => tabId !== undefined && pages.get(tabId) === key)).flatMap(([key, v]) =>
      v.tabId !== undefined && pages.get(v.tabId) === key ? [{ taskKey: key, tabId: v.tabId, openedBefore: v.openedBefore }] : [],
    );
  }

  /**
   * Everything a decision reads of the browser and of extension storage, asked at once: a task page's first event
   * waits for one round of replies, not for each in turn (issue 18, docs/page-cost.md).
   */
  private browserState(browser: BrowserPart = this.browserPart()) {
    return Promise.all([
      this.env.loadPaused(),
      this.env.disabledPlatforms(),
      this.env.loadFront(),
      browser.then(([tabs]) => tabs),
      browser.then(([, focused]) => focused),
      browser.then(([, , idle]) => idle),
      this.env.manualTask(),
      this.env.loadViewed(),
    ]);
  }

  /** What a decision asks of the browser itself (not of Centime's storage): its tabs, focused window, idle state. */
  private browserPart(): BrowserPart {
    const part: BrowserPart = Promise.all([this.env.tabs(), this.env.focusedWindowId(), this.env.idleState()]);
    part.catch(() => {});
    this.lastAsked = { changes: this.changes, at: this.env.stamp().wall, browser: part };
    return part;
  }

  /**
   * A task page's message has arrived (from `tabId` at `url`, as the browser gives its sender): the browser's part
   * of the decision it will make is asked for now, before the page is read and its step reaches the writer's queue
   * (issue 18, docs/page-cost.md). Taken by that step only if no decision started since (one that did read a newer
   * state, which an older one must not undo) and if under a second old.
   *
   * The state the last decision asked for serves instead of a new question when no change of the browser was
   * announced since it was asked (each tab, window, focus and idle event is: `reevaluate`), it is under a second old
   * and it shows the sending tab at the page's address: the page's own navigation is such a change, so that state
   * is usually the one its decision read, asked as the page started loading and answered by now. A state that
   * does not show the tab there (the tab's event not arrived yet) or that failed is asked for again.
   */
  askAhead(tabId?: number, url?: string): void {
    const now = this.env.stamp().wall;
    const last = this.lastAsked;
    if (tabId === undefined || url === undefined || !last || last.changes !== this.changes || now - last.at > 1_000 || now < last.at) {
      this.early = { decisions: this.decisions, at: now, browser: this.browserPart() };
      return;
    }
    const shows = ([tabs]: Awaited<BrowserPart>) => tabs.some((tab) => tab.id === tabId && tab.url === url);
    const browser: BrowserPart = last.browser.then(
      (state) => (shows(state) ? state : this.browserPart()),
      () => this.browserPart(),
    );
    browser.catch(() => {});
    // Its age is the state's: asked by the last decision, not now.
    this.early = { decisions: this.decisions, at: last.at, browser };
  }

  /** The browser's part asked ahead, if still good for a decision starting now (see `askAhead`). */
  private takeEarly(): BrowserPart | undefined {
    const early = this.early;
    this.early = undefined;
    if (!early || early.decisions !== this.decisions || this.env.stamp().wall - early.at > 1_000) return undefined;
    return early.browser;
  }

  /** Decides what is in front and records the difference; `asked`: the browser's state, if already asked for. */
  private async evaluate(asked?: ReturnType<Tracker['browserState']>): Promise<void> {
    this.decisions++;
    // The first decision after a sleep (the idle state changing as the worker comes back, often before any
    // heartbeat): what was in front ended at the last beat. The state asked ahead is read again after that.
    const thawed = await this.thaw(this.env.stamp());
    const [paused, off, prev, rawTabs, focusedWindowId, idleState, manual, viewed] = await (thawed || !asked ? this.browserState() : asked);
    this.off = new Set(off);
    const seenBefore = this.seenUrls;
    this.seenUrls = new Map(rawTabs.flatMap((tab) => (tab.id === undefined ? [] : [[tab.id, tab.url]])));
    // A task in front past its deadline (its alarm late, or not fired yet) ends there: it accrues nothing after.
    const overdue = await this.expireOverdue(prev, this.env.stamp());
    let [{ infos: tabs, pages }, externalTasks] = await Promise.all([this.tabInfos(rawTabs), this.externalTasks()]);
    // A running manual timer counts only while its task is open (a stop cut short may leave its key behind).
    const manualTask = manual && (await this.writer.open()).has(manual) ? manual : null;
    // Its page, in front and active since the deadline, has been a platform page since then: one stretch.
    const before = overdue && prev ? { ...prev, platform: overdue.platform, platformSince: overdue.at } : (prev ?? NOTHING);
    const now = this.env.stamp();
    // Which study a tab's address names, its platform switched off or not (a survey opened from a study page while
    // Prolific is off is still that study's once it is on again).
    const offSite = this.allAdapters().filter((a) => a.external);
    const named = (tabId: number) => pageAt(safeUrl(rawTabs.find((t) => t.id === tabId)?.url), offSite).key ?? undefined;
    const away = awayOpened(viewed, tabs, named);
    if (away) await this.env.saveViewed(away);
    let viewedStudies = this.viewedInTabs(away ?? viewed, pages, now.wall);
    // Paused (DESIGN.md, "Pause"): nothing is in front, neither a task (the manual timer's too) nor a platform page.
    const decide = (): Attention => paused ? { task: null, platformPage: null, tabId: null, reason: 'none' } : frontTask({
      tabs,
      focusedWindowId,
      manualTask,
      extensionOrigin: this.env.extensionOrigin,
      externalTasks,
      viewedStudies,
      now: now.wall,
    });
    let attention = decide();
    // A survey opened from a study starts it, in front or not (its time accrues only while it is in front).
    let started = false;
    for (const { taskKey: key } of studiesOpened(tabs, viewedStudies, this.env.extensionOrigin)) {
      if (key !== attention.task && (await this.studies.start(key, now))) started = true;
    }
    // A study started here is a task from now: its own page, or another tab of it, may be the one in front (a
    // survey opened in the background, or its platform switched off with the tab already open: ambiguity 30).
    if (started) {
      [{ infos: tabs, pages }, externalTasks] = await Promise.all([this.tabInfos(rawTabs), this.externalTasks()]);
      viewedStudies = this.viewedInTabs(await this.env.loadViewed(), pages, now.wall);
      attention = decide();
    }
    // An off-site study starts when its work does: the first time a tab opened from it (the survey) is in front.
    // Only then is it a task; its maximum time runs from here (a study never started has no record at all).
    const ext = externalTasks.find((e) => e.taskKey === attention.task);
    if (attention.reason === 'opened-from-study' || (attention.reason === 'opened-from-task' && ext && !ext.started)) {
      const started = await this.studies.start(attention.task!, now);
      if (!started && attention.reason === 'opened-from-study') attention = { task: null, platformPage: null, tabId: null, reason: 'none' };
    }
    // A running manual timer accrues wall time whatever the idle state (DESIGN.md, "Time").
    const idle = attention.reason !== 'manual' && idleState !== 'active';
    const next: FrontState = {
      task: attention.task, platform: attention.platformPage, platformSince: null, idle, reason: attention.reason, ...(paused ? { paused } : {}),
    };
    await this.ownActivity(before, next, externalTasks, now);

    if (before.task && before.task !== next.task) {
      await this.writer.append(before.task, [this.event('not-front', now)], now.wall);
    }
    if (next.task && next.task !== before.task) {
      await this.appendFront(next.task, [this.event(idle ? 'idle' : 'active', now), this.event('front', now)], now.wall);
    } else if (next.task && idle !== before.idle) {
      await this.appendFront(next.task, [this.event(idle ? 'idle' : 'active', now)], now.wall);
    }

    const platformActive = next.platform && !idle ? next.platform : null;
    if (before.platformSince && before.platform && (platformActive !== before.platform)) {
      await this.writer.addStretch(before.platform, before.platformSince, now, elapsed(before.platformSince, now));
    }
    next.platformSince = platformActive
      ? platformActive === before.platform && before.platformSince ? before.platformSince : now
      : null;

    // A decision that changed nothing (a page of the same platform loaded) writes nothing: the queue moves on.
    if (JSON.stringify(next) !== JSON.stringify(prev)) await this.env.saveFront(next);
    // Idle time of the front task accrues too, so the heartbeat runs whenever a task is in front.
    this.beat(!!next.task || !!next.platformSince);
    await this.readMoved(pages, seenBefore);
  }

  /**
   * A tab that has just gone to the page of a task not open (a HIT accepted): its page's message will follow, and
   * its first event waits for the task's read. That read starts now, after this decision's writes, while the page
   * loads (`TaskWriter.readAhead`: taken only if no write over tasks opened since; issue 18, docs/page-cost.md).
   * Off-site studies are read their own way (`recordSeen`).
   */
  private async readMoved(pages: Map<number, string>, seenBefore: Map<number, string | undefined>): Promise<void> {
    const moved = [...pages].filter(([tabId]) => !seenBefore.has(tabId) || seenBefore.get(tabId) !== this.seenUrls.get(tabId));
    if (moved.length === 0) return;
    const open = await this.writer.open();
    // A few at most (the writer keeps four): a worker just started sees every tab as moved.
    const keys = moved.flatMap(([, key]) => (!open.has(key) && !this.offSite(key) ? [key] : [])).slice(0, 4);
    for (const key of keys) this.writer.readAhead(key);
  }

  /** Events of the task in front; a fresh task's go with its record, in one transaction. */
  private appendFront(key: string, events: TimerEvent[], wall: number): Promise<TaskRecord | null> {
    const fresh = this.fresh;
    if (fresh?.key !== key || fresh.written) return this.writer.append(key, events, wall);
    const withEvents: Change = (old) => {
      const record = fresh.change(old);
      return record?.status === 'open' ? { ...record, events: [...record.events, ...events] } : record;
    };
    return (fresh.written = this.writer.write(key, fresh.read, withEvents, wall));
  }

  /**
   * Ends the front task as expired at its deadline when that has passed (in the writer's queue: the caller is
   * `evaluate`). Its own page, in front and active since, was a platform page from the deadline on (DESIGN.md:
   * time accrues only until the task expires; returned, for `evaluate` to count); a survey tab opened from it was
   * ordinary browsing.
   */
  private async expireOverdue(front: FrontState | null, now: Stamp): Promise<{ platform: string; at: Stamp } | null> {
    if (!front?.task) return null;
    const [task] = await getTasks([front.task]);
    if (!task || task.status !== 'open' || task.deadline === undefined || task.deadline > now.wall) return null;
    const at = shift(now, task.deadline - now.wall);
    const done = await this.writer.update(
      front.task,
      (old) => (old?.status === 'open' ? { ...old, status: 'expired', endedAt: at.wall, events: [...old.events, this.event('outcome', at, 'expired')] } : null),
      now.wall,
    );
    if (!done || front.reason !== 'task-tab' || front.idle) return null;
    // Only its page on the platform (a HIT page, a study page) is platform time; its survey was ordinary browsing.
    const adapter = this.adapters().find((a) => a.id === task.platform);
    const shown = (await this.env.tabs()).some((tab) => {
      const url = safeUrl(tab.url);
      return tab.active && url && adapter && matchesAny(adapter.matches, url.href) && adapter.taskIdFromUrl(url) === task.taskId;
    });
    if (!shown) return null;
    // From the deadline, or from when it came to the front if that was later (a task page opened past its deadline).
    let since = at;
    for (const e of task.events) if (e.type === 'front' && e.at.wall > since.wall) since = e.at;
    return { platform: task.platform, at: since };
  }

  /** Open tasks done off-site, most recently started first, with the tab each was last seen in. */
  private async externalTasks(): Promise<(ExternalTask & { task: TaskRecord })[]> {
    // Only the off-site platforms' open tasks are read (keys are `<platform>:<task id>`): this runs on every
    // tab event, and MTurk's queued HITs can be many, with long timelines.
    const offSite = this.adapters().filter((a) => a.external).map((a) => `${a.id}:`);
    const keys = [...(await this.writer.open())].filter((key) => offSite.some((prefix) => key.startsWith(prefix)));
    if (keys.length === 0) return [];
    const [tasks, tabs, marks] = await Promise.all([getTasks(keys), this.env.loadTaskTabs(), this.env.loadStudyMarks()]);
    const since = (task: TaskRecord) => task.startedAt ?? task.firstSeenAt;
    return tasks
      .filter((task) => task.external)
      .sort((a, b) => since(b) - since(a))
      .map((task) => {
        const key = taskKey(task.platform, task.taskId);
        const ext: ExternalTask & { task: TaskRecord } = { taskKey: key, task, started: task.startedAt !== undefined };
        if (tabs[key] !== undefined) ext.tabId = tabs[key];
        if (task.deadline !== undefined) ext.deadline = task.deadline;
        if (marks[key]?.detached) ext.detached = true;
        if (marks[key]?.superseded) ext.superseded = true;
        return ext;
      });
  }

  /** Activity in a study's own tabs starts or stops: its 2-hour expiry (no known maximum time) runs from there. */
  private async ownActivity(before: FrontState, next: FrontState, external: { taskKey: string; task: TaskRecord }[], now: Stamp): Promise<void> {
    const was = ownActive(before);
    const is = ownActive(next);
    if (was === is) return;
    for (const key of [was, is]) {
      if (!key) continue;
      // A study whose platform was just switched off is not among the enabled platforms' tasks: its activity
      // ends here all the same, and its 2-hour expiry runs from now (read only then: other tasks have none).
      const task = external.find((e) => e.taskKey === key)?.task ?? (this.offSite(key) ? await getTaskByKey(key) : undefined);
      if (task?.external && task.status === 'open') await this.studies.active(key, now.wall, task);
    }
  }

  /** Whether a task key is an off-site platform's (Prolific's), that platform switched off or not. */
  private offSite(key: string): boolean {
    return this.allAdapters().some((a) => a.external && key.startsWith(`${a.id}:`));
  }

  /** The heartbeat: one `lastSeen` record, overwritten every 5 s while time accrues. */
  private beat(on: boolean): void {
    const write = (tick: boolean) => {
      const at = this.env.stamp();
      // A beat long after the one before: a decision ends what was in front at that one (`thaw`).
      if (tick && this.frozen(at)) {
        void this.reevaluate().catch((error: unknown) => console.warn('Centime: a decision after a pause failed', error));
        return;
      }
      this.lastTick = at;
      void this.env.saveLastSeen({ boot: this.boot, at });
      void this.env.loadFront().then((front) => this.onBeat(front?.task ?? null, front?.reason === 'external-fallback', front?.paused === true));
    };
    write(false);
    if (on && !this.stopBeat) this.stopBeat = this.env.every(HEARTBEAT_MS, () => write(true));
    if (!on && this.stopBeat) {
      this.stopBeat();
      this.stopBeat = null;
      this.lastTick = null;
    }
  }

  /**
   * Whether the heartbeat, running, did not run between its last tick and `now` (`TrackerEnv.slept`): the computer
   * slept with the screen unlocked, or its clock was changed. What was in front then ends at that tick, as after a
   * crash (DESIGN.md: at most one heartbeat interval lost), instead of counting the sleep as work.
   */
  private frozen(now: Stamp): boolean {
    return this.stopBeat !== null && this.lastTick !== null && this.env.slept(this.lastTick, now);
  }

  /**
   * After a freeze, ends what was in front at the last heartbeat, as a browser restart does at start-up: the task's
   * stretch (a `crash` event there) and the platform's. A running manual timer goes on: it counts wall time
   * whatever the worker does. Answers whether it ended anything (the front state was then reset).
   */
  private async thaw(now: Stamp): Promise<boolean> {
    if (!this.frozen(now)) return false;
    const since = this.lastTick!;
    this.lastTick = now;
    const front = await this.env.loadFront();
    if (!front || front.reason === 'manual') return false;
    if (front.task) {
      const task = await this.writer.append(front.task, [this.event('crash', since)], since.wall);
      if (task?.external && ownActive(front)) await this.studies.active(front.task, since.wall, task);
    }
    if (front.platform && front.platformSince) {
      await this.writer.addStretch(front.platform, front.platformSince, since, elapsed(front.platformSince, since));
    }
    await this.env.saveFront(front.paused ? { ...NOTHING, paused: true } : NOTHING);
    return true;
  }

  /**
   * A content script saw a task page (in `tabId`): create or refresh its record, then re-decide what is in
   * front. An off-site study with no record yet was only looked at: it is remembered outside the history (and
   * its page is platform time) until it starts. An open one remembers its tab, which stands for it after the
   * page moves on. Returns the task record (null for a study only looked at).
   */
  async taskSeen(snapshot: TaskSnapshot, wall: number, tabId?: number): Promise<TaskRecord | null> {
    await this.start();
    const key = taskKey(snapshot.platform, snapshot.taskId);
    const external = this.adapters().find((a) => a.id === snapshot.platform)?.external ?? false;
    // One step in the writer's queue: the tab map and the viewed studies are read-modify-writes that two tabs
    // reporting at once would otherwise interleave, each dropping the other's write. The decision is taken in the
    // same step: the task's first events (in front) are written next, before any change queued meanwhile (its
    // tab's own events, a heartbeat) and without waiting for the queue again (issue 18, docs/page-cost.md).
    return this.writer.serial(async () => {
      // The browser's state is asked for while the record is written; not for an off-site study, whose record
      // changes what is read (the studies only looked at).
      const early = this.takeEarly();
      const asked = external ? undefined : this.browserState(early);
      asked?.catch(() => {});
      const record = !external && !(await this.writer.open()).has(key)
        ? await this.firstSeen(key, snapshot, wall, asked!)
        : await this.recordSeen(key, external, snapshot, wall, tabId).then(async (record) => (await this.evaluate(asked), record));
      if (record?.status === 'open' && record.deadline !== undefined) this.env.scheduleDeadline(key, record.deadline);
      return record;
    });
  }

  /**
   * A task page whose task is not open (new, or closed before): the decision is taken with it counted open, and its
   * record is written in the transaction of its first events in front, not in one of its own before them (an
   * IndexedDB read and a commit fewer before the first event is durable: issue 18, docs/page-cost.md). Read while
   * the browser's state is asked for. If it does not come to the front, or is closed, it is written after the decision.
   */
  private async firstSeen(key: string, snapshot: TaskSnapshot, wall: number, asked: ReturnType<Tracker['browserState']>): Promise<TaskRecord | null> {
    const read = await this.writer.find(key);
    const change: Change = (old) => seenRecord(old, false, snapshot, wall);
    if (change(read.old)?.status !== 'open') {
      const record = await this.writer.write(key, read, change, wall);
      await this.evaluate(asked);
      return record;
    }
    const fresh: Fresh = { key, read, change };
    this.fresh = fresh;
    const failed = await this.evaluate(asked).then(() => null, (error: unknown) => ({ error }));
    this.fresh = undefined;
    // Not in front, or the decision failed before its events: the record alone, as before.
    const record = await (fresh.written ?? this.writer.write(key, read, change, wall));
    if (failed) throw failed.error;
    return record;
  }

  /** `taskSeen`'s write, in the writer's queue. */
  private async recordSeen(key: string, external: boolean, snapshot: TaskSnapshot, wall: number, tabId?: number): Promise<TaskRecord | null> {
    const old = external ? await getTaskByKey(key) : undefined;
    if (external && !old) {
      await this.studies.viewed(key, snapshot, wall, tabId);
      return null;
    }
    if (external && tabId !== undefined && old?.status === 'open') await this.studies.link(key, tabId);
    return this.writer.update(key, (old) => seenRecord(old, external, snapshot, wall), wall);
  }

  /** The platform shows the study ACTIVE (its submissions list): a study only looked at starts now. */
  async studyActive(key: string): Promise<boolean> {
    await this.start();
    const started = await this.writer.serial(() => this.studies.start(key, this.env.stamp()));
    if (started) await this.reevaluate();
    return started !== null;
  }

  /** "Not working on this": the study no longer accrues in unrelated tabs; it stays open until its outcome. */
  async notWorkingOn(key: string): Promise<boolean> {
    await this.start();
    const done = await this.writer.serial(async () => {
      const task = await getTaskByKey(key);
      if (task?.status !== 'open' || !task.external) return false;
      await this.studies.detach(key);
      return true;
    });
    if (done) await this.reevaluate();
    return done;
  }

  /** Started studies that may accrue in an unrelated tab now (their tab is gone): the popup offers to detach them. */
  async fallbackStudies(): Promise<string[]> {
    await this.start();
    const [tabs, external] = await Promise.all([this.env.tabs(), this.externalTasks()]);
    const open = new Set(tabs.flatMap((t) => (t.id === undefined ? [] : [t.id])));
    const now = this.env.stamp().wall;
    return external.filter((e) => mayFallBack(e, open, now)).map((e) => e.taskKey);
  }

  /**
   * A task's alarm rang. A deadline (MTurk's, a study's maximum time) expires it. An off-site study with no
   * known maximum time expires only after 2 hours with no activity in its own tabs; before that, the alarm
   * moves to the new end.
   */
  async deadlineReached(key: string): Promise<TaskRecord | null> {
    await this.start();
    const now = this.env.stamp().wall;
    const until = await this.writer.serial(async () =>
      this.studies.inactiveUntil(key, now, ownActive((await this.env.loadFront()) ?? NOTHING) === key),
    );
    if (until !== null && until > now) {
      this.env.scheduleDeadline(key, until);
      return null;
    }
    // Two hours after its last activity (an alarm may fire late): it ends then, not when the alarm fired.
    if (until !== null) {
      const stamp = this.env.stamp();
      return this.outcome(key, 'expired', shift(stamp, until - stamp.wall));
    }
    // In front: the next decision ends it at its deadline, its page's time since then as platform time.
    if ((await this.frontTask()) === key) {
      await this.reevaluate();
      const [task] = await getTasks([key]);
      if (task?.status !== 'open') return task ?? null;
    }
    return this.outcome(key, 'expired');
  }

  /**
   * Submitted, returned or expired: the task stops accruing and lands on the day of `at` (default now; a
   * confirmed claim passes the moment it was made). A submit seen here is when the task was last known pending
   * (`observedAt`); one inferred from a platform row that already says more (`observed: false`) is not.
   */
  async outcome(
    key: string,
    outcome: Outcome,
    at?: Stamp,
    { observed = true, atLastSecond = false }: { observed?: boolean; atLastSecond?: boolean } = {},
  ): Promise<TaskRecord | null> {
    await this.start();
    const record = await this.writer.serial(() => {
      const now = this.env.stamp();
      return this.writer.update(
        key,
        (old) => {
          if (!old || old.status !== 'open') return null;
          // An expiry never runs past the deadline (an alarm may fire late); an outcome the platform reports for a
          // task still open here (a missed confirmation) happened by its last recorded second.
          const when =
            at ??
            (outcome === 'expired' && old.deadline !== undefined && old.deadline < now.wall
              ? shift(now, old.deadline - now.wall)
              : atLastSecond ? lastStamp(old, now) : now);
          return {
            ...old, status: outcome, endedAt: when.wall, events: [...old.events, this.event('outcome', when, outcome)],
            ...(observed && outcome === 'submitted' ? { observedAt: when.wall } : {}),
          };
        },
        now.wall,
      );
    });
    await this.reevaluate();
    return record;
  }

  /** The task in front as last decided (stored, so right after a service-worker restart too). */
  async frontTask(): Promise<string | null> {
    await this.start();
    return (await this.env.loadFront())?.task ?? null;
  }

  /** The platform page worked on right now, since when: its stretch is recorded only when it ends. */
  async openPlatformStretch(): Promise<{ platform: string; since: Stamp } | null> {
    await this.start();
    const front = await this.env.loadFront();
    return front?.platform && front.platformSince ? { platform: front.platform, since: front.platformSince } : null;
  }

  /**
   * "Pause tracking" on or off: stored first, then decided at once, so that what was in front ends at this
   * instant (a not-front event, the platform stretch cut here) and, on resume, what is in front starts here.
   */
  async setPaused(paused: boolean): Promise<boolean> {
    await this.start();
    await this.writer.serial(async () => {
      await this.env.savePaused(paused);
      await this.evaluate();
    });
    return paused;
  }

  async paused(): Promise<boolean> {
    return this.env.loadPaused();
  }

  /** The current stamp, for live figures. */
  now(): Stamp {
    return this.env.stamp();
  }
}

/** A task's record as its page shows it: created, or its details refreshed. */
function seenRecord(old: TaskRecord | undefined, external: boolean, snapshot: TaskSnapshot, wall: number): TaskRecord {
  const { missing: _known, ...base } = old ?? { status: 'open' as const, external, events: [], activeMs: 0, idleMs: 0, firstSeenAt: wall };
  return {
    ...base,
    // What the page could not read keeps what was known (issue 19); `missing` goes once all is known.
    ...mergeDetails(old, snapshot),
    v: 2 as const,
    updatedAt: wall,
    ...(snapshot.acceptedAt !== undefined && snapshot.timeAllottedSec !== undefined
      ? { deadline: snapshot.acceptedAt + snapshot.timeAllottedSec * 1000 }
      : {}),
  };
}

/** The task active in its own tabs (its page or a tab opened from it), not through the fallback nor idle. */
function ownActive(front: FrontState): string | null {
  return front.task && !front.idle && front.reason && OWN_TAB_REASONS.has(front.reason) ? front.task : null;
}

/** The same clock reading moved by `ms` (a moment in the past of this worker's clock). */
function shift(stamp: Stamp, ms: number): Stamp {
  return { wall: stamp.wall + ms, mono: stamp.mono + ms, origin: stamp.origin };
}

/**
 * When a task's last stretch ended: now while it is still in front, else its last recorded event; when it was
 * first seen if it never was in front.
 */
function lastStamp(task: TaskRecord, now: Stamp): Stamp {
  if (replay(task.events).openSince) return now;
  let last: TimerEvent | undefined;
  for (const e of task.events) if (e.type !== 'outcome' && (!last || compareEvents(e, last) > 0)) last = e;
  return last ? last.at : shift(now, Math.min(0, (task.startedAt ?? task.firstSeenAt) - now.wall));
}

function safeUrl(url: string | undefined): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}

/** The platform a page belongs to among `adapters`, and the task its address names (null: none). */
function pageAt(url: URL | null | undefined, adapters: readonly PlatformAdapter[]): { adapter?: PlatformAdapter; key: string | null } {
  const adapter = url ? adapters.find((a) => matchesAny(a.matches, url.href)) : undefined;
  const id = url && adapter ? adapter.taskIdFromUrl(url) : null;
  return { ...(adapter ? { adapter } : {}), key: adapter && id ? taskKey(adapter.id, id) : null };
}
