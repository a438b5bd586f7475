import type { TaskRow } from '../storage/task-store';
import { addMoney, type Money } from './money';
import { hourlyRate } from './rate';

/**
 * The history's list (issue 16): which rows a filter keeps and in what order, pure and in memory. The page
 * holds every task's compact row (a few hundred bytes each), so a filter or a sort over 100,000 of them is a
 * pass over an array (tens of ms), not a database query per keystroke.
 */
/** A status, or the tasks with no recorded time, those the worker added by hand, or deleted. */
export type OutcomeFilter = TaskRow['status'] | 'untimed' | 'byHand' | 'deleted';

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
    // A deleted task is in no list but the "deleted" one (it stays restorable there).
    if ((f.outcome === 'deleted') !== (row.deleted === true)) return false;
    if (f.outcome && f.outcome !== 'deleted' && !outcomeMatches(row, f.outcome)) return false;
    const day = row.day ?? today;
    if (f.from && day < f.from) return false;
    if (f.to && day > f.to) return false;
    return words.every((w) => haystack(row).includes(w));
  });
}

function outcomeMatches(row: TaskRow, outcome: OutcomeFilter): boolean {
  if (outcome === 'untimed') return row.untimed === true;
  if (outcome === 'byHand') return row.addedByHand === true;
  return row.status === outcome;
}

/** When the task happened, for the date order: its day, then its end (an open task, no day yet: newest). */
const dayOf = (row: TaskRow) => row.day ?? '9999-12-31';
const timeOf = (row: TaskRow) => row.endedAt ?? row.updatedAt;
const text = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A row with its sort values computed once (a sort of 100,000 rows compares each about 17 times). */
interface Keyed {
  row: TaskRow;
  /** The row's day's place in the order of days. */
  day: number;
  time: number;
  /** The sorted key's value: a number, a string, or a currency and an amount; null when the row has none. */
  value: number | string | [string, number] | null;
}

function valueOf(row: TaskRow, key: SortKey): Keyed['value'] {
  switch (key) {
    case 'date':
      return 0;
    case 'platform':
      return row.platform;
    case 'title':
      return row.title;
    case 'requester':
      return row.requesterName;
    case 'outcome':
      return row.status;
    case 'active':
      return row.activeMs;
    case 'reward':
      return row.reward ? [row.reward.currency, row.reward.minor] : null;
    case 'rate': {
      const rate = taskRate(row);
      return rate ? [rate.currency, rate.minor] : null;
    }
  }
}

function compareValues(a: NonNullable<Keyed['value']>, b: NonNullable<Keyed['value']>): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Titles and requesters arrive as their ranks (textRanks): numbers.
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  // Amounts by currency, then by size: never compared across currencies.
  const [ca, ma] = a as [string, number];
  const [cb, mb] = b as [string, number];
  return ca < cb ? -1 : ca > cb ? 1 : ma - mb;
}

/**
 * Each distinct text's place in the collator's order (texts it holds equal share one): a sort by title then
 * compares numbers. The collator runs over the distinct texts only, which are far fewer than the rows (batches of
 * one group share their title): 100,000 rows compared with the collator took 0.3–0.4 s (bench:data).
 */
function textRanks(texts: readonly string[]): Map<string, number> {
  const distinct = [...new Set(texts)].sort(text.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  distinct.forEach((t, i) => {
    if (i > 0 && text.compare(distinct[i - 1]!, t) !== 0) rank++;
    ranks.set(t, rank);
  });
  return ranks;
}

const byDate = (a: Keyed, b: Keyed) => a.day - b.day || a.time - b.time;

/**
 * Sorted by the key; rows without a value for it (no reward, no rate) last in either direction; ties by date
 * (newest first), then by task key, so that the order is the same every time. Filters keep this order, so the
 * page sorts all rows once per sort and a filter change is only a pass over them.
 */
export function sortRows(rows: readonly TaskRow[], sort: HistorySort): TaskRow[] {
  const sign = sort.descending ? -1 : 1;
  const ranked = sort.key === 'title' || sort.key === 'requester' ? textRanks(rows.map((row) => valueOf(row, sort.key) as string)) : null;
  // Days as their places among the distinct days (a few thousand at most): numbers compare faster than strings.
  const days = [...new Set(rows.map(dayOf))].sort();
  const dayRank = new Map(days.map((d, i) => [d, i]));
  const keyed: Keyed[] = rows.map((row) => {
    const value = valueOf(row, sort.key);
    return { row, day: dayRank.get(dayOf(row))!, time: timeOf(row), value: ranked ? ranked.get(value as string)! : value };
  });
  keyed.sort((a, b) => {
    if ((a.value === null) !== (b.value === null)) return a.value === null ? 1 : -1;
    const by = sort.key === 'date' ? byDate(a, b) : a.value === null || b.value === null ? 0 : compareValues(a.value, b.value);
    return sign * by || -byDate(a, b) || (a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0);
  });
  return keyed.map((k) => k.row);
}
