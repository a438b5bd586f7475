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

/**
 * When the task ended, where that instant is known. A record that carries only a date (untimed: a status row or
 * an import; added by hand) is stored as ending at a placeholder, its day's noon (Pacific for MTurk's dates), so
 * that it sorts within its day: that is no time the task ended, and in a far time zone not even its day.
 */
export function knownEnd(row: Pick<TaskRow, 'endedAt' | 'untimed' | 'addedByHand'>): number | undefined {
  return row.untimed || row.addedByHand ? undefined : row.endedAt;
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

/**
 * The words the list shows for a platform and an outcome (the worker's names for custom sites, the outcome in the
 * worker's language): a sort by those columns follows what the worker reads, not the ids behind it.
 */
export interface SortLabels {
  platform(id: string): string;
  outcome(status: TaskRow['status']): string;
}

/** The text a row is sorted by (platform id, title, requester, status); undefined for the other keys. */
function textOf(row: TaskRow, key: SortKey): string | undefined {
  if (key === 'platform') return row.platform;
  if (key === 'title') return row.title;
  if (key === 'requester') return row.requesterName;
  if (key === 'outcome') return row.status;
  return undefined;
}

/** Each distinct id's place in the collator's order of its label (ids whose labels it holds equal share one). */
function labelRanks(ids: ReadonlySet<string>, label: (id: string) => string): Map<string, number> {
  const labelled = new Map([...ids].map((id) => [id, label(id)]));
  const ranks = textRanks(new Set(labelled.values()));
  return new Map([...labelled].map(([id, l]) => [id, ranks.get(l)!]));
}

/** The amount a row is sorted by (reward, rate): null when it has none; undefined for the other keys. */
function amountOf(row: TaskRow, key: SortKey): Money | null | undefined {
  if (key === 'reward') return row.reward ?? null;
  if (key === 'rate') return taskRate(row);
  return undefined;
}

/** Each distinct string's place in code-unit order (what `<` compares): platforms, outcomes, currencies. */
function codeRanks(values: ReadonlySet<string>): Map<string, number> {
  return new Map([...values].sort().map((v, i) => [v, i]));
}

/**
 * Each distinct text's place in the collator's order (texts it holds equal share one): a sort by title then
 * compares numbers. The collator runs over the distinct texts only, which are far fewer than the rows (batches of
 * one group share their title): 100,000 rows compared with the collator took 0.3–0.4 s (bench:data).
 */
function textRanks(texts: ReadonlySet<string>): Map<string, number> {
  const distinct = [...texts].sort(text.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  distinct.forEach((t, i) => {
    if (i > 0 && text.compare(distinct[i - 1]!, t) !== 0) rank++;
    ranks.set(t, rank);
  });
  return ranks;
}

/** Each row's date (its day's place among the days, its time) and its place in the tie order. */
interface TieOrder {
  day: Float64Array;
  time: Float64Array;
  /** The rows' numbers, newest date first, then by key: the order of ties in every sort. */
  order: Uint32Array;
  /** Each row's place in `order`. */
  place: Uint32Array;
}

/**
 * Per list of rows, made once: lists are replaced, never changed in place (the page's memo of its sorted list
 * relies on that too). The first sort of a list (the page's own, newest first) makes it; each sort change after
 * compares the key, then two numbers (docs/page-cost.md, change 15).
 */
const tieOrders = new WeakMap<readonly TaskRow[], TieOrder>();

function tieOrderOf(rows: readonly TaskRow[]): TieOrder {
  const known = tieOrders.get(rows);
  if (known) return known;
  const n = rows.length;
  // Days as their places among the distinct days (a few thousand at most): numbers compare faster than strings.
  const dayRank = codeRanks(new Set(rows.map(dayOf)));
  const day = new Float64Array(n);
  const time = new Float64Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    order[i] = i;
    day[i] = dayRank.get(dayOf(row))!;
    time[i] = timeOf(row);
  }
  order.sort((a, b) => {
    const by = day[b]! - day[a]! || time[b]! - time[a]!;
    if (by) return by;
    const key = rows[a]!.key;
    const other = rows[b]!.key;
    return key < other ? -1 : key > other ? 1 : 0;
  });
  const place = new Uint32Array(n);
  for (let j = 0; j < n; j++) place[order[j]!] = j;
  const made = { day, time, order, place };
  tieOrders.set(rows, made);
  return made;
}

/**
 * Sorted by the key (platforms and outcomes by `labels`, the words the list shows, when given); rows without a
 * value for it (no reward, no rate) last in either direction; ties by date
 * (newest first), then by task key, so that the order is the same every time. Filters keep this order, so the
 * page sorts all rows once per sort and a filter change is only a pass over them.
 *
 * The values compared live in typed arrays and the sort moves row numbers: with 100,000 rows, an object per row
 * (and an array per amount) held for the sort's duration outlived the young generation, ~7 MB of garbage per sort
 * for a major collection later (a pause of ~100 ms showed in a profile of the history's scroll after sorts; issue
 * 18, docs/page-cost.md, change 13). The dates and the tie order are the list's, made once (`tieOrderOf`).
 */
export function sortRows(rows: readonly TaskRow[], sort: HistorySort, labels?: SortLabels): TaskRow[] {
  const n = rows.length;
  const ties = tieOrderOf(rows);
  const sorted = new Array<TaskRow>(n);
  // Newest first is the tie order itself.
  if (sort.key === 'date' && sort.descending) {
    for (let j = 0; j < n; j++) sorted[j] = rows[ties.order[j]!]!;
    return sorted;
  }
  const sign = sort.descending ? -1 : 1;
  // The distinct texts and currencies first (a few thousand at most), ranked once.
  const distinctTexts = new Set<string>();
  const distinctCurrencies = new Set<string>();
  if (sort.key !== 'date' && sort.key !== 'active') {
    for (const row of rows) {
      const t = textOf(row, sort.key);
      if (t !== undefined) distinctTexts.add(t);
      const amount = amountOf(row, sort.key);
      if (amount) distinctCurrencies.add(amount.currency);
    }
  }
  // Words in the collator's order: titles, requesters, and platforms and outcomes by their labels when given
  // (the ids alone, in code order).
  const texts =
    sort.key === 'title' || sort.key === 'requester' ? textRanks(distinctTexts)
    : labels && sort.key === 'platform' ? labelRanks(distinctTexts, (id) => labels.platform(id))
    : labels && sort.key === 'outcome' ? labelRanks(distinctTexts, (id) => labels.outcome(id as TaskRow['status']))
    : codeRanks(distinctTexts);
  const currencies = codeRanks(distinctCurrencies);
  const major = new Float64Array(n);
  const minor = new Float64Array(n);
  const none = new Uint8Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    order[i] = i;
    if (sort.key === 'date') continue;
    if (sort.key === 'active') {
      minor[i] = row.activeMs;
      continue;
    }
    const t = textOf(row, sort.key);
    const amount = amountOf(row, sort.key);
    if (t !== undefined) minor[i] = texts.get(t)!;
    else if (amount === null) none[i] = 1;
    else if (amount) {
      major[i] = currencies.get(amount.currency)!;
      minor[i] = amount.minor;
    }
  }
  const { day, time, place } = ties;
  const byValue = sort.key === 'date'
    ? (a: number, b: number) => day[a]! - day[b]! || time[a]! - time[b]!
    : (a: number, b: number) => major[a]! - major[b]! || minor[a]! - minor[b]!;
  order.sort((a, b) => {
    if (none[a] !== none[b]) return none[a] ? 1 : -1;
    const by = none[a] ? 0 : byValue(a, b);
    return by ? sign * by : place[a]! - place[b]!;
  });
  for (let i = 0; i < n; i++) sorted[i] = rows[order[i]!]!;
  return sorted;
}
