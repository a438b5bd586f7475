import type { ConversionSettings } from '../domain/figures';
import { chartSeries, type ChartSeries } from '../domain/history-chart';
import { everyGroup, groupFigures, totalFigures, type FiguresQuery, type GroupFigures } from '../domain/history-figures';
import { requesterFigures, type RequesterFigures } from '../domain/requester-figures';
import type { SessionView } from '../domain/session-figures';
import { dayStart, nextDay } from '../domain/summary';
import type { Stamp } from '../domain/task-timer';
import { aggregatesBetween } from './history-db';
import { approvalsBetween, openWork, rowsBetween, sessionsBetween } from './history-figures-read';
import type { Approval } from './ledger-db';
import { getRows } from './rows-db';
import type { Settings } from './schemas';

/** Everything the history's "Figures" tab shows for one query. */
export interface HistoryFigures {
  query: FiguresQuery;
  /** Each day, week or month of the range with anything in it, in order. */
  groups: GroupFigures[];
  /** The range as a whole; null when nothing is recorded in it. */
  total: GroupFigures | null;
  /** Time so far of tasks still open, when the range holds today: in no part until their outcome. */
  inProgressMs: number;
  /** The work sessions that start in the range, in time order. */
  sessions: SessionView[];
  /** Per requester of the tasks counted in the range, the most tasks first. */
  requesters: RequesterFigures[];
  /** The charts' series, one point per group of the range. */
  chart: ChartSeries;
  /** The display currency and exchange rates the figures were converted with (the tables mark what was). */
  conversion: ConversionSettings;
}

export interface FiguresDeps {
  /** Now (wall and monotonic, as the tracker stamps it): the open tasks' time so far. */
  now: Stamp;
  /** The worker's local day today, and their time zone. */
  today: string;
  timeZone: string;
  settings: Settings;
}

/**
 * Reads the range's daily totals (`days`), the rows counted in it (the rows' `day` index), the approvals dated in
 * it, the stretches of its sessions (the day index) and the open tasks, then computes the figures. Read-only; the
 * reads grow with the range, never with the whole history.
 */
export async function loadHistoryFigures(query: FiguresQuery, deps: FiguresDeps): Promise<HistoryFigures> {
  const { from, to } = query;
  const { timeZone, settings } = deps;
  const [aggregates, rows, approvals, open] = await Promise.all([
    aggregatesBetween(from, to),
    // A deleted task's row stays (the list's "deleted" filter) but is in no figure: not its requester's, not a
    // rejection rate's (DESIGN.md, corrections; the daily totals already leave it out).
    rowsBetween(from, to).then((list) => list.filter((row) => !row.deleted)),
    approvalsBetween(dayStart(from, timeZone), dayStart(nextDay(to), timeZone)).then(asCorrected),
    openWork(deps.now),
  ]);
  const gapMs = settings.sessionGapMin * 60_000;
  const sessions = await sessionsBetween(from, to, timeZone, { ...settings, gapMs }, open);
  const data = { aggregates, rows, approvals };
  const groups = groupFigures(query, data, settings, timeZone);
  return {
    query,
    groups,
    total: totalFigures(query, data, settings),
    inProgressMs: from <= deps.today && deps.today <= to ? open.inProgressMs : 0,
    sessions,
    requesters: requesterFigures(rows, approvals, settings),
    chart: chartSeries(everyGroup(query, groups, settings), settings),
    conversion: { displayCurrency: settings.displayCurrency, exchangeRates: settings.exchangeRates },
  };
}

/**
 * The approvals as their tasks' corrections make them: the approvals store keeps what was recorded when the
 * platform approved, but a deleted task is in no figure (not in an approval delay either), and a task whose
 * requester the worker corrected tells how fast the corrected requester pays, not the one first recorded.
 */
async function asCorrected<A extends Approval & { platform: string }>(approvals: A[]): Promise<A[]> {
  // Only a timed reward's approval has a delay (`submittedAt`): only its task's row is read.
  const keys = [...new Set(approvals.flatMap((a) => (a.task === undefined || a.submittedAt === undefined ? [] : [a.task])))];
  const rows = new Map((await getRows(keys)).map((row) => [row.key, row]));
  return approvals.flatMap((a) => {
    const row = a.task === undefined || a.submittedAt === undefined ? undefined : rows.get(a.task);
    if (!row) return [a];
    if (row.deleted) return [];
    if (a.requesterId === undefined || a.requesterId === row.requesterId) return [a];
    const { requesterId: _recorded, ...rest } = a;
    return [(row.requesterId ? { ...rest, requesterId: row.requesterId } : rest) as A];
  });
}
