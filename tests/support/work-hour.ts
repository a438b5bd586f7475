import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TaskWriter } from '../../lib/background/task-writer';
import { Tracker, type TrackerEnv } from '../../lib/background/tracker';
import { platforms } from '../../lib/platforms/registry';
import type { TaskSnapshot } from '../../lib/platforms/types';
import { clearHistory } from '../../lib/storage/history-db';
import { FakeBrowser } from '../unit/background/fake-env';
import { startMeter, type MeterReport, type Traffic } from './storage-meter';

/**
 * A simulated stretch of work through the background's real Tracker and TaskWriter (fake-indexeddb, the
 * FakeBrowser env of the tracker tests), under the storage meter. Tabs are opened one a second from the start;
 * then the front tab moves to the next one every `switchEvery` s, the heartbeat beats every `beatEvery` s (as
 * the tracker's interval would), and every `idleEvery` s the worker goes idle (157 s into the period, off the
 * beat and switch ticks) and comes back `idleFor` s later: two idle changes per period. Tabs keep switching
 * while idle.
 */
export interface WorkPlan {
  tabs: number;
  seconds: number;
  switchEvery: number;
  beatEvery: number;
  idleEvery: number;
  idleFor: number;
}

/** The hour of issue 13: 20 task tabs, a switch every 30 s, the heartbeat, an idle change every 5 minutes. */
export const WORK_HOUR: WorkPlan = { tabs: 20, seconds: 3600, switchEvery: 30, beatEvery: 5, idleEvery: 300, idleFor: 60 };

export type EventKind = 'open' | 'switch' | 'idle' | 'active' | 'beat';

/** What one event wrote (the n-th of its kind, at second `at`). */
export interface EventCost extends Pick<Traffic, 'writes' | 'bytesWritten' | 'deletes'> {
  kind: EventKind;
  n: number;
  at: number;
}

const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8')) as { expected: TaskSnapshot & { hitId: string; groupId: string } };

/** Task i of the run: the fixture's task with its own ids, accepted now with two hours to do it (none expires). */
function task(i: number, now: number): { url: string; snapshot: TaskSnapshot } {
  const id = (base: string) => base.slice(0, -3) + String(i).padStart(3, '0');
  const snapshot = { ...side.expected, taskId: id(side.expected.taskId), hitId: id(side.expected.hitId), acceptedAt: now, timeAllottedSec: 7200 };
  return { url: `https://worker.mturk.com/projects/${snapshot.groupId}/tasks/${snapshot.hitId}?assignment_id=${snapshot.taskId}`, snapshot };
}

/**
 * The tracker's small state goes to extension storage in the real browser (browser-env.ts); the FakeBrowser
 * keeps it in memory. Each save also goes to fakeBrowser's storage area, under browser-env's key, and each
 * load reads it there, so the meter counts them with the same rule as any other extension storage.
 */
function storedEnv(env: TrackerEnv): TrackerEnv {
  type AreaName = 'local' | 'session';
  const save = async (area: AreaName, key: string, value: unknown) =>
    value == null ? fakeBrowser.storage[area].remove(key) : fakeBrowser.storage[area].set({ [key]: value });
  const load = async (area: AreaName, key: string) => void (await fakeBrowser.storage[area].get(key));
  const loaded = <T>(area: AreaName, key: string, read: () => Promise<T>) => async () => (await load(area, key), read());
  const saved = <T>(area: AreaName, key: string, write: (value: T) => Promise<void>) => async (value: T) => {
    await write(value);
    await save(area, key, value);
  };
  return {
    ...env,
    nextBoot: async () => {
      await load('local', 'boot');
      const boot = await env.nextBoot();
      await save('local', 'boot', boot);
      return boot;
    },
    sessionAlive: loaded('session', 'alive', env.sessionAlive),
    markSessionAlive: async () => (await env.markSessionAlive(), save('session', 'alive', true)),
    loadFront: loaded('local', 'front', env.loadFront),
    saveFront: saved('local', 'front', env.saveFront),
    loadLastSeen: loaded('local', 'lastSeen', env.loadLastSeen),
    saveLastSeen: saved('local', 'lastSeen', env.saveLastSeen),
    loadTaskTabs: loaded('session', 'taskTabs', env.loadTaskTabs),
    saveTaskTabs: saved('session', 'taskTabs', env.saveTaskTabs),
    loadViewed: loaded('session', 'viewedStudies', env.loadViewed),
    saveViewed: saved('session', 'viewedStudies', env.saveViewed),
    loadStudyMarks: loaded('local', 'studyMarks', env.loadStudyMarks),
    saveStudyMarks: saved('local', 'studyMarks', env.saveStudyMarks),
    manualTask: loaded('local', 'manualTask', env.manualTask),
    loadPaused: loaded('local', 'trackingPaused', env.loadPaused),
    savePaused: saved('local', 'trackingPaused', env.savePaused),
    disabledPlatforms: loaded('local', 'settings', env.disabledPlatforms),
  };
}

/** Into each idle period, the second the worker goes idle: off the beat (5 s) and switch (3 s, 30 s) ticks. */
const IDLE_AT = 157;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Runs `plan` on an empty history; returns what each event wrote and the meter's whole report. */
export async function simulateWork(plan: WorkPlan): Promise<{ events: EventCost[]; report: MeterReport }> {
  if (plan.idleEvery <= IDLE_AT + plan.idleFor) throw new Error('simulateWork: idleEvery too short for its idle minute');
  await clearHistory();
  const b = new FakeBrowser();
  const tabs = Array.from({ length: plan.tabs }, (_, i) => ({ id: 100 + i, ...task(i, b.wall) }));
  const show = (front: number, open = plan.tabs) => {
    b.tabs = tabs.slice(0, open).map((t, i) => ({ id: t.id, windowId: 1, url: t.url, active: i === front }));
  };
  const meter = startMeter();
  try {
    const tracker = new Tracker(storedEnv(b.env()), new TaskWriter(() => 'UTC'), platforms);
    await tracker.start();
    const events: EventCost[] = [];
    const counts: Partial<Record<EventKind, number>> = {};
    const measure = async (kind: EventKind, at: number, run: () => Promise<void> | void) => {
      const before = meter.report().totals;
      await run();
      await settle();
      const after = meter.report().totals;
      const n = (counts[kind] = (counts[kind] ?? 0) + 1);
      const diff = (k: 'writes' | 'bytesWritten' | 'deletes') => after[k] - before[k];
      events.push({ kind, n, at, writes: diff('writes'), bytesWritten: diff('bytesWritten'), deletes: diff('deletes') });
    };
    let front = 0;
    for (let t = 0; t < plan.seconds; t++) {
      if (t > 0 && t % plan.beatEvery === 0) await measure('beat', t, () => b.beat());
      if (t < plan.tabs) {
        await measure('open', t, async () => {
          show((front = t), t + 1);
          await tracker.taskSeen(tabs[t]!.snapshot, b.wall, tabs[t]!.id);
        });
      } else if (t % plan.switchEvery === 0) {
        await measure('switch', t, async () => {
          show((front = (front + 1) % plan.tabs));
          await tracker.reevaluate();
        });
      }
      const phase = t % plan.idleEvery;
      if (phase === IDLE_AT || phase === IDLE_AT + plan.idleFor) {
        const idle = phase === IDLE_AT;
        await measure(idle ? 'idle' : 'active', t, async () => {
          b.idle = idle ? 'idle' : 'active';
          await tracker.reevaluate();
        });
      }
      b.advance(1_000);
    }
    await settle();
    return { events, report: meter.report() };
  } finally {
    meter.stop();
  }
}
