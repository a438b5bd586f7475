import { broadcastChanged, type PopupData } from '../messaging';
import type { TaskSnapshot } from '../platforms/types';
import { allTasks, getTask, putTask } from '../storage/history-db';
import { quarantineCount } from '../storage/quarantine';
import { loadSettings, saveSettings } from '../storage/settings';
import { TASK_RECORD_VERSION, type TaskRecord } from '../storage/schemas';
import type { Handlers } from './router';

const POPUP_TASKS = 50;

/** The background's handlers: the only code that writes task history. `now` is injected for tests. */
export function createHandlers(now: () => number = Date.now): Handlers {
  return {
    'cs-bg-task-seen': async (snapshot: TaskSnapshot) => {
      const existing = await getTask(snapshot.platform, snapshot.taskId);
      const at = now();
      const record: TaskRecord = {
        ...existing,
        ...snapshot,
        v: TASK_RECORD_VERSION,
        firstSeenAt: existing?.firstSeenAt ?? at,
        updatedAt: at,
      };
      await putTask(record);
      await broadcastChanged(['tasks']);
      return { saved: true as const };
    },
    'ui-bg-get-popup': async (): Promise<PopupData> => {
      const tasks = (await allTasks())
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .slice(0, POPUP_TASKS)
        .map(({ platform, taskId, title, requesterName, reward, firstSeenAt }) => ({
          platform,
          taskId,
          title,
          requesterName,
          reward,
          firstSeenAt,
        }));
      return { tasks, quarantined: await quarantineCount() };
    },
    'ui-bg-get-options': async () => {
      const { settings, problem } = await loadSettings(now());
      return { settings, ...(problem ? { problem } : {}), quarantined: await quarantineCount() };
    },
    'ui-bg-save-settings': async (settings) => {
      await saveSettings(settings);
      await broadcastChanged(['settings']);
      return { saved: true as const };
    },
  };
}
