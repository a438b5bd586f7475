/**
 * The history page's figures per day, week or month (DESIGN.md, "Rates"): the days' totals grouped into periods
 * and passed through `periodFigures` as the popup's are, with each period's rejections (rejected ÷ decided tasks,
 * by the day the tasks were counted under) and its approval delays (the median of the delays of the approvals
 * dated in it, of at least 3, as expected payment dates use). Pure: the reads are passed in.
 */
import { periodFigures, sumTotals, type ConversionSettings, type PeriodFigures } from './figures';
import { medianDelay } from './ledger';
import { addDays, periodDays, type PeriodKind, type Weekday } from './periods';
import { localDay, type Aggregates, type DayTotals } from './summary';
import { addTo } from './group';

export type Grouping = PeriodKind;

/** What the history's figures are asked for: local days from and to (inclusive), grouped by day, week or month. */
export interface FiguresQuery {
  from: string;
  to: string;
  grouping: Grouping;
  /** The first day of the week where the worker lives (`firstDayOfWeek(locale)`). */
  firstDay: Weekday;
}

/** Rejections among decided tasks (approved or rejected; those still pending are in neither). */
export interface Decisions {
  decided: number;
  rejected: number;
  /** rejected ÷ decided; null with nothing decided. */
  rejectionRate: number | null;
}

export interface Delays {
  /** How many approvals with a known delay (a timed reward, submitted and seen approved here). */
  count: number;
  /** Their median (ms), of at least 3; else null. */
  medianMs: number | null;
}

export interface GroupFigures extends Decisions {
  /** The group's first and last day within the query (a week or month cut by the range is shown cut). */
  from: string;
  to: string;
  figures: PeriodFigures;
  tasksDone: number;
  delays: Delays;
}

/** What a decision needs of a task row. */
export interface DecidedRow {
  status: string;
  day?: string;
}

/** What an approval delay needs of an approval. */
export interface DatedApproval {
  at: number;
  submittedAt?: number;
}

/** The daily totals (`<day>|<platform>` keys) of each day. */
export function totalsByDay(aggregates: Aggregates): Map<string, DayTotals[]> {
  const byDay = new Map<string, DayTotals[]>();
  for (const [key, totals] of Object.entries(aggregates)) {
    const day = key.split('|')[0]!;
    addTo(byDay, day, totals);
  }
  return byDay;
}

export function decisions(rows: readonly DecidedRow[]): Decisions {
  const rejected = rows.filter((r) => r.status === 'rejected').length;
  const decided = rejected + rows.filter((r) => r.status === 'approved').length;
  return { decided, rejected, rejectionRate: decided ? rejected / decided : null };
}

export function delays(approvals: readonly DatedApproval[]): Delays {
  const ms = approvals.flatMap((a) => (a.submittedAt === undefined ? [] : [Math.max(0, a.at - a.submittedAt)]));
  return { count: ms.length, medianMs: medianDelay(ms) };
}

/** The group (its first day) a day falls in. */
export const groupOf = (day: string, q: Pick<FiguresQuery, 'grouping' | 'firstDay'>): string => periodDays(q.grouping, day, q.firstDay).from;

/**
 * Each group of the query's range with anything in it, in order: its figures from its days' totals, its tasks'
 * decisions, and the delays of the approvals dated in it (`timeZone`: the local day of an approval).
 */
export function groupFigures(
  q: FiguresQuery,
  data: { aggregates: Aggregates; rows: readonly DecidedRow[]; approvals: readonly DatedApproval[] },
  settings: ConversionSettings,
  timeZone: string,
): GroupFigures[] {
  const groups = new Map<string, { totals: DayTotals[]; rows: DecidedRow[]; approvals: DatedApproval[] }>();
  const group = (day: string) => {
    const key = groupOf(day, q);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { totals: [], rows: [], approvals: [] }));
    return g;
  };
  const inRange = (day: string | undefined): day is string => day !== undefined && day >= q.from && day <= q.to;
  for (const [day, list] of totalsByDay(data.aggregates)) if (inRange(day)) group(day).totals.push(...list);
  for (const row of data.rows) if (inRange(row.day)) group(row.day).rows.push(row);
  for (const a of data.approvals) {
    const day = localDay(a.at, timeZone);
    if (inRange(day)) group(day).approvals.push(a);
  }
  return [...groups.keys()].sort().map((key) => {
    const g = groups.get(key)!;
    const { to } = periodDays(q.grouping, key, q.firstDay);
    const totals = sumTotals(g.totals);
    return {
      from: key < q.from ? q.from : key,
      to: to > q.to ? q.to : to,
      figures: periodFigures([totals], settings),
      tasksDone: totals.tasks,
      ...decisions(g.rows),
      delays: delays(g.approvals),
    };
  });
}

/** The whole range as one: its figures, decisions and delays (the tables' last row). */
export function totalFigures(
  q: FiguresQuery,
  data: { aggregates: Aggregates; rows: readonly DecidedRow[]; approvals: readonly DatedApproval[] },
  settings: ConversionSettings,
): GroupFigures | null {
  const totals = Object.entries(data.aggregates).flatMap(([key, t]) => {
    const day = key.split('|')[0]!;
    return day >= q.from && day <= q.to ? [t] : [];
  });
  if (totals.length === 0 && data.rows.length === 0 && data.approvals.length === 0) return null;
  const sum = sumTotals(totals);
  return {
    from: q.from,
    to: q.to,
    figures: periodFigures([sum], settings),
    tasksDone: sum.tasks,
    ...decisions(data.rows),
    delays: delays(data.approvals),
  };
}

/** Every group of the range, in order, those with nothing in them as empty (a chart's axis has no holes). */
export function everyGroup(q: FiguresQuery, groups: readonly GroupFigures[], settings: ConversionSettings): { from: string; figures: PeriodFigures }[] {
  const found = new Map(groups.map((g) => [groupOf(g.from, q), g]));
  const result: { from: string; figures: PeriodFigures }[] = [];
  for (let start = groupOf(q.from, q); start <= q.to; start = addDays(periodDays(q.grouping, start, q.firstDay).to, 1)) {
    const g = found.get(start);
    result.push({ from: g?.from ?? (start < q.from ? q.from : start), figures: g?.figures ?? periodFigures([], settings) });
  }
  return result;
}
