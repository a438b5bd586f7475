import type { TaskEdit } from '../domain/task-edits';
import { EDITS_KEPT, type TaskStatus } from '../storage/schemas';
import type { BackupTask } from './backup';

/**
 * Two copies of one task as one (lib/data/merge.ts): a timed copy (events recorded) beats an untimed one, and a
 * timeline that goes on from the other copy's beats it (a later backup of the same browser); the most advanced
 * platform state is kept; fields one copy lacks are filled from the other; edits are united (the later edit of a
 * field wins by its date when figures are computed). Pure.
 */
export type Task = BackupTask & { edits?: TaskEdit[] };

/** How far a task has gone on the platform: a later state is never replaced by an earlier one. */
const STATE_RANK: Record<TaskStatus, number> = { open: 0, returned: 1, expired: 1, submitted: 2, approved: 3, rejected: 3 };

const timed = (t: Task) => !t.untimed && t.events.length > 0;
const json = (x: unknown) => JSON.stringify(x);

/** Fields that describe an untimed record and would wrongly mark a timed task as untimed. */
const UNTIMED_ONLY = new Set(['untimed', 'day']);

function unitedEdits(a: readonly TaskEdit[] = [], b: readonly TaskEdit[] = []): TaskEdit[] {
  // As multisets: an edit twice in one copy (the same correction made twice in one millisecond) stays twice, so
  // that merging a copy with itself changes nothing (a re-import adds or updates nothing, issue 17).
  const inA = new Map<string, number>();
  for (const e of a) inA.set(json(e), (inA.get(json(e)) ?? 0) + 1);
  const united = [...a];
  for (const e of b) {
    const left = inA.get(json(e)) ?? 0;
    if (left > 0) inA.set(json(e), left - 1);
    else united.push(e);
  }
  return united.sort((x, y) => x.at - y.at);
}

export type MergeChange = 'added' | 'duplicate' | 'updated';

/** Whether a timeline is the other one and more: the same events first, in the same order, then later ones. */
function goesOn(longer: readonly unknown[], shorter: readonly unknown[]): boolean {
  return longer.length > shorter.length && shorter.every((event, i) => json(event) === json(longer[i]));
}

export function mergeTask(existing: Task | undefined, incoming: Task): { task: Task; change: MergeChange } {
  if (!existing) return { task: incoming, change: 'added' };
  // The incoming copy's timeline wins where the stored one has none, or where it goes on from it: a later backup
  // of the same browser, imported after an earlier one (the task was open then, submitted since).
  const incomingWins = timed(incoming) && (!timed(existing) || goesOn(incoming.events, existing.events));
  const [base, other] = incomingWins ? [incoming, existing] : [existing, incoming];
  const merged: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(other)) {
    // A reward of null is one the page could not read (issue 19): the other copy's fills it.
    if ((merged[field] !== undefined && merged[field] !== null) || value === undefined) continue;
    if (timed(base) && UNTIMED_ONLY.has(field)) continue;
    merged[field] = value;
  }
  if (STATE_RANK[other.status] > STATE_RANK[base.status]) {
    merged.status = other.status;
    if (other.approvedAt !== undefined) merged.approvedAt = other.approvedAt;
    if (other.observedAt !== undefined) merged.observedAt = other.observedAt;
    // When the platform stated that state: a correction made before it is superseded (lib/domain/apply-edits.ts).
    if (other.statusReadAt !== undefined) merged.statusReadAt = other.statusReadAt;
  }
  // Details the other copy supplied are no longer missing.
  if (Array.isArray(merged.missing)) {
    const still = (merged.missing as string[]).filter((f) => (f === 'reward' ? merged.reward === null : !merged[f === 'requester' ? 'requesterName' : f]));
    if (still.length) merged.missing = still;
    else delete merged.missing;
  }
  // A task keeps at most EDITS_KEPT edits (its schema's bound): united, the newest are kept — they decide its figures.
  const edits = unitedEdits(existing.edits, incoming.edits).slice(-EDITS_KEPT);
  if (edits.length) merged.edits = edits;
  else delete merged.edits;
  const task = merged as Task;
  return { task, change: json(task) === json(existing) ? 'duplicate' : 'updated' };
}
