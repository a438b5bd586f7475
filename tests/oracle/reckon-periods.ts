import { noTime, type DayFigures, type PeriodFigures, type PeriodKind, type SessionFigures, type SpanFigures } from './figures';
import { addDays, addTo, dayIn } from './plain';
import { paidTimed, ratesFor } from './reckon-rates';
import { shown } from './reckon-sessions';
import type { OState } from './reckon-state';

/**
 * Today, this week and this month (DESIGN.md: "per day, week and month and per work session: earnings, active
 * hours, the effective rate and the true rate"): the days' figures added up across platforms, the time so far of
 * what is under way, each day with anything in it, and the sessions that start in the period.
 */

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (date: string): number => new Date(`${date}T12:00:00Z`).getUTCDay() || 7;

/** The local days of the period holding `today`: the day; the week from the last `firstDay`; the calendar month. */
export function periodDays(kind: PeriodKind, today: string, firstDay: number): { from: string; to: string } {
  if (kind === 'day') return { from: today, to: today };
  if (kind === 'week') {
    let from = today;
    while (isoWeekday(from) !== firstDay) from = addDays(from, -1);
    return { from, to: addDays(from, 6) };
  }
  const from = `${today.slice(0, 7)}-01`;
  let to = from;
  while (addDays(to, 1).slice(0, 7) === from.slice(0, 7)) to = addDays(to, 1);
  return { from, to };
}

export function periodsOf(s: OState, days: Record<string, DayFigures>, sessions: readonly SessionFigures[]): Record<PeriodKind, PeriodFigures> {
  const today = dayIn(s.zone, s.now);
  const of = (kind: PeriodKind) => periodOf(s, periodDays(kind, today, s.world.firstDay ?? 1), today, days, sessions);
  return { day: of('day'), week: of('week'), month: of('month') };
}

function periodOf(s: OState, { from, to }: { from: string; to: string }, today: string, days: Record<string, DayFigures>, sessions: readonly SessionFigures[]): PeriodFigures {
  const within = (day: string) => from <= day && day <= to;
  // What is under way belongs to today (an open task's "to today"): the platform page worked on now, up to now
  // (ambiguity 23), and the open tasks' time so far, shown as in progress.
  const live = from <= today && today <= to;
  const platformNow = live && s.openStretch ? s.now - s.openStretch.start : 0;
  const inProgressMs = live ? [...s.tasks.values()].filter((t) => t.status === 'open').reduce((n, t) => n + t.activeMs + t.idleMs, 0) : 0;
  const period = span(s, days, within, platformNow);
  const listed = sessions.filter((x) => within(dayIn(s.zone, x.start)));
  const byDay: Record<string, SpanFigures> = {};
  for (const day of new Set([...Object.keys(days).map((key) => key.split('|')[0]!), ...(platformNow ? [today] : [])])) {
    // Today's platform time under way is in today's figures too: a period is the sum of its days.
    if (within(day)) byDay[day] = span(s, days, (d) => d === day, day === today ? platformNow : 0);
  }
  // The sessions count stretches where they happened, the days each task on its day: do they add up?
  const sum = (pick: (x: SessionFigures) => number) => listed.reduce((n, x) => n + pick(x), 0);
  const crossesMidnight = [
    [sum((x) => x.time.paidActiveMs), period.time.paidActiveMs],
    [sum((x) => x.time.unpaidActiveMs), period.time.unpaidActiveMs],
    [sum((x) => x.time.platformMs), period.time.platformMs],
    [sum((x) => x.time.idleMs), period.time.idleMs],
    [sum((x) => x.inProgressMs), inProgressMs],
  ].some(([a, b]) => Math.abs(a! - b!) > 1000);
  return { ...period, from, to, inProgressMs, days: byDay, sessions: listed, crossesMidnight };
}

/** The days that `within` keeps, every platform together, plus `platformNow` of platform time under way. */
function span(s: OState, days: Record<string, DayFigures>, within: (day: string) => boolean, platformNow: number): SpanFigures {
  const time = noTime();
  const earned: Record<string, number> = {};
  const bonusIncome: Record<string, number> = {};
  let tasksDone = 0;
  for (const [key, d] of Object.entries(days)) {
    if (!within(key.split('|')[0]!)) continue;
    time.paidActiveMs += d.paidActiveMs;
    time.unpaidActiveMs += d.unpaidActiveMs;
    time.idleMs += d.idleMs;
    time.platformMs += d.platformMs;
    tasksDone += d.tasks;
    for (const [c, minor] of Object.entries(d.earned)) addTo(earned, c, minor);
    for (const [c, minor] of Object.entries(d.bonusIncome)) addTo(bonusIncome, c, minor);
  }
  time.platformMs += platformNow;
  const paid = [...s.tasks.values()].filter((t) => t.day !== null && within(t.day) && paidTimed(t));
  const rates = shown(ratesFor(s, paid, bonusIncome, time.paidActiveMs + time.unpaidActiveMs + time.platformMs));
  return { time, earned, bonusIncome, tasksDone, rates };
}
