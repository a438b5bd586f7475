import type { TaskStatus } from '../storage/schemas';
import { mergeTask, type MergeChange, type Task } from './merge-task';

/**
 * One MTurk HIT, one task. MTurk Suite's HITs carry "sometimes" their assignment id (DESIGN.md, "Platforms"): one
 * without it is stored under its HIT id (`mturk:<hitId>`, the only MTurk records keyed so), where Centime keys its
 * own records by assignment id and keeps their HIT id. Both copies of one HIT would count its reward twice, so an
 * import folds the copy under the HIT id into the assignment's record, whichever of the two is stored and whichever
 * the file brings (a Centime backup over a Suite import, a Suite file over a task timed here, a backup of a browser
 * that imported Suite's file): the assignment id is what the status pages name, and the merge keeps the timed copy,
 * the more advanced platform state and what either copy alone knows (lib/data/merge.ts). An open assignment's record
 * (the tracker's) takes no copy: the background's writer joins it when that record is first done (`hitCopyKey`), and a status row naming an assignment with no record moves the copy to it (`moved`). Pure.
 */
const MTURK = 'mturk';
const DONE: ReadonlySet<TaskStatus> = new Set(['submitted', 'approved', 'rejected']);
const keyOf = (t: Pick<Task, 'platform' | 'taskId'>) => `${t.platform}:${t.taskId}`;

/** A record under its HIT id: only an MTurk Suite HIT imported without its assignment id. */
export const isHitKeyed = (t: Pick<Task, 'platform' | 'taskId' | 'hitId'>) => t.platform === MTURK && t.hitId !== undefined && t.taskId === t.hitId;

/** The HIT of an assignment's record that can take the HIT's other copy: never an open task (the tracker's). */
const assignmentHit = (t: Task) => (t.platform === MTURK && t.hitId !== undefined && t.taskId !== t.hitId && t.status !== 'open' ? t.hitId : undefined);

/**
 * Where each HIT-keyed record, stored or in the file, goes: the key of its HIT's assignment record, stored or in
 * the file. A worker who holds several assignments of one HIT (returned, then accepted again) gives it to the one
 * done (submitted, approved or rejected), else to the first by key.
 */
export function hitMoves(stored: Iterable<Task>, incoming: Iterable<Task>): Map<string, string> {
  const hitKeyed = new Set<string>();
  const assignments = new Map<string, Map<string, boolean>>();
  const note = (t: Task) => {
    if (isHitKeyed(t)) hitKeyed.add(t.hitId!);
    const hit = assignmentHit(t);
    if (hit === undefined) return;
    const keys = assignments.get(hit) ?? new Map<string, boolean>();
    keys.set(keyOf(t), keys.get(keyOf(t)) === true || DONE.has(t.status));
    assignments.set(hit, keys);
  };
  for (const t of stored) note(t);
  for (const t of incoming) note(t);
  const moves = new Map<string, string>();
  for (const hit of hitKeyed) {
    const keys = [...(assignments.get(hit) ?? [])].sort(([a, doneA], [b, doneB]) => Number(doneB) - Number(doneA) || (a < b ? -1 : a > b ? 1 : 0));
    if (keys[0]) moves.set(`${MTURK}:${hit}`, keys[0][0]);
  }
  return moves;
}

/**
 * A HIT-keyed copy as it joins the assignment's record `key`: under that key, its edits kept but a deletion (the
 * worker deleted that copy, a duplicate, by hand; the HIT lives on in the assignment's record, which keeps its own).
 */
export function joining(task: Task, key: string): Task {
  const copy: Task = { ...task, taskId: key.slice(key.indexOf(':') + 1) };
  const edits = task.edits?.filter((e) => e.field !== 'deleted');
  if (edits?.length) copy.edits = edits;
  else delete copy.edits;
  return copy;
}

/**
 * The key of the HIT-keyed copy that an assignment's record takes as it is written (the background's writer): when
 * the record is first done (submitted, approved or rejected: submitted here, or listed so by a status page), the
 * assignment an import would give the copy to (an open task takes none, so a copy imported while the HIT was being
 * done waits). A returned or expired assignment takes none: the worker may take the HIT again under another
 * assignment, whose submission is the copy's; and if the platform later lists the returned one as submitted (Centime
 * missed its submit), it is done then, and takes the copy.
 */
export function hitCopyKey(old: Pick<Task, 'status'> | undefined, next: Task): string | undefined {
  const hit = assignmentHit(next);
  return hit !== undefined && DONE.has(next.status) && !(old && DONE.has(old.status)) ? keyOf({ platform: MTURK, taskId: hit }) : undefined;
}

/**
 * The record `task` (an assignment's, `key`) becomes as it takes the HIT-keyed copy `copy` (`joining`, then
 * `mergeTask`). A record with no counted day yet (closing now) is counted under its own, never the copy's: its
 * writer stamps it as it closes (lib/background/task-writer.ts), as it had before an import joined them.
 */
export function joined(task: Task, copy: Task, key: string): Task {
  const incoming = joining(copy, key);
  if (!task.countedDay) delete incoming.countedDay;
  return mergeTask(task, incoming).task;
}

/**
 * A HIT-keyed copy moved whole under its assignment's key, where no record of that assignment exists (a status page
 * names the assignment): it is that task, edits kept, a deletion included (no other record of the HIT holds one).
 */
export const moved = (task: Task, key: string): Task => ({ ...task, taskId: key.slice(key.indexOf(':') + 1) });

/**
 * The file's tasks merged with the stored ones, by key, one HIT one task: the tasks to write, the stored ones joined
 * to another (to delete), and where each HIT-keyed key went. `tally` counts each task of the file once: added,
 * already there, or completing a stored task (taking a stored copy is a change even where the file adds nothing).
 */
export function planTasks(existing: ReadonlyMap<string, Task>, incoming: readonly Task[], tally: Record<MergeChange, number>) {
  const moves = hitMoves(existing.values(), incoming);
  // The stored copies under a HIT id that each assignment's record takes.
  const joins = new Map<string, string[]>();
  for (const [from, to] of moves) if (existing.has(from)) joins.set(to, [...(joins.get(to) ?? []), from]);
  const removed: string[] = [];
  const stored = (k: string): Task | undefined => {
    let task = existing.get(k);
    for (const from of joins.get(k) ?? []) {
      task = mergeTask(task, joining(existing.get(from)!, k)).task;
      removed.push(from);
    }
    return task;
  };
  const merged = new Map<string, Task>();
  const changed = new Set<string>();
  for (const task of incoming) {
    const own = keyOf(task);
    const k = moves.get(own) ?? own;
    const first = !merged.has(k);
    const result = mergeTask(first ? stored(k) : merged.get(k), k === own ? task : joining(task, k));
    const change = first && joins.has(k) && result.change === 'duplicate' ? 'updated' : result.change;
    tally[change]++;
    merged.set(k, result.task);
    if (change !== 'duplicate') changed.add(k);
  }
  // A stored copy whose assignment's record the file does not name (it names another assignment of the HIT).
  for (const k of joins.keys()) {
    if (merged.has(k)) continue;
    merged.set(k, stored(k)!);
    changed.add(k);
    tally.updated++;
  }
  return { tasks: [...changed].map((k) => merged.get(k)!), removed, moves };
}
