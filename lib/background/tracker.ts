import { MatchPattern } from 'wxt/utils/match-patterns';
import { frontTask, type ExternalTask, type TabInfo } from '../domain/attention';
import { elapsed, type Outcome, type Stamp, type TimerEvent } from '../domain/task-timer';
import type { PlatformAdapter, TaskSnapshot } from '../platforms/types';
import { getTasks, taskKey } from '../storage/history-db';
import type { TaskRecord } from '../storage/schemas';
import type { TaskWriter } from './task-writer';

/** What the tracker remembers between events (stored: a stopped service worker forgets its globals). */
export interface FrontState {
  task: string | null;
  platform: string | null;
  /** Start of the open platform-time stretch, while a platform page is in front and the worker is active. */
  platformSince: Stamp | null;
  idle: boolean;
}

export interface LastSeen {
  boot: number;
  at: Stamp;
}

export interface RawTab {
  id?: number;
  windowId?: number;
  url?: string;
  openerTabId?: number;
  active: boolean;
}

/** The browser as the tracker sees it; entrypoints/background.ts binds it to the real APIs, tests to fakes. */
export interface TrackerEnv {
  stamp(): Stamp;
  extensionOrigin: string;
  tabs(): Promise<RawTab[]>;
  focusedWindowId(): Promise<number | null>;
  idleState(): Promise<'active' | 'idle' | 'locked'>;
  /** Increments and returns the stored start-up counter. */
  nextBoot(): Promise<number>;
  /** True once per browser session: storage.session survives service-worker restarts, not browser restarts. */
  sessionAlive(): Promise<boolean>;
  markSessionAlive(): Promise<void>;
  loadFront(): Promise<FrontState | null>;
  saveFront(state: FrontState): Promise<void>;
  loadLastSeen(): Promise<LastSeen | null>;
  saveLastSeen(seen: LastSeen): Promise<void>;
  /** The tab each external task was last seen in (session storage: tab ids mean nothing after a restart). */
  loadTaskTabs(): Promise<Record<string, number>>;
  saveTaskTabs(tabs: Record<string, number>): Promise<void>;
  /** The task of the manual timer while it runs (stored: it outlives a stopped worker), else null. */
  manualTask(): Promise<string | null>;
  /** Creates (or moves) the alarm that marks a task expired at its deadline. */
  scheduleDeadline(key: string, when: number): void;
  /** Repeats `beat` every HEARTBEAT_MS until the returned function is called. */
  every(ms: number, beat: () => void): () => void;
}

export const HEARTBEAT_MS = 5_000;
const NOTHING: FrontState = { task: null, platform: null, platformSince: null, idle: false };

/**
 * Turns tab, focus and idle changes into timeline events for the task in front, keeps platform time, and
 * beats a heartbeat while time accrues. Every step runs through the writer's queue, one at a time.
 */
export class Tracker {
  private boot = 0;
  private n = 0;
  private ready: Promise<void> | undefined;
  private stopBeat: (() => void) | null = null;

  constructor(
    private readonly env: TrackerEnv,
    private readonly writer: TaskWriter,
    /** The platforms; a function where they change (custom sites come and go with the worker's rules). */
    private readonly platforms: readonly PlatformAdapter[] | (() => readonly PlatformAdapter[]),
    /** Called after every decision and heartbeat with the task in front (the badge follows it). */
    private readonly onBeat: (front: string | null) => void = () => {},
  ) {}

  start(): Promise<void> {
    // A failed start-up (storage error) is tried again by the next event rather than wedging the worker.
    this.ready ??= this.writer.serial(() => this.startUp()).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private adapters(): readonly PlatformAdapter[] {
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
      if (last && front) {
        if (front.task) {
          const crash: TimerEvent = { boot: last.boot, n: Number.MAX_SAFE_INTEGER, type: 'crash', at: last.at };
          await this.writer.append(front.task, [crash], last.at.wall);
        }
        if (front.platform && front.platformSince) {
          await this.writer.addStretch(front.platform, front.platformSince, last.at, elapsed(front.platformSince, last.at));
        }
      }
      await this.env.saveFront(NOTHING);
      await this.env.markSessionAlive();
    }
    // Alarms do not survive a browser restart everywhere (Firefox drops them): set every open deadline again.
    for (const task of await getTasks([...(await this.writer.open())])) {
      if (task.deadline !== undefined) this.env.scheduleDeadline(taskKey(task.platform, task.taskId), task.deadline);
    }
    await this.evaluate();
  }

