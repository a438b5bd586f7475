/**
 * The history page's per-requester figures (DESIGN.md, "Rates" and "Outcomes and money"): for each requester of
 * the tasks counted in a range of days, its earnings, paid and unpaid active time and effective rate (each task
 * contributing as it does to the daily totals, `taskContribution`), how often it rejects (rejected ÷ decided
 * tasks) and how fast it pays (the median delay of its approvals dated in the range, of at least 3). Pure.
 */
import { periodFigures, type ConversionSettings, type PeriodFigures } from './figures';
import { decisions, delays, type DatedApproval, type Decisions, type Delays } from './history-figures';
import type { Money } from './money';
import { applyContribution, emptyTotals, taskContribution, type Aggregates, type SummaryTask } from './summary';
import { addTo } from './group';

/** What a requester's figures need of a task row (lib/storage/task-store.ts's `TaskRow`). */
export interface RequesterRow {
  platform: string;
  requesterName: string;
  requesterId?: string;
  /** The id where known, else the name. */
  requester: string;
  status: SummaryTask['status'];
  reward: Money | null;
  bonus?: Money;
  activeMs: number;
  idleMs: number;
  day?: string;
  endedAt?: number;
  untimed?: boolean;
}

export interface RequesterFigures extends Decisions {
  platform: string;
  /** The requester's id where known, else its name (as the rows' requester index keys it). */
  requester: string;
  /** The name of its latest task in the range, as the page gave it (text, never markup). */
  name: string;
  tasks: number;
  figures: PeriodFigures;
  delays: Delays;
}

/** An approval with the platform and requester it came from (the approvals store's records). */
export type RequesterApproval = DatedApproval & { platform: string; requesterId?: string };

/** Per requester, the most tasks first (then by name): the rows counted in the range and its approvals dated in it. */
export function requesterFigures(
  rows: readonly RequesterRow[],
  approvals: readonly RequesterApproval[],
  settings: ConversionSettings,
): RequesterFigures[] {
  const groups = new Map<string, RequesterRow[]>();
  for (const row of rows) {
    if (row.status === 'open') continue;
    const key = JSON.stringify([row.platform, row.requester]);
    addTo(groups, key, row);
  }
  const approvalsOf = new Map<string, RequesterApproval[]>();
  for (const a of approvals) {
    if (a.requesterId === undefined) continue;
    const key = JSON.stringify([a.platform, a.requesterId]);
    addTo(approvalsOf, key, a);
  }
  const result = [...groups.values()].map((list) => {
    const first = list[0]!;
    const sum: Aggregates = {};
    for (const row of list) {
      // A row's day is the one it was counted under: the time zone is never needed to place it.
      const c = taskContribution({ ...row, endedAt: row.endedAt ?? 0 }, 'UTC');
      if (c) applyContribution(sum, { key: 'requester', totals: c.totals }, 1);
    }
    const latest = list.reduce((a, b) => ((b.endedAt ?? 0) > (a.endedAt ?? 0) ? b : a));
    const id = list.find((r) => r.requesterId)?.requesterId;
    return {
      platform: first.platform,
      requester: first.requester,
      name: latest.requesterName,
      tasks: list.length,
      figures: periodFigures([sum['requester'] ?? emptyTotals()], settings),
      ...decisions(list),
      delays: delays(id === undefined ? [] : (approvalsOf.get(JSON.stringify([first.platform, id])) ?? [])),
    };
  });
  return result.sort((a, b) => b.tasks - a.tasks || a.name.localeCompare(b.name));
}
