import type { Stamp } from '../../../lib/domain/task-timer';
import type { Claim, ClaimStore } from '../../../lib/background/handlers';
import type { ManualStore } from '../../../lib/background/manual';
import type { FrontState, LastSeen, RawTab, TrackerEnv } from '../../../lib/background/tracker';
import type { StudyMarks, ViewedStudies } from '../../../lib/background/viewed-studies';

/**
 * A browser for the tracker, driven by hand: a wall clock and a monotonic clock that tests move, tabs, focus,
 * idle state, and storage that survives `restartWorker()` (new clock origin, same storage) but not
 * `restartBrowser()` (session storage cleared).
 */
export class FakeBrowser {
  wall = Date.UTC(2026, 10, 27, 14, 0, 0);
  private monoOffset = 0;
  origin = 1_000_000;
  tabs: RawTab[] = [];
  focusedWindowId: number | null = 1;
  idle: 'active' | 'idle' | 'locked' = 'active';
  boot = 0;
  front: FrontState | null = null;
  lastSeen: LastSeen | null = null;
  alive = false;
  taskTabs: Record<string, number> = {};
  /** Studies only looked at (session storage) and started studies' marks (local storage). */
  viewed: ViewedStudies = {};
  studyMarks: StudyMarks = {};
  /** The manual timer as browser-env keeps it: its task in local storage, whether it runs in session storage. */
  manualKey: string | null = null;
  manualRunning = false;
  /** "Pause tracking" (local storage: survives both restarts) and the platforms switched off (settings). */
  paused = false;
  disabled: string[] = [];
  alarms = new Map<string, number>();
  beats: (() => void)[] = [];

  /** Time passes: both clocks move (the wall clock can also jump on its own with `jumpWall`). */
  advance(ms: number): void {
    this.wall += ms;
    this.monoOffset += ms;
  }

  /**
   * The computer sleeps: no heartbeat, no event. The wall clock moves on; the monotonic one too where it counts
   * sleep (Windows), not where it stops (Linux, macOS): `mono: false`.
   */
  sleep(ms: number, { mono = true }: { mono?: boolean } = {}): void {
    this.sleeps.push([this.wall, this.wall + ms]);
    this.wall += ms;
    if (mono) this.monoOffset += ms;
  }
  /** The computer's sleeps, [from, to] in wall ms: what `slept` answers from (time `advance`d is awake). */
  sleeps: [number, number][] = [];

  jumpWall(ms: number): void {
    // Set forward by over a minute, the clock reads as a sleep to the background (lib/background/browser-env.ts).
    if (ms > 60_000) this.sleeps.push([this.wall, this.wall + ms]);
    this.wall += ms;
  }

  stamp = (): Stamp => ({ wall: this.wall, mono: this.origin + this.monoOffset, origin: this.origin });

  /** The service worker is stopped and started again: globals and timers gone, storage kept. */
  restartWorker(): void {
    this.origin += 7_777;
    this.beats = [];
  }

  /** The browser crashed or was closed: session storage and timers are gone. */
  restartBrowser(): void {
    this.restartWorker();
    this.alive = false;
    this.taskTabs = {};
    this.viewed = {};
    this.manualRunning = false;
  }

  manualStore(): ManualStore {
    return {
      load: async () => (this.manualKey ? { key: this.manualKey, running: this.manualRunning } : null),
      save: async (state) => {
        this.manualKey = state?.key ?? null;
        this.manualRunning = state?.running ?? false;
      },
    };
  }

  /** Runs every live heartbeat once (the tracker's interval would). */
  beat(): void {
    for (const b of this.beats) b();
  }

  env(): TrackerEnv {
    return {
      stamp: this.stamp,
      extensionOrigin: 'chrome-extension://centime/',
      tabs: async () => this.tabs.map((t) => ({ ...t })),
      focusedWindowId: async () => this.focusedWindowId,
      idleState: async () => this.idle,
      nextBoot: async () => ++this.boot,
      sessionAlive: async () => this.alive,
      loadTaskTabs: async () => ({ ...this.taskTabs }),
      saveTaskTabs: async (tabs) => {
        this.taskTabs = { ...tabs };
      },
      loadViewed: async () => structuredClone(this.viewed),
      saveViewed: async (viewed) => {
        this.viewed = structuredClone(viewed);
      },
      loadStudyMarks: async () => structuredClone(this.studyMarks),
      saveStudyMarks: async (marks) => {
        this.studyMarks = structuredClone(marks);
      },
      manualTask: async () => (this.manualKey && this.manualRunning ? this.manualKey : null),
      markSessionAlive: async () => {
        this.alive = true;
      },
      loadFront: async () => this.front,
      saveFront: async (state) => {
        this.front = state;
      },
      loadLastSeen: async () => this.lastSeen,
      saveLastSeen: async (seen) => {
        this.lastSeen = seen;
      },
      loadPaused: async () => this.paused,
      savePaused: async (paused) => {
        this.paused = paused;
      },
      disabledPlatforms: async () => [...this.disabled],
      scheduleDeadline: (key, when) => {
        this.alarms.set(key, when);
      },
      every: (_ms, beat) => {
        this.beats.push(beat);
        return () => {
          this.beats = this.beats.filter((b) => b !== beat);
        };
      },
      slept: (from, to) => this.sleeps.some(([start, end]) => start < to.wall && end > from.wall),
    };
  }
}

/** Claims in memory, as storage.session would keep them. */
export function memoryClaims(): ClaimStore & { all: Map<number, Claim> } {
  const all = new Map<number, Claim>();
  return {
    all,
    get: async (tabId) => all.get(tabId),
    set: async (tabId, claim) => {
      if (claim) all.set(tabId, claim);
      else all.delete(tabId);
    },
  };
}
