import type { StatusDetail } from '../platforms/types';
import { taskKey } from '../storage/history-db';
import type { TaskRecord, TaskStatus } from '../storage/schemas';
import type { TaskWriter } from './task-writer';
import type { Tracker } from './tracker';

/** MTurk's states as Centime's statuses; anything else (e.g. a future state) changes nothing. */
function statusOf(state: string): TaskStatus | null {
  switch (state.toLowerCase()) {
    case 'submitted':
      return 'submitted';
    case 'approved':
    case 'paid':
      return 'approved';
    case 'rejected':
      return 'rejected';
    default:
      return null;
  }
}

/** Noon in US Pacific time of an MTurk day: a point inside that day for records that carry only a date. */
const pacificNoon = (date: string) => Date.parse(`${date}T12:00:00-08:00`);

/**
 * One row of MTurk's status details, matched by assignment id (never by date, MTurk's days are Pacific):
 * a late approval or rejection updates the task (and its day's totals); a HIT Centime never timed becomes an
 * untimed record, which counts in money and not in rates. Returns whether anything changed.
 */
export async function applyStatus(tracker: Tracker, writer: TaskWriter, platform: string, row: StatusDetail, at: number): Promise<boolean> {
  const status = statusOf(row.state);
  if (!status) return false;
  const key = taskKey(platform, row.assignmentId);
  // Still open here but listed there (the confirming page was missed): it was submitted; end its time now.
  // (outcome() changes only an open task.)
  await tracker.outcome(key, 'submitted');
  const changed = await writer.serial(() =>
    writer.update(
      key,
      (old): TaskRecord | null => {
        if (!old) {
          return {
            v: 2, platform, taskId: row.assignmentId, hitId: row.hitId, title: row.title, requesterName: row.requesterName,
            ...(row.requesterId ? { requesterId: row.requesterId } : {}),
            reward: row.reward, status, endedAt: pacificNoon(row.date), day: row.date, untimed: true, external: false,
            events: [], activeMs: 0, idleMs: 0, firstSeenAt: at, updatedAt: at,
            ...(status === 'approved' ? { approvedAt: at } : {}),
          };
        }
        if (old.status === status || old.status === 'open' || old.status === 'returned' || old.status === 'expired') return null;
        if (old.status === 'approved' && status === 'submitted') return null;
        return { ...old, status, ...(status === 'approved' && old.approvedAt === undefined ? { approvedAt: at } : {}) };
      },
      at,
    ),
  );
  return changed !== null;
}
