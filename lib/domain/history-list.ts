import type { TaskRow } from '../storage/task-store';
import { addMoney, type Money } from './money';
import { hourlyRate } from './rate';

/**
 * The history's list (issue 16): which rows a filter keeps and in what order, pure and in memory. The page
 * holds every task's compact row (a few hundred bytes each), so a filter or a sort over 100,000 of them is a
 * pass over an array (tens of ms), not a database query per keystroke.
 */
export type OutcomeFilter = TaskRow['status'] | 'untimed';

export interface HistoryFilter {
  platform?: string;
  /** A row's `requester` (its id where known, else its name). */
  requester?: string;
  outcome?: OutcomeFilter;
  /** Days from and to, YYYY-MM-DD, inclusive. An open task (no day yet) is today's. */
  from?: string;
  to?: string;
  /** Words in the title, requester name or id, or the task's ids (any case). */
  text?: string;
}

export type SortKey = 'date' | 'platform' | 'title' | 'requester' | 'reward' | 'active' | 'rate' | 'outcome';
export interface HistorySort {
  key: SortKey;
  descending: boolean;
}

export const DEFAULT_SORT: HistorySort = { key: 'date', descending: true };

const PAID = new Set<TaskRow['status']>(['submitted', 'approved']);
const rates = new WeakMap<TaskRow, Money | null>();

/**
 * The task's effective rate (DESIGN.md, "Rates"): reward and bonus of a timed, submitted, non-rejected task over
 * its active time. Untimed, open, returned, expired and rejected tasks have none.
 */
export function taskRate(row: TaskRow): Money | null {
  let rate = rates.get(row);
  if (rate !== undefined) return rate;
  rate = null;
  if (!row.untimed && PAID.has(row.status) && row.reward && row.activeMs > 0) {
    // A bonus in another currency never mixes with the reward (money is never summed across currencies).
    const earned = row.bonus && row.bonus.currency === row.reward.currency ? addMoney(row.reward, row.bonus) : row.reward;
    rate = hourlyRate(earned, row.activeMs);
  }
  rates.set(row, rate);
  return rate;
}

const haystacks = new WeakMap<TaskRow, string>();
function haystack(row: TaskRow): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    text = [row.title, row.requesterName, row.requesterId, row.taskId, row.hitId, row.groupId].filter(Boolean).join('\n').toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

export function filterRows(rows: readonly TaskRow[], f: HistoryFilter, today: string): TaskRow[] {
  const words = (f.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (f.platform && row.platform !== f.platform) return false;
    if (f.requester && row.requester !== f.requester) return false;
    if (f.outcome && (f.outcome === 'untimed' ? !row.untimed : row.status !== f.outcome)) return false;
    const day = row.day ?? today;
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    return words.every((w) => haystack(row).includes(w));
  });
}

/** When the task happened, for the date order: its day, then its end (an open task: its last activity). */
const when = (row: TaskRow): [string, number] => [row.day ?? '9999-12-31', row.endedAt ?? row.updatedAt];
const text = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(a: TaskRow, b: TaskRow, key: SortKey): number {
  switch (key) {
    case 'date': {
      const [da, ta] = when(a);
      const [db, tb] = when(b);
      return da < db ? -1 : da > db ? 1 : ta - tb;
    }
    case 'platform':
      return a.platform.localeCompare(b.platform);
    case 'title':
      return text.compare(a.title, b.title);
    case 'requester':
      return text.compare(a.requesterName, b.requesterName);
    case 'outcome':
      return a.status.localeCompare(b.status);
    case 'active':
      return a.activeMs - b.activeMs;
    case 'reward':
      return moneyOrder(a.reward, b.reward);
    case 'rate':
      return moneyOrder(taskRate(a), taskRate(b));
  }
}

/** Amounts by currency, then by size (never compared across currencies); none comes apart (see sortRows). */
function moneyOrder(a: Money | null, b: Money | null): number {
  if (!a || !b) return 0;
  return a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.minor - b.minor;
}

/** Rows without a value for the key (no reward, no rate) come last in either direction. */
function hasValue(row: TaskRow, key: SortKey): boolean {
  if (key === 'reward') return row.reward !== null;
  if (key === 'rate') return taskRate(row) !== null;
  return true;
}

/** Sorted by the key, ties by date (newest first) then task key, so that the order is the same every time. */
export function sortRows(rows: readonly TaskRow[], sort: HistorySort): TaskRow[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = hasValue(a, sort.key);
    const vb = hasValue(b, sort.key);
    if (va !== vb) return va ? -1 : 1;
    return sign * compare(a, b, sort.key) || -compare(a, b, 'date') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
}
