import type { TaskEdit } from '../domain/task-edits';
import type { Approval } from '../storage/ledger-db';
import { mergeTransfers, transferChanges } from '../domain/transfers';
import { EDITS_KEPT, type TaskStatus } from '../storage/schemas';
import type { Backup, BackupTask } from './backup';

/**
 * Import as a merge (issue 17, item 2): importing the same backup twice, or the backups of two browsers, adds
 * each thing once. Pure: the background gathers what is already stored for the keys a backup names
 * (`Existing`), and writes the plan this returns.
 *
 * - Tasks by key: a timed copy (events recorded) beats an untimed one, and a timeline that goes on from the other
 *   copy's beats it (a later backup of the same browser); the most advanced platform state is
 *   kept; fields one copy lacks are filled from the other; edits are united (the later edit of a field wins by
 *   its date when figures are computed).
 * - Approvals by task (and which of its money: reward or bonus); transfers as a multiset per (date, amount), the
 *   later of the two histories saying which of a day's transfers are paid out and which were undone (failed…);
 *   readings and cash-outs by time; stretches and bonus entries by their keys.
 */
type Task = BackupTask & { edits?: TaskEdit[] };

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

/** What is already stored under the keys a backup names. */
export interface Existing {
  tasks: ReadonlyMap<string, Task>;
  /** `platform|task|part` of every stored approval that names a task; the others by their full identity. */
  approvals: ReadonlySet<string>;
  /** `platform|at` of every stored reading and cash-out. */
  readingTimes: ReadonlySet<string>;
  stretchKeys: ReadonlySet<string>;
  bonusKeys: ReadonlySet<string>;
  /** Each platform's stored transfer history, by platform. */
  transfers: ReadonlyMap<string, Omit<Backup['transfers'][number], 'platform'>>;
}

export interface Counts {
  added: number;
  duplicate: number;
  updated: number;
}

export interface ImportPlan {
  tasks: Task[];
  stretches: Backup['stretches'];
  bonuses: Backup['bonuses'];
  readings: Backup['readings'];
  approvals: Backup['approvals'];
  /** Per platform, the whole merged history to write. */
  transfers: Backup['transfers'];
  counts: Record<'tasks' | 'stretches' | 'bonuses' | 'readings' | 'approvals' | 'transfers', Counts>;
}

export const approvalIdentity = (platform: string, a: Approval) =>
  a.task ? `${platform}|${a.task}|${a.part ?? 'reward'}` : `${platform}|${json([a.at, a.seq ?? 0, a.currency, a.minor])}`;
export const stretchIdentity = (s: Backup['stretches'][number]) => json([s.platform, s.start.wall, s.start.mono]);
export const bonusIdentity = (b: Backup['bonuses'][number]) => json([b.entry.platform, b.entry.at, b.entry.currency, b.fromTotal]);
export const readingIdentity = (platform: string, at: number) => `${platform}|${at}`;

const counts = (): Counts => ({ added: 0, duplicate: 0, updated: 0 });
const key = (t: Task) => `${t.platform}:${t.taskId}`;

/** Keeps the first of each identity (within the backup too) that is not already stored. */
function fresh<T>(items: readonly T[], identity: (item: T) => string, stored: ReadonlySet<string>, tally: Counts): T[] {
  const seen = new Set(stored);
  return items.filter((item) => {
    const id = identity(item);
    if (seen.has(id)) {
      tally.duplicate++;
      return false;
    }
    seen.add(id);
    tally.added++;
    return true;
  });
}

export function planImport(existing: Existing, backup: Pick<Backup, 'tasks' | 'stretches' | 'bonuses' | 'readings' | 'approvals' | 'transfers'>): ImportPlan {
  const c = { tasks: counts(), stretches: counts(), bonuses: counts(), readings: counts(), approvals: counts(), transfers: counts() };
  const tasks = new Map<string, Task>();
  for (const incoming of backup.tasks as Task[]) {
    const k = key(incoming);
    const before = tasks.get(k) ?? existing.tasks.get(k);
    const { task, change } = mergeTask(before, incoming);
    c.tasks[change]++;
    if (change !== 'duplicate') tasks.set(k, task);
  }
  const transfers: Backup['transfers'] = [];
  const byPlatform = new Map<string, Backup['transfers'][number]>();
  for (const t of backup.transfers) {
    const known = byPlatform.get(t.platform) ?? existing.transfers.get(t.platform) ?? { at: 0, transfers: [] };
    // The later history says which transfers are paid out (one read pending, the other failed: failed).
    const merged = t.at >= known.at ? mergeTransfers(known, t, 'history') : mergeTransfers(t, known, 'history');
    const { added, updated } = transferChanges(known, merged);
    c.transfers.added += added;
    c.transfers.updated += updated;
    c.transfers.duplicate += Math.max(0, t.transfers.length + (t.undone?.length ?? 0) - added - updated);
    const undone = merged.undone.length ? { undone: merged.undone } : {};
    if (added > 0 || updated > 0) byPlatform.set(t.platform, { platform: t.platform, at: Math.max(t.at, known.at), transfers: merged.transfers, ...undone });
  }
  transfers.push(...byPlatform.values());
  return {
    tasks: [...tasks.values()],
    stretches: fresh(backup.stretches, stretchIdentity, existing.stretchKeys, c.stretches),
    bonuses: fresh(backup.bonuses, bonusIdentity, existing.bonusKeys, c.bonuses),
    readings: fresh(backup.readings, (r) => readingIdentity(r.platform, r.reading.at), existing.readingTimes, c.readings),
    approvals: fresh(backup.approvals, (a) => approvalIdentity(a.platform, a.approval), existing.approvals, c.approvals),
    transfers,
    counts: c,
  };
}
