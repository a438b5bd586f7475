import { elapsed, type Stamp } from '../domain/task-timer';
import { periodFigures, sumTotals } from '../domain/figures';
import { periodDays, type PeriodKind, type Weekday } from '../domain/periods';
import { sessionViews, type SessionEntry, type SessionTaskInput, type SessionView } from '../domain/session-figures';
import { dayStart, emptyTotals, nextDay, type DayTotals } from '../domain/summary';
import { frontStretches } from '../domain/work-stretches';
import type { PeriodView } from '../messaging';
import { aggregatesBetween, entriesEnding, getTasks, openTaskKeys, taskKey } from '../storage/history-db';
import { getRows } from '../storage/rows-db';
import type { Settings, TaskRecord } from '../storage/schemas';

/** What a period needs of the tracker: now, and the platform page being worked on (its stretch still open). */
export interface PeriodDeps {
  now: Stamp;
  today: string;
  timeZone: string;
  settings: Settings;
  openPlatform: { platform: string; since: Stamp } | null;
}

/**
 * Today, this week or this month (DESIGN.md, "Work session" and "Rates"): the figures from the days' aggregates,
 * the sessions from the per-day index around the period, the rows of the tasks in them, and the open tasks' time
 * so far. Reads grow with the period, never with the history.
 */
export async function periodView(kind: PeriodKind, firstDay: Weekday, deps: PeriodDeps): Promise<PeriodView> {
  const { now, today, timeZone, settings } = deps;
  const { from, to } = periodDays(kind, today, firstDay);
  const byDay = new Map<string, DayTotals[]>();
  for (const [key, totals] of Object.entries(await aggregatesBetween(from, to))) {
    const day = key.split('|')[0]!;
    byDay.set(day, [...(byDay.get(day) ?? []), totals]);
  }

  // Open tasks: their time so far is today's (in progress), their stretch under way is in no index yet.
  const open = await getTasks(await openTaskKeys());
  const live = new Map<string, SessionTaskInput>();
  const entries: SessionEntry[] = [];
  let inProgressMs = 0;
  for (const task of open) {
    const key = taskKey(task.platform, task.taskId);
    const stretches = frontStretches(task.events, now);
    const running = stretches.find((s) => s.open);
    if (running) entries.push({ start: running.start, end: running.end, platform: task.platform, taskKey: key, activeMs: running.activeMs, idleMs: running.idleMs });
    const activeMs = stretches.reduce((sum, s) => sum + s.activeMs, 0);
    const idleMs = stretches.reduce((sum, s) => sum + s.idleMs, 0);
    live.set(key, inputOf(task, key, activeMs, idleMs));
    inProgressMs += activeMs + idleMs;
  }
  // What is under way belongs to today: in a past period it is in no part.
  const includesToday = from <= today && today <= to;
  if (!includesToday) inProgressMs = 0;
  if (deps.openPlatform) {
    // The platform page worked on now: platform time of today (its day once recorded), in the period and its day.
    const ms = elapsed(deps.openPlatform.since, now);
    entries.push({ start: deps.openPlatform.since.wall, end: deps.openPlatform.since.wall + ms, platform: deps.openPlatform.platform });
    if (includesToday && ms > 0) byDay.set(today, [...(byDay.get(today) ?? []), { ...emptyTotals(), platformMs: ms }]);
  }
  const days = [...byDay.keys()].sort().map((day) => {
    const totals = sumTotals(byDay.get(day)!);
    return { day, figures: periodFigures([totals], settings), tasksDone: totals.tasks };
  });
  const all = sumTotals([...byDay.values()].flat());

  const gapMs = settings.sessionGapMin * 60_000;
  entries.push(...(await stretchesAround(dayStart(from, timeZone), entries, gapMs)));
  const keys = [...new Set(entries.flatMap((e) => (e.taskKey !== undefined && !live.has(e.taskKey) ? [e.taskKey] : [])))];
  const tasks = new Map(live);
  for (const row of await getRows(keys)) tasks.set(row.key, inputOf(row, row.key, row.activeMs, row.idleMs));
  const [start, end] = [dayStart(from, timeZone), dayStart(nextDay(to), timeZone)];
  const sessions = sessionViews(entries, tasks, { ...settings, gapMs }, (at) => at >= start && at < end);

  const figures = days.length ? periodFigures([all], settings) : null;
  return {
    kind, from, to, figures, tasksDone: all.tasks, inProgressMs, days, sessions,
    crossesMidnight: partsDiffer(sessions, figures?.time ?? { paidActiveMs: 0, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 }, inProgressMs),
  };
}

/**
 * The recorded stretches a period's sessions are made of: every one that ends after the period begins (a period
 * always holds today, so that is up to now), and before them, back as far as a session begun earlier reaches (a
 * manual timer left running over a weekend): a session is maximal, and belongs to the day it starts (DESIGN.md).
 * `live` are the stretches under way, not recorded yet: they may reach back too.
 */
async function stretchesAround(periodStart: number, live: readonly SessionEntry[], gapMs: number): Promise<SessionEntry[]> {
  let low = periodStart - gapMs;
  const found = await entriesEnding(low);
  for (;;) {
    const earliest = Math.min(...[...found, ...live].map((e) => e.start));
    if (!(earliest < low)) return found;
    // Whatever ends within the gap before the earliest stretch joins its session: read it, then look again.
    const before = earliest - gapMs;
    found.push(...(await entriesEnding(before, low)));
    low = before;
  }
}

function inputOf(task: Pick<TaskRecord, 'platform' | 'title' | 'status' | 'reward' | 'bonus'>, key: string, activeMs: number, idleMs: number): SessionTaskInput {
  return {
    key, platform: task.platform, title: task.title, status: task.status, activeMs, idleMs, reward: task.reward,
    ...(task.bonus ? { bonus: task.bonus } : {}),
  };
}

/** Whether the sessions' parts, added up, differ from the period's (beyond a second of rounding). */
function partsDiffer(sessions: readonly SessionView[], time: { paidActiveMs: number; unpaidActiveMs: number; platformMs: number; idleMs: number }, inProgressMs: number): boolean {
  const sum = (pick: (s: SessionView) => number) => sessions.reduce((n, s) => n + pick(s), 0);
  return [
    [sum((s) => s.figures.time.paidActiveMs), time.paidActiveMs],
    [sum((s) => s.figures.time.unpaidActiveMs), time.unpaidActiveMs],
    [sum((s) => s.figures.time.platformMs), time.platformMs],
    [sum((s) => s.figures.time.idleMs), time.idleMs],
    [sum((s) => s.inProgressMs), inProgressMs],
  ].some(([a, b]) => Math.abs(a! - b!) > 1000);
}
