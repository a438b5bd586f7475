import type { Money } from '../../lib/domain/money';
import { noTime, type PeriodRates, type RateFigures, type SessionFigures, type SessionTaskFigure } from './figures';
import { MIN_MS, perHour } from './plain';
import { paidTimed, ratesFor } from './reckon-rates';
import type { OState, OTask } from './reckon-state';

/**
 * DESIGN.md → Work session, read plainly: "a maximal stretch of task and platform time, across platforms, with no
 * gap over 15 minutes (configurable)". The stretches are the oracle's own record of what was in front: each task's
 * time in front (active or idle; the task in front, or the running manual timer, up to now) and each platform
 * stretch (the one under way up to now). Every session of the world, in time order; a period keeps those that
 * start in it ("A session belongs to the day it starts").
 */

interface Piece {
  start: number;
  end: number;
  platform: string;
  task?: OTask;
  activeMs: number;
  idleMs: number;
}

export function sessionsOf(s: OState): SessionFigures[] {
  const gapMs = (s.world.settings.sessionGapMin ?? 15) * MIN_MS;
  const pieces: Piece[] = [];
  for (const task of s.tasks.values()) for (const st of task.stretches) pieces.push({ ...st, platform: task.platform, task });
  const platform = [...s.stretches, ...(s.openStretch ? [{ ...s.openStretch, end: s.now }] : [])];
  for (const st of platform) pieces.push({ start: st.start, end: st.end, platform: st.platform, activeMs: 0, idleMs: 0 });
  const ordered = pieces.filter((p) => p.end > p.start).sort((a, b) => a.start - b.start || a.end - b.end);
  // Stretches that overlap or lie at most the gap apart, measured from the latest end so far, are one session.
  const groups: Piece[][] = [];
  let end = -Infinity;
  for (const p of ordered) {
    if (p.start - end > gapMs || !groups.length) groups.push([]);
    groups.at(-1)!.push(p);
    end = Math.max(end, p.end);
  }
  // A task's outcome and its money belong to the session of its last stretch.
  const lastIn = new Map<OTask, number>();
  groups.forEach((g, i) => g.forEach((p) => p.task && lastIn.set(p.task, i)));
  return groups.map((g, i) => session(s, g, [...new Set(g.flatMap((p) => p.task ?? []))].filter((t) => t.status !== 'open' && lastIn.get(t) === i)));
}

function session(s: OState, pieces: Piece[], done: OTask[]): SessionFigures {
  const time = noTime();
  let inProgressMs = 0;
  for (const p of pieces) {
    // Each stretch counts where it happened: platform time; a task's active time as its outcome says (paid or
    // unpaid), its idle time as idle; a task still open "shows its time as in progress until its outcome".
    if (!p.task) time.platformMs += p.end - p.start;
    else if (p.task.status === 'open') inProgressMs += p.activeMs + p.idleMs;
    else {
      time.idleMs += p.idleMs;
      if (p.task.status === 'submitted' || p.task.status === 'approved') time.paidActiveMs += p.activeMs;
      else time.unpaidActiveMs += p.activeMs;
    }
  }
  const paid = done.filter(paidTimed);
  const earned: Record<string, number> = {};
  for (const t of paid) for (const m of [t.reward, t.bonus]) if (m) earned[m.currency] = (earned[m.currency] ?? 0) + m.minor;
  return {
    start: pieces[0]!.start,
    end: Math.max(...pieces.map((p) => p.end)),
    platforms: [...new Set(pieces.map((p) => p.platform))],
    time, inProgressMs, tasksDone: done.length, earned,
    // Bonus income not tied to a task "belongs to its day, not to a session".
    rates: shown(ratesFor(s, paid, {}, time.paidActiveMs + time.unpaidActiveMs + time.platformMs)),
    tasks: [...new Set(pieces.flatMap((p) => p.task ?? []))].map(taskFigure),
  };
}

/** A task as the session lists it: its own whole time, money, outcome and rate. */
function taskFigure(t: OTask): SessionTaskFigure {
  return {
    key: t.key, platform: t.platform, status: t.status, activeMs: t.activeMs, idleMs: t.idleMs, reward: t.reward, bonus: t.bonus,
    rate: taskRate(t),
  };
}

/**
 * Its reward, with a bonus in the same currency, per hour of its active time: paid tasks, and open ones so far once
 * they have a minute of active time ("a rate from a few seconds means nothing", DESIGN.md → Rates).
 */
function taskRate(t: OTask): Money | null {
  const counts = t.status === 'open' ? t.activeMs >= MIN_MS : t.status === 'submitted' || t.status === 'approved';
  if (!counts || !t.reward) return null;
  const bonus = t.bonus?.currency === t.reward.currency ? t.bonus.minor : 0;
  const minor = perHour(t.reward.minor + bonus, t.activeMs);
  return minor === null ? null : { minor, currency: t.reward.currency };
}

/** Rates as a period or session lists them: the effective rates that exist (no bands). */
export function shown(r: RateFigures): PeriodRates {
  return { effective: Object.fromEntries(Object.entries(r.effective).filter((e): e is [string, number] => e[1] !== null).sort()), true: r.true };
}