  /** Call on every tab, window, focus or idle change: decides what is in front and records the difference. */
  async reevaluate(): Promise<void> {
    await this.start();
    await this.writer.serial(() => this.evaluate());
  }

  private async tabInfos(): Promise<TabInfo[]> {
    const [tabs, open] = await Promise.all([this.env.tabs(), this.writer.open()]);
    return tabs.flatMap((tab): TabInfo[] => {
      if (tab.id === undefined || tab.windowId === undefined) return [];
      const info: TabInfo = { id: tab.id, windowId: tab.windowId, url: tab.url ?? '', active: tab.active };
      if (tab.openerTabId !== undefined) info.openerTabId = tab.openerTabId;
      const url = safeUrl(tab.url);
      const adapter = url && this.adapters().find((a) => a.matches.some((m) => new MatchPattern(m).includes(url.href)));
      if (url && adapter) {
        const id = adapter.taskIdFromUrl(url);
        const key = id ? taskKey(adapter.id, id) : null;
        // A task page counts once its content script has reported the task; until then it is platform time.
        if (key && open.has(key)) info.taskKey = key;
        else info.platformPage = adapter.id;
      }
      return [info];
    });
  }

  private async evaluate(): Promise<void> {
    const [tabs, focusedWindowId, idleState, prev, externalTasks] = await Promise.all([
      this.tabInfos(),
      this.env.focusedWindowId(),
      this.env.idleState(),
      this.env.loadFront(),
      this.externalTasks(),
    ]);
    // A running manual timer counts only while its task is open (a stop cut short may leave its key behind).
    const manual = await this.env.manualTask();
    const manualTask = manual && (await this.writer.open()).has(manual) ? manual : null;
    const before = prev ?? NOTHING;
    const now = this.env.stamp();
    const attention = frontTask({
      tabs,
      focusedWindowId,
      manualTask,
      extensionOrigin: this.env.extensionOrigin,
      externalTasks,
    });
    await this.studyStarted(attention.reason, externalTasks.find((ext) => ext.taskKey === attention.task)?.task, now);
    // A running manual timer accrues wall time whatever the idle state (DESIGN.md, "Time").
    const idle = attention.reason !== 'manual' && idleState !== 'active';
    const next: FrontState = { task: attention.task, platform: attention.platformPage, platformSince: null, idle };

    if (before.task && before.task !== next.task) {
      await this.writer.append(before.task, [this.event('not-front', now)], now.wall);
    }
    if (next.task && next.task !== before.task) {
      await this.writer.append(next.task, [this.event(idle ? 'idle' : 'active', now), this.event('front', now)], now.wall);
    } else if (next.task && idle !== before.idle) {
      await this.writer.append(next.task, [this.event(idle ? 'idle' : 'active', now)], now.wall);
    }

    const platformActive = next.platform && !idle ? next.platform : null;
    if (before.platformSince && before.platform && (platformActive !== before.platform)) {
      await this.writer.addStretch(before.platform, before.platformSince, now, elapsed(before.platformSince, now));
    }
    next.platformSince = platformActive
      ? platformActive === before.platform && before.platformSince ? before.platformSince : now
      : null;

    await this.env.saveFront(next);
    // Idle time of the front task accrues too, so the heartbeat runs whenever a task is in front.
    this.beat(!!next.task || !!next.platformSince);
  }

  /** Open tasks done off-site, most recently started first, with the tab each was last seen in. */
  private async externalTasks(): Promise<(ExternalTask & { task: TaskRecord })[]> {
    // Only the off-site platforms' open tasks are read (keys are `<platform>:<task id>`): this runs on every
    // tab event, and MTurk's queued HITs can be many, with long timelines.
    const offSite = this.adapters().filter((a) => a.external).map((a) => `${a.id}:`);
    const keys = [...(await this.writer.open())].filter((key) => offSite.some((prefix) => key.startsWith(prefix)));
    if (keys.length === 0) return [];
    const [tasks, tabs] = await Promise.all([getTasks(keys), this.env.loadTaskTabs()]);
    return tasks
      .filter((task) => task.external)
      .sort((a, b) => b.firstSeenAt - a.firstSeenAt)
      .map((task) => {
        const key = taskKey(task.platform, task.taskId);
        const tabId = tabs[key];
        return tabId === undefined ? { taskKey: key, task } : { taskKey: key, tabId, task };
      });
  }

