import type { BalanceSync, StatusDetail } from '../platforms/types';
import { taskKey } from '../storage/history-db';
import type { TaskRecord } from '../storage/schemas';
import type { TaskWriter } from './task-writer';
import type { Tracker } from './tracker';

/**
 * One row of a platform's status list, matched by task id (MTurk: the assignment id; never by date, since
 * MTurk's days are Pacific). A late approval or rejection updates the task (and its day's totals); a HIT
 * Centime never timed becomes an untimed record, which counts in money and not in rates. Returns whether
 * anything changed.
 */
export async function applyStatus(
  tracker: Tracker,
  writer: TaskWriter,
  sync: BalanceSync,
  row: StatusDetail,
  at: number,
): Promise<boolean> {
  const platform = sync.platform;
  const status = sync.statusOf(row.state);
  if (!status) return false;
  const key = taskKey(platform, row.assignmentId);
  // Returned or timed out there: an open task ends so, earning nothing; a task never timed is not recorded.
  if (status === 'returned' || status === 'expired') return (await tracker.outcome(key, status)) !== null;
  // Still open here but listed there (the confirming page was missed): it was submitted; end its time now.
  // (outcome() changes only an open task.)
  await tracker.outcome(key, 'submitted');
  const reward = sync.rowReward?.(row.state) ? row.reward : undefined;
  const changed = await writer.serial(() =>
    writer.update(
      key,
      (old): TaskRecord | null => {
        if (!old) {
          return {
            v: 2, platform, taskId: row.assignmentId, hitId: row.hitId, title: row.title, requesterName: row.requesterName,
            ...(row.requesterId ? { requesterId: row.requesterId } : {}),
            reward: row.reward, ...(row.bonus ? { bonus: row.bonus } : {}), status, endedAt: sync.dayInstant(row.date), day: row.date, untimed: true, external: false,
            events: [], activeMs: 0, idleMs: 0, firstSeenAt: at, updatedAt: at,
            ...(status === 'approved' ? { approvedAt: at } : {}),
          };
        }
        const rewardChanged = reward !== undefined && (old.reward?.minor !== reward.minor || old.reward?.currency !== reward.currency);
        const bonusChanged = !!row.bonus && (old.bonus?.minor !== row.bonus.minor || old.bonus?.currency !== row.bonus.currency);
        if (old.status === 'open' || old.status === 'returned' || old.status === 'expired') return null;
        if ((old.status === status || (old.status === 'approved' && status === 'submitted')) && !rewardChanged && !bonusChanged) return null;
        return {
          ...old,
          ...(old.status === 'approved' && status === 'submitted' ? {} : { status }),
          ...(rewardChanged ? { reward } : {}),
          ...(bonusChanged ? { bonus: row.bonus } : {}),
          ...(status === 'approved' && old.approvedAt === undefined ? { approvedAt: at } : {}),
        };
      },
      at,
    ),
  );
  return changed !== null;
}
