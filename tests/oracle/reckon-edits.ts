import type { OState, OTask } from './reckon-state';

/**
 * The worker's corrections (issue 16), read plainly from task-edits.ts and the issue: "each correction is a dated
 * edit stored beside the original"; the latest of each field wins; a null value restores the original (a bonus:
 * null is "no bonus", null with `restore` the original); "a corrected active time stands instead of the derived
 * one … the difference is in no time part"; "a corrected approval has no known date, so it never counts in
 * withdrawable or in the pace"; "a later platform reading of the outcome wins over a corrected one"; a deleted task
 * "leaves every figure". The figures are computed from this view; what Centime recorded stays as it is.
 */
export function correctedState(s: OState): OState {
  const tasks = new Map<string, OTask>();
  for (const [key, task] of s.tasks) {
    const view = corrected(task);
    if (view) tasks.set(key, view);
  }
  return { ...s, tasks };
}

/** A task as its figures see it, or null once deleted. */
export function corrected(task: OTask): OTask | null {
  const latest = new Map<string, OTask['edits'][number]>();
  // By date; two of the same instant in the order they were made (a stable sort keeps it).
  for (const e of [...task.edits].sort((a, b) => a.at - b.at)) latest.set(e.field, e);
  const deleted = latest.get('deleted');
  if (deleted && deleted.value === true) return null;
  const view: OTask = { ...task, stretches: task.stretches.map((st) => ({ ...st })) };
  if (task.handActiveMs !== null) view.activeMs = task.handActiveMs;
  view.approvedByWord = task.addedByHand && task.status === 'approved';
  for (const e of latest.values()) {
    if (e.field === 'outcome' && e.value !== null && !(task.statusReadAt !== null && e.at < task.statusReadAt)) {
      view.status = e.value;
      view.approvedByWord = e.value === 'approved' && (task.status !== 'approved' || task.addedByHand);
    }
    if (e.field === 'reward' && e.value !== null) view.reward = e.value;
    if (e.field === 'bonus' && !(e.value === null && e.restore)) view.bonus = e.value;
    if (e.field === 'requester' && e.value !== null) view.requesterId = e.value.id ?? null;
    if (e.field === 'activeMs' && e.value !== null) {
      // Timed from now on; the difference lands on its last stretch in front, a decrease going back stretch by
      // stretch, never below nothing (its sessions then add up to its time).
      let rest = e.value - view.activeMs;
      for (const st of [...view.stretches].reverse()) {
        const next = Math.max(0, st.activeMs + rest);
        rest -= next - st.activeMs;
        st.activeMs = next;
        if (rest === 0) break;
      }
      view.activeMs = e.value;
      view.untimed = false;
    }
  }
  if (view.status !== 'approved') view.approvedByWord = false;
  return view;
}
