import type { Money } from './money';

/** A task's details a page may fail to give (issue 19). */
export type TaskDetail = 'title' | 'reward' | 'requester';

interface Details {
  title: string;
  requesterName: string;
  reward: Money | null;
  missing?: TaskDetail[];
}

/**
 * What a task record says once a page of it was read again: the page's details, except those it could not read,
 * which keep what was known (an earlier page, a status row, the worker); `missing` names what is still unknown,
 * and is absent once nothing is.
 */
export function mergeDetails<T extends Details>(old: Details | undefined, seen: T): T {
  const merged: T = { ...seen };
  delete merged.missing;
  const lacks = new Set(seen.missing ?? []);
  if (old && lacks.has('title') && old.title) merged.title = old.title;
  if (old && lacks.has('requester') && old.requesterName) merged.requesterName = old.requesterName;
  if (old && lacks.has('reward') && old.reward) merged.reward = old.reward;
  const still = stillMissing(merged, [...lacks]);
  if (still.length) merged.missing = still;
  return merged;
}

/**
 * Fills the missing details from another source (a status row, a queue row): only those missing, only with
 * values it has. Null when it fills nothing.
 */
export function fillDetails<T extends Details>(record: T, from: Partial<Pick<Details, 'title' | 'requesterName' | 'reward'>>): T | null {
  const lacks = record.missing ?? [];
  if (lacks.length === 0) return null;
  const next: T = { ...record };
  if (lacks.includes('title') && from.title) next.title = from.title;
  if (lacks.includes('requester') && from.requesterName) next.requesterName = from.requesterName;
  if (lacks.includes('reward') && from.reward) next.reward = from.reward;
  const still = stillMissing(next, lacks);
  if (still.length === lacks.length) return null;
  delete next.missing;
  if (still.length) next.missing = still;
  return next;
}

function stillMissing(d: Details, among: TaskDetail[]): TaskDetail[] {
  const empty: Record<TaskDetail, boolean> = { title: !d.title, requester: !d.requesterName, reward: !d.reward };
  return among.filter((k) => empty[k]);
}
