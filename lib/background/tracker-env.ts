import type { AttentionReason } from '../domain/attention';
import type { Stamp } from '../domain/task-timer';
import type { StudyMarks, ViewedStudies } from './viewed-studies';

// The tracker's view of the browser and what it stores between events (bound in browser-env.ts, faked in tests).

/** What the tracker remembers between events (stored: a stopped service worker forgets its globals). */
export interface FrontState {
  task: string | null;
  platform: string | null;
  /** Start of the open platform-time stretch, while a platform page is in front and the worker is active. */
  platformSince: Stamp | null;
  idle: boolean;
  /** Why the task is in front (absent in records written before it was kept): the badge and the expiry read it. */
  reason?: AttentionReason;
  /** Tracking was paused by the worker at this decision: nothing is in front (the badge says so). */
  paused?: boolean;
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
  /** Studies only looked at, not tasks yet (session storage, like the tab map). */
  loadViewed(): Promise<ViewedStudies>;
  saveViewed(viewed: ViewedStudies): Promise<void>;
  /** Started studies' "not working on this" and last activity (local storage: they outlive a restart). */
  loadStudyMarks(): Promise<StudyMarks>;
  saveStudyMarks(marks: StudyMarks): Promise<void>;
  /** The task of the manual timer while it runs (stored: it outlives a stopped worker), else null. */
  manualTask(): Promise<string | null>;
  /** Whether the worker paused tracking (local storage: a pause outlives a stopped worker and a browser restart). */
  loadPaused(): Promise<boolean>;
  savePaused(paused: boolean): Promise<void>;
  /** The platforms the worker switched off (settings): their pages are ordinary browsing. */
  disabledPlatforms(): Promise<readonly string[]>;
  /** Creates (or moves) the alarm that marks a task expired at its deadline. */
  scheduleDeadline(key: string, when: number): void;
  /** Repeats `beat` every HEARTBEAT_MS until the returned function is called. */
  every(ms: number, beat: () => void): () => void;
  /**
   * Whether the background did not run between two heartbeats `from` and `to` (the computer slept, or its clock
   * was changed): what was in front then ends at `from`, as after a crash.
   */
  slept(from: Stamp, to: Stamp): boolean;
}
