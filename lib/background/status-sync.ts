import { fillDetails } from '../domain/task-details';
import type { BalanceSync, StatusDetail } from '../platforms/types';
import { taskKey } from '../storage/history-db';
import type { TaskRecord, TaskStatus } from '../storage/schemas';
import { lastRecordedSecond, type TaskWriter } from './task-writer';
import type { Tracker } from './tracker';

/** How far along a platform state is: a row never moves a task back (a stale "Submitted" after "Approved"). */
const RANK: Record<TaskStatus, number> = { open: 0, expired: 1, returned: 1, submitted: 2, rejected: 3, approved: 3 };

/**
 * One row of a platform's status list, matched by task id (MTurk: the assignment id; never by date, since
 * MTurk's days are Pacific). The platform is the authority on outcomes (DESIGN.md, "Outcomes and money"):
 * whatever Centime guessed locally (expired or returned, because it missed a confirmation; submitted, where the
 * platform says returned or timed out), the row's state wins, and the task's time and money follow. A HIT
 * Centime never timed becomes an untimed record, which counts in money and not in rates. Returns whether
 * anything changed.
 */
export async function applyStatus(
  tracker: Tracker,
  writer: TaskWriter,
  sync: BalanceSync,
  row: StatusDetail,
  at: number,
  /** The platform's last balance reading (dashboard, or a recorded cash-out), if any. */
  readingAt: number | null = null,
): Promise<boolean> {
  const platform = sync.platform;
  const status = sync.statusOf(row.state);
  if (!status) return false;
  const key = taskKey(platform, row.assignmentId);
  // Still open here but listed there (the confirming page was missed): it ends with the platform's outcome, at
  // its last recorded second (its day and submission time are that second's). Not "observed" as a local submit:
  // an approval listed at once was never seen pending here.
  const ended = await tracker.outcome(key, status === 'returned' || status === 'expired' ? status : 'submitted', undefined, { observed: false, atLastSecond: true });
  const reward = sync.rowReward?.(row.state) ? row.reward : undefined;
  const changed = await writer.serial(() =>
    writer.update(
      key,
      (old): TaskRecord | null => {
        if (!old) {
          // Returned or timed out there, never timed here: nothing was earned and no time was spent here.
          if (status === 'returned' || status === 'expired') return null;
          return {
            v: 2, platform, taskId: row.assignmentId, hitId: row.hitId, title: row.title, requesterName: row.requesterName,
            ...(row.requesterId ? { requesterId: row.requesterId } : {}),
            reward: row.reward, ...(row.bonus ? { bonus: row.bonus } : {}), status, endedAt: sync.dayInstant(row.date), day: row.date, untimed: true, external: false,
            events: [], activeMs: 0, idleMs: 0, firstSeenAt: at, updatedAt: at, observedAt: at,
            ...(status === 'approved' ? { approvedAt: at } : {}),
          };
        }
        if (old.status === 'open') return null;
        // Details its task page could not give (issue 19) come from the row.
        const filled = fillDetails(old, { title: row.title, requesterName: row.requesterName, reward: row.reward });
        return follow(filled ?? old, status, reward, row.bonus, at, readingAt) ?? filled;
      },
      at,
      hitKeyOf(platform, row),
    ),
  );
  return changed !== null || ended !== null;
}

/** The task as the platform now lists it, or null when the row tells nothing new. */
function follow(
  old: TaskRecord,
  status: Exclude<TaskStatus, 'open'>,
  reward: TaskRecord['reward'] | undefined,
  bonus: TaskRecord['bonus'] | undefined,
  at: number,
  readingAt: number | null,
): TaskRecord | null {
  const rewardChanged = !!reward && (old.reward?.minor !== reward.minor || old.reward?.currency !== reward.currency);
  const bonusChanged = !!bonus && (old.bonus?.minor !== bonus.minor || old.bonus?.currency !== bonus.currency);
  // A stale row (Submitted after Approved) changes no state; "Paid" after "Approved" is the same state. A platform's
  // verdict (approved, rejected) is final there: a row saying returned or timed out after it is stale too, and never
  // takes approved money back out of the balance. Only a local guess (submitted, closed as returned or expired) or
  // another verdict (a rejection reversed) moves.
  const moves = status !== old.status && !(RANK[status] < RANK[old.status] && (status === 'submitted' || RANK[old.status] === RANK.approved));
  // The worker corrected the outcome (issue 16): this row states the status after that correction, and the
  // platform is the authority, so it wins (`applyEdits` marks the correction superseded; the edit stays).
  const outcomeEdits = (old.edits ?? []).filter((e) => e.field === 'outcome');
  const overrides = outcomeEdits.some((e) => e.value !== null && e.at < at && !(e.at < (old.statusReadAt ?? -Infinity)));
  const next: TaskRecord = {
    ...old,
    // When Centime last knew its state: the approval of an item known pending after a reading adds to it.
    observedAt: at,
    ...(outcomeEdits.length ? { statusReadAt: Math.max(at, old.statusReadAt ?? 0) } : {}),
    ...(moves ? { status } : {}),
    ...(rewardChanged ? { reward } : {}),
    ...(bonusChanged ? { bonus } : {}),
    ...(moves && status === 'approved' && old.approvedAt === undefined ? { approvedAt: at } : {}),
  };
  // A repaired outcome: closed here as expired or returned (a missed confirmation) but listed as done there. It
  // moves to the local day of its last recorded second, and its time from unpaid to paid.
  const repaired = moves && (old.status === 'expired' || old.status === 'returned') && RANK[status] >= RANK.submitted;
  if (repaired) {
    next.endedAt = old.untimed ? old.endedAt : lastRecordedSecond(old);
    delete next.countedDay;
  }
  // Besides state and money changes, a row is worth a write when it is the first news of the task (ever, or since
  // the last reading): a later approval (or bonus) of an item known pending after the reading adds to withdrawable.
  const newsSinceReading = old.observedAt === undefined || (readingAt !== null && old.observedAt < readingAt);
  // A pending row is written each time it is read later: when it was last known pending is what a later reading
  // is compared with (pending items are few; approved rows are written only as the first news since a reading).
  const stillPending = status === 'submitted' && old.status === 'submitted' && old.observedAt !== undefined && old.observedAt < at;
  return moves || rewardChanged || bonusChanged || newsSinceReading || stillPending || overrides ? next : null;
}

/**
 * The HIT of a row's assignment, for a record imported under its HIT id from a backup that had no assignment id
 * (MTurk Suite's, "sometimes assignment_id", untimed): where the assignment has no record, that copy moves to the
 * assignment's key before the row applies (`TaskWriter.find`, lib/data/hit-fold.ts). The status page of the day of
 * such a HIT would otherwise add a second record of it (its money counted twice), and a copy left under its HIT id
 * would count again beside a later import of the assignment's record, or the task timed here.
 */
function hitKeyOf(platform: string, row: StatusDetail): string | undefined {
  return platform === 'mturk' && row.hitId && row.hitId !== row.assignmentId ? taskKey(platform, row.hitId) : undefined;
}
