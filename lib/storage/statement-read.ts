import type { StatementInput, StatementTask } from '../domain/statement';
import { localDay } from '../domain/summary';
import { allTransfers } from './backup-read';
import { database } from './database';
import { allApprovals, allBonuses } from './ledger-db';
import type { TaskRow } from './task-store';

/**
 * What the yearly statement reads (issue 17, item 5): the approved tasks' compact rows through the rows'
 * `status` index, the dated approvals (a task's money belongs to the year it was seen approved), bonus
 * entries and transfers. Reads only.
 */
export async function statementInput(): Promise<StatementInput> {
  const db = await database();
  const [rows, approvals, bonuses, transfers] = await Promise.all([
    db.getAllFromIndex('rows', 'status', 'approved') as Promise<TaskRow[]>,
    allApprovals(),
    allBonuses(),
    allTransfers(),
  ]);
  // The first dated approval of each task's reward: when Centime saw it go from pending to approved.
  const approvedAt = new Map<string, number>();
  for (const a of approvals) {
    if (!a.task || (a.part ?? 'reward') !== 'reward') continue;
    approvedAt.set(a.task, Math.min(a.at, approvedAt.get(a.task) ?? Infinity));
  }
  const tasks: StatementTask[] = rows
    .filter((row) => !row.deleted)
    .map((row) => {
      const at = approvedAt.get(row.key);
      return {
        platform: row.platform, status: row.status, reward: row.reward, activeMs: row.untimed ? 0 : row.activeMs,
        ...(row.bonus ? { bonus: row.bonus } : {}),
        ...(row.day ? { day: row.day } : {}),
        ...(at !== undefined ? { approvedAt: at } : {}),
      };
    });
  return {
    tasks,
    bonuses: bonuses.map((b) => ({ platform: b.platform, minor: b.minor, currency: b.currency, at: b.at, ...(b.day ? { day: b.day } : {}) })),
    transfers: transfers.flatMap((t) => t.transfers.map((x) => ({ platform: t.platform, requestedDate: x.requestedDate, amount: x.amount }))),
  };
}

/**
 * The years the statement can show: those of any record, newest first, with the current one. A task's money is
 * in the year it was approved (in the worker's time zone), which may be after the year of its day; bonus income
 * not tied to a task is in the year of its day.
 */
export function statementYears(input: StatementInput, currentYear: number, timeZone: string): number[] {
  const years = new Set<number>([currentYear]);
  for (const t of input.tasks) {
    if (t.day) years.add(Number(t.day.slice(0, 4)));
    if (t.approvedAt !== undefined) years.add(Number(localDay(t.approvedAt, timeZone).slice(0, 4)));
  }
  for (const b of input.bonuses) years.add(Number((b.day ?? localDay(b.at, timeZone)).slice(0, 4)));
  for (const t of input.transfers) years.add(Number(t.requestedDate.slice(0, 4)));
  return [...years].filter(Number.isInteger).sort((a, b) => b - a);
}
