import { broadcastChanged } from '../messaging';
import { taskKey } from '../storage/history-db';
import type { Handlers } from './router';
import type { Tracker } from './tracker';

/** The popup's "Not working on this": a started study whose tab is gone stops accruing in unrelated tabs. */
export function studyHandlers(tracker: Tracker): Pick<Handlers, 'ui-bg-not-working-on'> {
  return {
    'ui-bg-not-working-on': async ({ platform, taskId }) => {
      const detached = await tracker.notWorkingOn(taskKey(platform, taskId));
      if (detached) await broadcastChanged(['tasks']);
      return { detached };
    },
  };
}
