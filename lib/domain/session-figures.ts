/**
 * What a work session shows (DESIGN.md, "Work session"): its start and end, its tasks, the four time parts where
 * its stretches happened (plus the time of tasks still open, *in progress*), its earnings and its effective and
 * true rates. Pure: the background reads the period's per-day index, the rows of the tasks in it and the open
 * tasks' time so far, and passes them in.
 */
import { periodFigures, type ConversionSettings, type PeriodFigures } from './figures';
import { RATE_AFTER_MS } from './live';
import { hourlyRate } from './rate';
import { workSessions, type WorkStretch } from './sessions';
import { emptyTotals, type DayTotals, type SummaryTask } from './summary';
import type { Money } from './money';

/** A stretch of the per-day index: a task's (with its active and idle parts) or a platform's. */
export type SessionEntry = WorkStretch & { activeMs?: number; idleMs?: number };

/** What a session needs to know of a task: its row, with an open task's time so far. */
export interface SessionTaskInput {
  key: string;
  platform: string;
  title: string;
  status: SummaryTask['status'];
  activeMs: number;
  idleMs: number;
  reward: Money | null;
  bonus?: Money;
}

export interface SessionTask extends SessionTaskInput {
  /** Reward (with a bonus in the same currency) ÷ active time: paid tasks, and open ones so far; else null. */
  rate: Money | null;
}

export interface SessionView {
  start: number;
  end: number;
  platforms: string[];
  /** Tasks that reached an outcome in this session (the session of their last stretch). */
  tasksDone: number;
  /** Time where the stretches happened; the money of the tasks done in it (reward and bonus). */
  figures: PeriodFigures;
  /** The time so far (active and idle) of tasks still open: in no other part until their outcome. */
  inProgressMs: number;
  tasks: SessionTask[];
}

const PAID = new Set(['submitted', 'approved']);

/**
 * A task's own rate: its reward, with a bonus in the same currency, over its active time; an open task's only
 * after a minute of it (a rate from a few seconds means nothing: DESIGN.md, "Rates").
 */
export function taskRate(task: SessionTaskInput): Money | null {
  if (!task.reward || !(PAID.has(task.status) || task.status === 'open')) return null;
  if (task.status === 'open' && task.activeMs < RATE_AFTER_MS) return null;
  const bonus = task.bonus?.currency === task.reward.currency ? task.bonus.minor : 0;
  return hourlyRate({ minor: task.reward.minor + bonus, currency: task.reward.currency }, task.activeMs);
}

/**
 * The sessions that start in the period (`belongs(start)`), from every stretch read around it: the day before
 * (so that a session begun then is not cut in two) and the day after (so that one running past midnight ends).
 */
export function sessionViews(
  entries: readonly SessionEntry[],
  tasks: ReadonlyMap<string, SessionTaskInput>,
  settings: ConversionSettings & { gapMs: number },
  belongs: (start: number) => boolean,
): SessionView[] {
  const sessions = workSessions(entries, settings.gapMs);
  const ordered = entries.filter((e) => e.end > e.start).sort((a, b) => a.start - b.start);
  // Each stretch to its session (sessions are disjoint and in order; a stretch lies within one).
  const members = sessions.map(() => [] as SessionEntry[]);
  let s = 0;
  for (const entry of ordered) {
    while (s < sessions.length - 1 && entry.start > sessions[s]!.end) s++;
    members[s]!.push(entry);
  }
  // A task's outcome, and its money, belong to the session of its last stretch.
  const lastSession = new Map<string, number>();
  members.forEach((list, i) => list.forEach((e) => e.taskKey !== undefined && lastSession.set(e.taskKey, i)));
  const views: SessionView[] = [];
  sessions.forEach((session, i) => {
    if (!belongs(session.start)) return;
    const totals: DayTotals = emptyTotals();
    let inProgressMs = 0;
    for (const e of members[i]!) {
      if (e.taskKey === undefined) {
        totals.platformMs += e.end - e.start;
        continue;
      }
      const task = tasks.get(e.taskKey);
      const active = e.activeMs ?? e.end - e.start;
      const idle = e.idleMs ?? 0;
      if (!task || task.status === 'open') inProgressMs += active + idle;
      else {
        totals.idleMs += idle;
        if (PAID.has(task.status)) totals.paidActiveMs += active;
        else totals.unpaidActiveMs += active;
      }
    }
    let tasksDone = 0;
    for (const key of session.taskKeys) {
      const task = tasks.get(key);
      if (!task || task.status === 'open' || lastSession.get(key) !== i) continue;
      tasksDone++;
      if (PAID.has(task.status)) credit(totals, task);
    }
    totals.tasks = tasksDone;
    views.push({
      start: session.start,
      end: session.end,
      platforms: session.platforms,
      tasksDone,
      figures: periodFigures([totals], settings),
      inProgressMs,
      tasks: session.taskKeys.flatMap((key) => {
        const task = tasks.get(key);
        return task ? [{ ...task, rate: taskRate(task) }] : [];
      }),
    });
  });
  return views;
}

/** A paid task's money in the session's totals: earnings, and its effective rate's money and whole active time. */
function credit(totals: DayTotals, task: SessionTaskInput): void {
  for (const money of [task.reward, task.bonus]) {
    if (!money) continue;
    totals.earned[money.currency] = (totals.earned[money.currency] ?? 0) + money.minor;
    (totals.timedEarned ??= {})[money.currency] = (totals.timedEarned[money.currency] ?? 0) + money.minor;
  }
  // Its time counts once per currency it was paid in, as in the daily totals.
  for (const currency of new Set([task.reward?.currency, task.bonus?.currency])) {
    if (currency) (totals.timedPaidMs ??= {})[currency] = (totals.timedPaidMs[currency] ?? 0) + task.activeMs;
  }
}
