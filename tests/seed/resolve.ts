import { countedDayOf } from '../../lib/domain/summary';
import { replay, type TimerEvent } from '../../lib/domain/task-timer';
import type { TaskRecord } from '../../lib/storage/schemas';
import type { Approval } from '../../lib/storage/ledger-db';
import { lastActivity } from '../../lib/storage/task-store';
import type { Draft } from './session';

/** A task as Centime holds it at `now`, with the dated approvals it saw. */
export interface Resolved {
  key: string;
  record: TaskRecord;
  approvals: Approval[];
}

export const keyOf = (t: Pick<TaskRecord, 'platform' | 'taskId'>) => `${t.platform}:${t.taskId}`;

/**
 * What Centime knows of a drafted task at `now`, as the tracker and the status pages would have written it: its
 * events so far (one still in front at `now` is put in a background tab then: a generated history has no live
 * tab), its outcome if it came, the platform's verdict if a page showed it, the day it is counted under, and
 * `activeMs` / `idleMs` from `replay`. Null for a task Centime has not met yet.
 */
export function resolve(draft: Draft, now: number, timeZone: string): Resolved | null {
  if (draft.knownFrom > now) return null;
  const { fate } = draft;
  const record: TaskRecord = { ...draft.record, events: draft.record.events.filter((e) => e.at.wall <= now) };
  const key = keyOf(record);
  const approvals: Approval[] = [];
  const ended = record.untimed || record.events.some((e) => e.type === 'outcome');
  // A manual timer running at `now` would need its state in extension storage, which a seed does not write.
  if (!ended && record.platform === 'manual') return null;
  if (!ended) {
    openAt(record, now);
  } else if (record.status === 'submitted') {
    // Known pending from the submission (or the first status row); later from each read that listed it pending.
    const submitted = record.untimed ? record.firstSeenAt : record.endedAt!;
    record.observedAt = submitted;
    if (fate.kind === 'approve' && record.untimed && fate.platformAt <= record.firstSeenAt) {
      // First seen approved: no known approval date, so no dated approval.
      Object.assign(record, { status: 'approved', approvedAt: record.firstSeenAt });
    } else if (fate.kind !== 'none' && fate.seenAt <= now) {
      const knownAt = fate.pendingReadAt !== undefined && fate.pendingReadAt > submitted ? fate.pendingReadAt : submitted;
      record.observedAt = fate.seenAt;
      if (fate.kind === 'reject') record.status = 'rejected';
      else {
        Object.assign(record, { status: 'approved', approvedAt: fate.seenAt }, fate.partial ? { reward: fate.partial } : {});
        const paid = record.reward!;
        // A timed task's reward dates its requester's next approvals (the writer's `submittedAt`).
        const delay = !record.untimed && record.requesterId ? { requesterId: record.requesterId, submittedAt: submitted } : {};
        approvals.push({ at: fate.seenAt, minor: paid.minor, currency: paid.currency, knownAt, task: key, ...delay });
        if (fate.bonus && fate.bonus.seenAt <= now) {
          record.bonus = fate.bonus.money;
          record.observedAt = fate.bonus.seenAt;
          // A bonus seen later is news on a task known approved since its approval.
          approvals.push({ at: fate.bonus.seenAt, ...fate.bonus.money, knownAt: fate.bonus.seenAt === fate.seenAt ? knownAt : fate.seenAt, task: key });
        }
      }
    } else if (fate.kind !== 'none' && fate.pendingReadAt !== undefined && fate.pendingReadAt <= now && fate.pendingReadAt > submitted) {
      record.observedAt = fate.pendingReadAt;
    }
  }
  const state = replay(record.events);
  record.activeMs = Math.round(state.activeMs);
  record.idleMs = Math.round(state.idleMs);
  const day = countedDayOf(record, timeZone);
  if (day) record.countedDay = day;
  // Its last change, as Storage v2 derives it from the records (so a rebuild reads it back the same).
  record.updatedAt = lastActivity(record);
  return { key, record, approvals };
}

/** Still open at `now`: no outcome yet; a task still in front then goes to a background tab at `now`. */
function openAt(record: TaskRecord, now: number): void {
  const last = record.events.at(-1);
  if (last && replay(record.events).front) {
    const at = { ...last.at, wall: now, mono: last.at.mono + (now - last.at.wall) };
    record.events.push({ boot: last.boot, n: last.n + 1, type: 'not-front', at } satisfies TimerEvent);
  }
  record.status = 'open';
  delete record.endedAt;
}
