import type { Approval, LegacyDelays, LegacyDelaysEntry } from '../storage/ledger-db';
import { mergeTransfers, transferChanges } from '../domain/transfers';
import type { Backup, BackupParts } from './backup';
import { planTasks } from './hit-fold';
import type { MergeChange, Task } from './merge-task';

export { mergeTask, type MergeChange } from './merge-task';

/**
 * Import as a merge (issue 17, item 2): importing the same backup twice, or the backups of two browsers, adds
 * each thing once. Pure: the background gathers what is already stored for the keys a backup names
 * (`Existing`), and writes the plan this returns.
 *
 * - Tasks by key (lib/data/merge-task.ts): a timed copy (events recorded) beats an untimed one, and a timeline that
 *   goes on from the other copy's beats it (a later backup of the same browser); the most advanced platform state
 *   is kept; fields one copy lacks are filled from the other; edits are united (the later edit of a field wins by
 *   its date when figures are computed).
 * - An MTurk HIT is one task: its copy under its HIT id (an MTurk Suite HIT without assignment id) joins its
 *   assignment's record, stored or imported, and a stored one is deleted with its derived records; its approvals
 *   follow it (lib/data/hit-fold.ts).
 * - Approvals by task (and which of its money: reward or bonus); transfers as a multiset per (date, amount), the
 *   later of the two histories saying which of a day's transfers are paid out and which were undone (failed…);
 *   readings and cash-outs by time; stretches and bonus entries by their keys.
 * - Version 1's approval delays by platform and requester, each list a multiset (`mergeLegacyDelays`).
 */
/** What is already stored under the keys a backup names (and the other copies of the MTurk HITs it names). */
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
  /** The stored approvals of the HIT-keyed MTurk tasks among `tasks`: they follow them when they join another. */
  approvalsOf?: ReadonlyMap<string, Backup['approvals']>;
  /** Version 1's stored approval delays, by `legacyDelaysIdentity`. */
  legacyDelays?: ReadonlyMap<string, LegacyDelays>;
}

export type Counts = Record<MergeChange, number>;

export interface ImportPlan {
  tasks: Task[];
  stretches: Backup['stretches'];
  bonuses: Backup['bonuses'];
  readings: Backup['readings'];
  approvals: Backup['approvals'];
  /** Per platform, the whole merged history to write. */
  transfers: Backup['transfers'];
  /** Per platform and requester, version 1's whole merged delays to write (only those that gain a delay). */
  legacyDelays: Backup['legacyDelays'];
  /** Stored tasks joined to another (an MTurk HIT's copy under its HIT id): deleted, with what they derive. */
  removed: string[];
  /** The stored approvals of those tasks: deleted (the ones still wanted are in `approvals`, under their new task). */
  removedApprovals: Backup['approvals'];
  counts: Record<'tasks' | 'stretches' | 'bonuses' | 'readings' | 'approvals' | 'transfers' | 'legacyDelays', Counts>;
}

export const approvalIdentity = (platform: string, a: Approval) =>
  a.task ? `${platform}|${a.task}|${a.part ?? 'reward'}` : `${platform}|${json([a.at, a.seq ?? 0, a.currency, a.minor])}`;
export const stretchIdentity = (s: Backup['stretches'][number]) => json([s.platform, s.start.wall, s.start.mono]);
export const bonusIdentity = (b: Backup['bonuses'][number]) => json([b.entry.platform, b.entry.at, b.entry.currency, b.fromTotal]);
export const readingIdentity = (platform: string, at: number) => `${platform}|${at}`;
export const legacyDelaysIdentity = (l: Pick<LegacyDelaysEntry, 'platform' | 'requesterId'>) => json([l.platform, l.requesterId]);

/**
 * Version 1's delays of one requester, stored and imported, as one list; null when `incoming` adds none. A delay
 * has no date and no task: a sample is a value and how many times its list holds it (two approvals of a requester
 * may have taken the same time: two samples). So a list is a multiset, and the merge keeps each value as many
 * times as the list holding it most does: the same backup imported again, or this browser's own, adds nothing,
 * and two browsers migrated from the same version 1 give its list once. The list whose requester was last seen
 * earlier (`at`) comes first (version 1's order is oldest first, and only the last of them count), then the
 * other's extra samples in their order; `at` is the later one.
 */
