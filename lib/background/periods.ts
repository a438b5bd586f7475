import { elapsed, type Stamp } from '../domain/task-timer';
import { periodFigures, sumTotals } from '../domain/figures';
import { periodDays, type PeriodKind, type Weekday } from '../domain/periods';
import type { SessionView } from '../domain/session-figures';
import { emptyTotals, type DayTotals } from '../domain/summary';
import type { PeriodView } from '../messaging';
import { aggregatesBetween } from '../storage/history-db';
import { openWork, sessionsBetween } from '../storage/history-figures-read';
import type { Settings } from '../storage/schemas';
import { addTo } from '../domain/group';

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
    addTo(byDay, day, totals);
  }

  // Open tasks: their time so far is today's (in progress), their stretch under way is in no index yet.
  const { live, entries, inProgressMs: openMs } = await openWork(now);
  let inProgressMs = openMs;
  // What is under way belongs to today: in a past period it is in no part.
  const includesToday = from <= today && today <= to;
  if (!includesToday) inProgressMs = 0;
  if (deps.openPlatform) {
    // The platform page worked on now: platform time of today (its day once recorded), in the period and its day.
    const ms = elapsed(deps.openPlatform.since, now);
    entries.push({ start: deps.openPlatform.since.wall, end: deps.openPlatform.since.wall + ms, platform: deps.openPlatform.platform });
    if (includesToday && ms > 0) addTo(byDay, today, { ...emptyTotals(), platformMs: ms });
  }
  const days = [...byDay.keys()].sort().map((day) => {
    const totals = sumTotals(byDay.get(day)!);
    return { day, figures: periodFigures([totals], settings), tasksDone: totals.tasks };
  });
  const all = sumTotals([...byDay.values()].flat());

  const gapMs = settings.sessionGapMin * 60_000;
  // A period always holds today: its sessions' stretches are read up to now.
  const sessions = await sessionsBetween(from, to, timeZone, { ...settings, gapMs }, { live, entries }, false);

  const figures = days.length ? periodFigures([all], settings) : null;
  return {
    kind, from, to, figures, tasksDone: all.tasks, inProgressMs, days, sessions,
    crossesMidnight: partsDiffer(sessions, figures?.time ?? { paidActiveMs: 0, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 }, inProgressMs),
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
