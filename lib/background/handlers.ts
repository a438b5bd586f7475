import { localDay } from '../domain/summary';
import { replay, type Stamp } from '../domain/task-timer';
import { broadcastChanged, type PopupData, type TaskSummary } from '../messaging';
import { getAggregates, getTasks, openTaskKeys, taskKey } from '../storage/history-db';
import { quarantineCount } from '../storage/quarantine';
import type { TaskRecord } from '../storage/schemas';
import { loadSettings, saveSettings } from '../storage/settings';
import { platforms } from '../platforms/registry';
import type { Handlers } from './router';
import type { Tracker } from './tracker';

export interface HandlerDeps {
  tracker: Tracker;
  timeZone: () => string;
}

/** Live figures of a task: its stored timeline replayed up to now. */
export function summarize(task: TaskRecord, now: Stamp, frontKey: string | null): TaskSummary {
  const live = task.status === 'open' ? replay(task.events, now) : { activeMs: task.activeMs, idleMs: task.idleMs };
  return {
    platform: task.platform,
    taskId: task.taskId,
    title: task.title,
    requesterName: task.requesterName,
    reward: task.reward,
    firstSeenAt: task.firstSeenAt,
    status: task.status,
    activeMs: Math.round(live.activeMs),
    idleMs: Math.round(live.idleMs),
    front: taskKey(task.platform, task.taskId) === frontKey,
  };
}

/** The background's handlers: with the tracker, the only code that writes task history. */
export function createHandlers({ tracker, timeZone }: HandlerDeps): Handlers {
  return {
    'cs-bg-task-seen': async (snapshot) => {
      await tracker.taskSeen(snapshot, tracker.now().wall);
      await broadcastChanged(['tasks']);
      return { saved: true as const };
    },
    'cs-bg-task-outcome': async ({ platform, taskId, outcome }) => {
      const record = await tracker.outcome(taskKey(platform, taskId), outcome);
      await broadcastChanged(['tasks']);
      return { recorded: record !== null };
    },
    'ui-bg-get-popup': async (): Promise<PopupData> => {
      const now = tracker.now();
      const front = await tracker.frontTask();
      // Open tasks through their index and today's totals from the aggregates: never the whole history.
      const tasks = (await getTasks(await openTaskKeys()))
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .map((task) => summarize(task, now, front))
        .sort((a, b) => Number(b.front) - Number(a.front));
      const today = localDay(now.wall, timeZone());
      const aggregates = await getAggregates(platforms.map((p) => `${today}|${p.id}`));
      return {
        tasks,
        today: Object.entries(aggregates).map(([key, totals]) => ({ platform: key.split('|')[1]!, totals })),
        quarantined: await quarantineCount(),
      };
    },
    'ui-bg-get-options': async () => {
      const { settings, problem } = await loadSettings(tracker.now().wall);
      return { settings, ...(problem ? { problem } : {}), quarantined: await quarantineCount() };
    },
    'ui-bg-save-settings': async (settings) => {
      await saveSettings(settings);
      await broadcastChanged(['settings']);
      return { saved: true as const };
    },
  };
}
