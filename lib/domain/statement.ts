import { addMoney, convertMoney, type ExchangeRate, type Money } from './money';
import { localDay } from './summary';

/**
 * The yearly statement (issue 17, item 5): per year and platform, what was approved and what was paid out, per
 * currency and in the display currency at the rate the worker sets for that year, with the number of tasks and
 * their hours — for the tax return micro-workers must file. Pure.
 *
 * - A task's money (reward and its own bonus) belongs to the year it was approved; where the approval date is
 *   unknown (first seen approved, imported, corrected by hand) to the year of its day.
 * - Bonus income not tied to a task belongs to the year of its day.
 * - Paid out belongs to the year of the transfer.
 * - Hours are the active time of the tasks whose money the year holds (untimed records have none).
 */
export interface StatementTask {
  platform: string;
  status: string;
  reward: Money | null;
  bonus?: Money;
  /** The local day the task's figures belong to (YYYY-MM-DD). */
  day?: string;
  activeMs: number;
  /** When Centime saw it become approved; absent when that date is unknown. */
  approvedAt?: number;
}

export interface StatementInput {
  tasks: readonly StatementTask[];
  /** Bonus income not tied to a task. */
  bonuses: readonly { platform: string; minor: number; currency: string; day?: string; at: number }[];
  transfers: readonly { platform: string; requestedDate: string; amount: Money }[];
}

export interface StatementLine {
  platform: string;
  /** Per currency, in code order. */
  approved: Money[];
  paidOut: Money[];
  tasks: number;
  activeMs: number;
}

export interface YearStatement {
  year: number;
  lines: StatementLine[];
  approved: Money[];
  paidOut: Money[];
  /** The totals in the display currency (every part converted at the year's rates); null where a rate is missing. */
  approvedInDisplay: Money | null;
  paidOutInDisplay: Money | null;
  /** Currencies with no rate to the display currency for this year. */
  missingRates: string[];
  tasks: number;
  activeMs: number;
}

const yearOfDay = (day: string | undefined) => (day ? Number(day.slice(0, 4)) : NaN);

function add(into: Map<string, Money>, money: Money): void {
  const known = into.get(money.currency);
  into.set(money.currency, known ? addMoney(known, money) : money);
}

const sorted = (m: Map<string, Money>) => [...m.values()].filter((x) => x.minor !== 0).sort((a, b) => a.currency.localeCompare(b.currency));

function inDisplay(parts: readonly Money[], display: string, rates: readonly ExchangeRate[], missing: Set<string>): Money | null {
  let total: Money = { minor: 0, currency: display };
  let complete = true;
  for (const part of parts) {
    const converted = convertMoney(part, display, rates);
    if (converted) total = addMoney(total, converted);
    else {
      missing.add(part.currency);
      complete = false;
    }
  }
  return complete ? total : null;
}

export function yearlyStatement(input: StatementInput, year: number, timeZone: string, display: string, rates: readonly ExchangeRate[]): YearStatement {
  const lines = new Map<string, { approved: Map<string, Money>; paidOut: Map<string, Money>; tasks: number; activeMs: number }>();
  const line = (platform: string) => {
    let l = lines.get(platform);
    if (!l) lines.set(platform, (l = { approved: new Map(), paidOut: new Map(), tasks: 0, activeMs: 0 }));
    return l;
  };
  for (const task of input.tasks) {
    // A reward the page never showed is no money, but a bonus paid on the task is.
    if (task.status !== 'approved' || (!task.reward && !task.bonus)) continue;
    const taskYear = task.approvedAt !== undefined ? Number(localDay(task.approvedAt, timeZone).slice(0, 4)) : yearOfDay(task.day);
    if (taskYear !== year) continue;
    const l = line(task.platform);
    if (task.reward) add(l.approved, task.reward);
    if (task.bonus) add(l.approved, task.bonus);
    l.tasks++;
    l.activeMs += task.activeMs;
  }
  for (const b of input.bonuses) {
    if (yearOfDay(b.day ?? localDay(b.at, timeZone)) === year) add(line(b.platform).approved, { minor: b.minor, currency: b.currency });
  }
  for (const t of input.transfers) {
    if (yearOfDay(t.requestedDate) === year) add(line(t.platform).paidOut, t.amount);
  }
  const approved = new Map<string, Money>();
  const paidOut = new Map<string, Money>();
  const out: StatementLine[] = [...lines.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([platform, l]) => {
    for (const m of l.approved.values()) add(approved, m);
    for (const m of l.paidOut.values()) add(paidOut, m);
    return { platform, approved: sorted(l.approved), paidOut: sorted(l.paidOut), tasks: l.tasks, activeMs: l.activeMs };
  });
  const missing = new Set<string>();
  const approvedList = sorted(approved);
  const paidOutList = sorted(paidOut);
  return {
    year, lines: out, approved: approvedList, paidOut: paidOutList,
    approvedInDisplay: inDisplay(approvedList, display, rates, missing),
    paidOutInDisplay: inDisplay(paidOutList, display, rates, missing),
    missingRates: [...missing].sort(),
    tasks: out.reduce((n, l) => n + l.tasks, 0),
    activeMs: out.reduce((n, l) => n + l.activeMs, 0),
  };
}