  /**
   * An off-site study starts when its work does: the first time a tab opened from it (the survey) is in front.
   * Its maximum time runs from then, not from when its page was first read, so its deadline moves there.
   */
  private async studyStarted(reason: string, task: TaskRecord | undefined, now: Stamp): Promise<void> {
    if (!task || task.startedAt !== undefined || (reason !== 'opened-from-task' && reason !== 'external-fallback')) return;
    const key = taskKey(task.platform, task.taskId);
    const deadline = task.timeAllottedSec !== undefined ? now.wall + task.timeAllottedSec * 1000 : undefined;
    await this.writer.update(key, (old) => (old?.status === 'open' ? { ...old, startedAt: now.wall, ...(deadline !== undefined ? { deadline } : {}) } : null), now.wall);
    if (deadline !== undefined) this.env.scheduleDeadline(key, deadline);
  }

  /** The heartbeat: one `lastSeen` record, overwritten every 5 s while time accrues. */
  private beat(on: boolean): void {
    const write = () => {
      void this.env.saveLastSeen({ boot: this.boot, at: this.env.stamp() });
      void this.env.loadFront().then((front) => this.onBeat(front?.task ?? null));
    };
    write();
    if (on && !this.stopBeat) this.stopBeat = this.env.every(HEARTBEAT_MS, write);
    if (!on && this.stopBeat) {
      this.stopBeat();
      this.stopBeat = null;
    }
  }

  /**
   * A content script saw a task page (in `tabId`): create or refresh its record, then re-decide what is in
   * front. A task of an off-site platform remembers its tab, which stands for it after the page moves on.
   */
  async taskSeen(snapshot: TaskSnapshot, wall: number, tabId?: number): Promise<TaskRecord | null> {
    await this.start();
    const key = taskKey(snapshot.platform, snapshot.taskId);
    const external = this.adapters().find((a) => a.id === snapshot.platform)?.external ?? false;
    if (external && tabId !== undefined) {
      const tabs = await this.env.loadTaskTabs();
      if (tabs[key] !== tabId) await this.env.saveTaskTabs({ ...tabs, [key]: tabId });
    }
    const record = await this.writer.serial(() =>
      this.writer.update(
        key,
        (old) => ({
          ...(old ?? { status: 'open' as const, external, events: [], activeMs: 0, idleMs: 0, firstSeenAt: wall }),
          ...snapshot,
          v: 2 as const,
          updatedAt: wall,
          ...(snapshot.acceptedAt !== undefined && snapshot.timeAllottedSec !== undefined
            ? { deadline: snapshot.acceptedAt + snapshot.timeAllottedSec * 1000 }
            : // An off-site study shows its maximum time but no start: counted from when it was first seen, until its
              // work starts (`studyStarted`). A study only looked at expires then, its reading time unpaid.
              external && snapshot.timeAllottedSec !== undefined && old?.startedAt === undefined
              ? { deadline: (old?.firstSeenAt ?? wall) + snapshot.timeAllottedSec * 1000 }
              : {}),
        }),
        wall,
      ),
    );
    if (record?.status === 'open' && record.deadline !== undefined) this.env.scheduleDeadline(key, record.deadline);
    await this.reevaluate();
    return record;
  }

  /**
   * Submitted, returned or expired: the task stops accruing and lands on the day of `at` (default now; a
   * confirmed claim passes the moment it was made). A submit seen here is when the task was last known pending
   * (`observedAt`); one inferred from a platform row that already says more (`observed: false`) is not.
   */
  async outcome(key: string, outcome: Outcome, at?: Stamp, { observed = true }: { observed?: boolean } = {}): Promise<TaskRecord | null> {
    await this.start();
    const record = await this.writer.serial(() => {
      const when = at ?? this.env.stamp();
      return this.writer.update(
        key,
        (old) =>
          old && old.status === 'open'
            ? {
                ...old, status: outcome, endedAt: when.wall, events: [...old.events, this.event('outcome', when, outcome)],
                ...(observed && outcome === 'submitted' ? { observedAt: when.wall } : {}),
              }
            : null,
        this.env.stamp().wall,
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

  /** The current stamp, for live figures. */
  now(): Stamp {
    return this.env.stamp();
  }
}

function safeUrl(url: string | undefined): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}