export function mergeLegacyDelays(stored: LegacyDelays, incoming: LegacyDelays): LegacyDelays | null {
  const left = new Map<number, number>();
  for (const d of stored.delays) left.set(d, (left.get(d) ?? 0) + 1);
  if (incoming.delays.every((d) => {
    const n = left.get(d) ?? 0;
    left.set(d, n - 1);
    return n > 0;
  })) return null;
  const [first, then] = incoming.at < stored.at ? [incoming, stored] : [stored, incoming];
  const held = new Map<number, number>();
  for (const d of first.delays) held.set(d, (held.get(d) ?? 0) + 1);
  const extra = then.delays.filter((d) => {
    const n = held.get(d) ?? 0;
    held.set(d, n - 1);
    return n <= 0;
  });
  return { delays: [...first.delays, ...extra], at: Math.max(stored.at, incoming.at) };
}

/** An approval under the task its task joined (`moves`: from key to key), if it joined one. */
function followed({ platform, approval }: Backup['approvals'][number], moves: ReadonlyMap<string, string>): Backup['approvals'][number] {
  const to = approval.task === undefined ? undefined : moves.get(approval.task);
  return { platform, approval: to ? { ...approval, task: to } : approval };
}

/**
 * The approvals of stored tasks joined to another (an MTurk HIT's copy under its HIT id, lib/data/hit-fold.ts), under
 * the task that took them: a task's money keeps one approval, the first known (`kept`: the identities already
 * there, stored approvals first; those returned are added to it). The import's and the background writer's.
 */
export function followingApprovals(removed: Backup['approvals'], moves: ReadonlyMap<string, string>, kept: Set<string>): Backup['approvals'] {
  const moved: Backup['approvals'] = [];
  for (const a of removed.map((r) => followed(r, moves))) {
    const id = approvalIdentity(a.platform, a.approval);
    if (!kept.has(id)) moved.push(a);
    kept.add(id);
  }
  return moved;
}

const counts = (): Counts => ({ added: 0, duplicate: 0, updated: 0 });
const json = (x: unknown) => JSON.stringify(x);

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

/** Version 1's delays of `backup` merged with those stored (`mergeLegacyDelays`): the records that change. */
function planLegacyDelays(stored: ReadonlyMap<string, LegacyDelays>, backup: readonly LegacyDelaysEntry[], tally: Counts): LegacyDelaysEntry[] {
  const changed = new Map<string, LegacyDelaysEntry>();
  for (const entry of backup) {
    const id = legacyDelaysIdentity(entry);
    const known = changed.get(id) ?? stored.get(id);
    const merged = known ? mergeLegacyDelays(known, entry) : { delays: entry.delays, at: entry.at };
    if (!merged) tally.duplicate++;
    else {
      tally[known ? 'updated' : 'added']++;
      changed.set(id, { platform: entry.platform, requesterId: entry.requesterId, ...merged });
    }
  }
  return [...changed.values()];
}

/** `backup`'s `legacyDelays` may be left out (an MTurk Suite file, a test's parts): none. */
export function planImport(existing: Existing, backup: Omit<BackupParts, 'legacyDelays'> & Partial<Pick<BackupParts, 'legacyDelays'>>): ImportPlan {
  const c = {
    tasks: counts(), stretches: counts(), bonuses: counts(), readings: counts(), approvals: counts(), transfers: counts(), legacyDelays: counts(),
  };
  const { tasks, removed, moves } = planTasks(existing.tasks, backup.tasks as Task[], c.tasks);
  const removedApprovals = removed.flatMap((k) => existing.approvalsOf?.get(k) ?? []);
  const kept = new Set(existing.approvals);
  const moved = followingApprovals(removedApprovals, moves, kept);
  const following = (a: Backup['approvals'][number]) => followed(a, moves);
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
    tasks,
    stretches: fresh(backup.stretches, stretchIdentity, existing.stretchKeys, c.stretches),
    bonuses: fresh(backup.bonuses, bonusIdentity, existing.bonusKeys, c.bonuses),
    readings: fresh(backup.readings, (r) => readingIdentity(r.platform, r.reading.at), existing.readingTimes, c.readings),
    approvals: [...moved, ...fresh(backup.approvals.map(following), (a) => approvalIdentity(a.platform, a.approval), kept, c.approvals)],
    transfers,
    legacyDelays: planLegacyDelays(existing.legacyDelays ?? new Map(), backup.legacyDelays ?? [], c.legacyDelays),
    removed,
    removedApprovals,
    counts: c,
  };
}
