import { dayStart } from '../domain/summary';
import { CentimeError } from '../errors';
import { broadcastChanged } from '../messaging';
import { taskKey } from '../storage/history-db';
import { EDITS_KEPT, type TaskRecord } from '../storage/schemas';
import type { Handlers } from './router';
import type { TaskWriter } from './task-writer';

/** What the correction handlers need: the one writer, the clock and the worker's time zone. */
export interface EditDeps {
  writer: TaskWriter;
  now: () => number;
  timeZone: () => string;
}

const HALF_DAY_MS = 12 * 3_600_000;

/** A random task id for a task added by hand: never a platform's id, so no status row ever matches it. */
function handId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `hand-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Corrections kept as edits (issue 16): the history page sends them (validated by the router), the writer stores
 * them beside the recorded task, in its queue, and everything derived follows (`applyEdits`). Open pages refresh.
 */
export function editHandlers({ writer, now, timeZone }: EditDeps): Pick<Handlers, 'ui-bg-edit-task' | 'ui-bg-add-task'> {
  return {
    'ui-bg-edit-task': async ({ key, change }) => {
      await writer.serial(async () => {
        let refused: CentimeError | null = null;
        const wall = now();
        await writer.update(
          key,
          (old): TaskRecord | null => {
            if (!old) refused = new CentimeError('task_unknown', [], key);
            // An open task's figures are still being recorded: it is corrected once it has an outcome.
            else if (old.status === 'open') refused = new CentimeError('task_open', [], key);
            else if ((old.edits?.length ?? 0) >= EDITS_KEPT) refused = new CentimeError('edits_full', [], key);
            if (refused || !old) return null;
            // The newest edit wins by its date: a clock set back never buries it under older ones.
            const at = Math.max(wall, ...(old.edits ?? []).map((e) => e.at));
            return { ...old, edits: [...(old.edits ?? []), { ...change, at }] };
          },
          wall,
        );
        if (refused) throw refused;
      });
      await broadcastChanged(['tasks', 'balances']);
      return { saved: true as const };
    },
    'ui-bg-add-task': async (added) => {
      const at = now();
      const taskId = handId();
      const record: TaskRecord = {
        v: 2, platform: added.platform, taskId, title: added.title, requesterName: added.requesterName ?? '',
        reward: added.reward, status: added.outcome,
        // Only its day is known: it ends at that day's noon (its pending item's payment dates count from there).
        endedAt: dayStart(added.day, timeZone()) + HALF_DAY_MS, day: added.day,
        ...(added.activeMs === undefined ? { untimed: true } : { handActiveMs: added.activeMs }),
        addedByHand: true, external: false, events: [], activeMs: 0, idleMs: 0, firstSeenAt: at, updatedAt: at,
      };
      const key = taskKey(added.platform, taskId);
      await writer.serial(() => writer.update(key, (old) => (old ? null : record), at));
      await broadcastChanged(['tasks', 'balances']);
      return { key };
    },
  };
}
