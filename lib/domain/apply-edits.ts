import type { Money } from './money';
import type { EditField, EditOutcome, TaskEdit } from './task-edits';

/**
 * A task as its figures see it, once the worker's corrections are applied (issue 16, `task-edits.ts`). Pure, and
 * the ONE place that reads edits: the day totals, rows, day-index entries, pending items and estimates all go
 * through it, so that the writer's incremental records equal a rebuild's. The recorded fields are never changed;
 * this gives a new object.
 */
export interface EditableTask {
  status: 'open' | EditOutcome;
  reward: Money | null;
  bonus?: Money;
  activeMs: number;
  requesterName?: string;
  requesterId?: string;
  untimed?: boolean;
  /** A task added by hand: the active time the worker gave (it has no events). */
  handActiveMs?: number;
  edits?: readonly TaskEdit[];
  addedByHand?: boolean;
  /** When the platform last stated the task's status (a status row, a submissions row) after a correction of it. */
  statusReadAt?: number;
}

export interface EditedTask<T> {
  /** The task with the standing corrections in place. */
  task: T;
  /** The fields whose correction stands (the history marks them), `deleted` aside. */
  corrected: EditField[];
  /** Deleted by the worker: in no figure, total, session or list (but the history's "deleted" filter). */
  deleted: boolean;
  /** The `at` of each outcome correction a later platform reading overrides (kept in the timeline as superseded). */
  superseded: number[];
  /**
   * Approved on the worker's word (a standing outcome correction, or a task added by hand as approved): approved
   * money with no known approval date, so never in withdrawable nor in the pace (DESIGN.md, "Outcomes and money").
   */
  undatedApproval: boolean;
}

/** The edits in the order they apply: by `at`, two of the same instant in the order they were made. */
function inOrder(edits: readonly TaskEdit[]): TaskEdit[] {
  return edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map(({ e }) => e);
}

export function applyEdits<T extends EditableTask>(task: T): EditedTask<T> {
  const addedByHand = task.addedByHand === true;
  const recordedActive = task.handActiveMs ?? task.activeMs;
  const view: EditableTask = { ...task, activeMs: recordedActive };
  if (task.handActiveMs !== undefined) delete view.untimed;
  const latest = new Map<EditField, TaskEdit>();
  for (const edit of inOrder(task.edits ?? [])) latest.set(edit.field, edit);
  const readAt = task.statusReadAt ?? -Infinity;
  // The platform is the authority: a reading of the status after a correction of it wins over that correction.
  const superseded = (task.edits ?? []).filter((e) => e.field === 'outcome' && e.value !== null && e.at < readAt).map((e) => e.at);
  const corrected: EditField[] = [];
  let undatedApproval = addedByHand && task.status === 'approved';
  for (const edit of latest.values()) {
    switch (edit.field) {
      case 'outcome':
        if (edit.value === null || edit.at < readAt) break;
        view.status = edit.value;
        undatedApproval = edit.value === 'approved' && (task.status !== 'approved' || addedByHand);
        corrected.push('outcome');
        break;
      case 'reward':
        if (edit.value === null) break;
        view.reward = edit.value;
        corrected.push('reward');
        break;
      case 'bonus':
        if (edit.value === null && edit.restore) break;
        if (edit.value === null) delete view.bonus;
        else view.bonus = edit.value;
        corrected.push('bonus');
        break;
      case 'activeMs':
        if (edit.value === null) break;
        // A corrected time makes an untimed record timed: it counts in rates, as a task added with a time does.
        view.activeMs = edit.value;
        delete view.untimed;
        corrected.push('activeMs');
        break;
      case 'requester':
        if (edit.value === null) break;
        view.requesterName = edit.value.name;
        if (edit.value.id) view.requesterId = edit.value.id;
        else delete view.requesterId;
        corrected.push('requester');
        break;
      case 'deleted':
        break;
    }
  }
  // Approved as recorded (by the platform): its own date, if any, stands; the worker's word only when corrected.
  if (view.status !== 'approved') undatedApproval = false;
  const deleted = latest.get('deleted')?.value === true;
  return { task: view as T, corrected: corrected.sort(), deleted, superseded, undatedApproval };
}
