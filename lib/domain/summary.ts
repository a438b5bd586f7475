import { applyEdits, type EditableTask } from './apply-edits';
/**
 * Daily aggregates per (local day, platform), money per currency: what the popup reads instead of the
 * history. Each task and platform stretch contributes a delta; the background subtracts a record's old
 * contribution and adds its new one on every write, and a property test checks that this equals a recompute.
 * What the figures make of them (rates, conversion) is `figures.ts`.
 */

export interface DayTotals {
  /** Active time of submitted (or approved) tasks. */
  paidActiveMs: number;
  /** Active time of returned, rejected and expired tasks. */
  unpaidActiveMs: number;
  idleMs: number;
  /** Active time on platform pages that are not tasks. */
  platformMs: number;
  /** Tasks that reached an outcome that day. */
  tasks: number;
  /** Rewards of submitted, non-rejected tasks, per currency, in minor units. */
  earned: Record<string, number>;
  /** The part of `earned` still awaiting approval. */
  pending: Record<string, number>;
  /** The part of `earned` approved (or paid). */
  approved: Record<string, number>;
  /**
   * Bonus income not tied to a task (MTurk: rises of the lifetime Bonuses total), per currency: in the day's
   * earnings and true rate, never in an effective rate. Absent in totals written before it existed.
   */
  bonus?: Record<string, number>;
  /**
   * Per currency, the paid active time of the *timed* submitted (or approved) tasks paid in that currency, and
   * their money (reward + task bonus): an effective rate divides only these (DESIGN.md, "Rates"). A task paid
   * in two currencies (reward in one, bonus in another) counts its time for each; a submitted task with no
   * known reward nor bonus adds paid time to no currency's rate; untimed records are in neither map. Absent
   * (like empty maps) in totals written before they existed: `aggregates-migration.ts` rebuilds those.
   */
  timedPaidMs?: Record<string, number>;
  timedEarned?: Record<string, number>;
  /**
   * The part of `approved` approved on the worker's word (a corrected outcome, a task added by hand): no known
   * approval date, so never in withdrawable (issue 16). Absent when none.
   */
  approvedUndated?: Record<string, number>;
}

/** The per-currency maps a total may lack (written before they existed, or empty and dropped). */
const OPTIONAL_MAPS = ['bonus', 'timedPaidMs', 'timedEarned', 'approvedUndated'] as const;

export type Aggregates = Record<string, DayTotals>;

export interface Contribution {
  key: string;
  totals: DayTotals;
}

/** What a task must say for the aggregates (a subset of the stored record); its corrections apply (`applyEdits`). */
export interface SummaryTask extends EditableTask {
  platform: string;
  status: 'open' | 'submitted' | 'approved' | 'rejected' | 'returned' | 'expired';
  endedAt?: number;
  reward: { minor: number; currency: string } | null;
  /** A bonus tied to the task: earned with its reward (effective and true rate alike). */
  bonus?: { minor: number; currency: string };
  activeMs: number;
  idleMs: number;
  /** Records that carry only a date (untimed) belong to that date, whatever the time zone. */
  day?: string;
  /** Untimed records count in money, not in time. */
  untimed?: boolean;
  /** The day the task was counted under, once closed (stamped by the writer; see `countedDayOf`). */
  countedDay?: string;
  /** An expired task belongs to its deadline's day. */
  deadline?: number;
}

export interface SummaryStretch {
  platform: string;
  /** The local day it was counted under, stamped when written: a later change of time zone moves nothing. */
  day?: string;
  start: { wall: number };
  ms: number;
}

/** Bonus income dated when Centime saw it (a dashboard reading), on a platform. */
export interface SummaryBonus {
  platform: string;
  /** The local day it was counted under, stamped when written. */
  day?: string;
  at: number;
  minor: number;
  currency: string;
}

export const emptyTotals = (): DayTotals => ({
  paidActiveMs: 0,
  unpaidActiveMs: 0,
  idleMs: 0,
  platformMs: 0,
  tasks: 0,
  earned: {},
  pending: {},
  approved: {},
});

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar day of a wall-clock time, as YYYY-MM-DD, in the worker's time zone. */
export function localDay(wall: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(wall);
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The wall-clock time at which a local day (YYYY-MM-DD) begins in a time zone (its first instant on that day). */
export function dayStart(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  // The zone's offset near that midnight, twice: a day that begins next to an offset change lands right.
  let t = midnightUtc;
  for (let i = 0; i < 2; i++) t = midnightUtc - offsetAt(t, timeZone);
  // Where midnight itself does not exist (a shift at 00:00), the day begins at the first instant on it.
  while (localDay(t, timeZone) !== day && localDay(t + 3_600_000, timeZone) === day) t += 60_000 * 15;
  return t;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `wall` (ms). */
function offsetAt(wall: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(wall).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(wall / 1000) * 1000;
}

export const aggregateKey = (day: string, platform: string) => `${day}|${platform}`;

/**
 * An open task is "in progress", not in any day's totals; its time lands on the day of its outcome. The task
 * counts as its corrections make it; a deleted one counts nowhere.
 */
export function taskContribution(recorded: SummaryTask, timeZone: string): Contribution | null {
  const { task, deleted, undatedApproval } = applyEdits(recorded);
  if (deleted) return null;
  if (task.status === 'open' || task.endedAt === undefined) return null;
  const totals = emptyTotals();
  const paid = task.status === 'submitted' || task.status === 'approved';
  // Untimed records count in money, not in time or task counts that rates divide by.
  totals.tasks = task.untimed ? 0 : 1;
  totals.idleMs = task.idleMs;
  if (paid) totals.paidActiveMs = task.activeMs;
  else totals.unpaidActiveMs = task.activeMs;
  if (paid) {
    for (const money of [task.reward, task.bonus]) {
      if (!money) continue;
      const { currency, minor } = money;
      totals.earned[currency] = (totals.earned[currency] ?? 0) + minor;
      const part = task.status === 'approved' ? totals.approved : totals.pending;
      part[currency] = (part[currency] ?? 0) + minor;
      if (undatedApproval) (totals.approvedUndated ??= {})[currency] = (totals.approvedUndated?.[currency] ?? 0) + minor;
      // Untimed records count in money, never in a rate. A timed task's time counts once per currency it was
      // paid in (reward and bonus in the same currency: once), beside its money in that currency.
      if (task.untimed) continue;
      (totals.timedPaidMs ??= {})[currency] = task.activeMs;
      const timedEarned = (totals.timedEarned ??= {});
      timedEarned[currency] = (timedEarned[currency] ?? 0) + minor;
    }
  }
  return { key: aggregateKey(countedDayOf(task, timeZone)!, task.platform), totals };
}

/**
 * The local day a closed task's time and money belong to (DESIGN.md, "Rates"): the day it was already counted
 * under, else the date it carries (untimed records), else the local day of its deadline (expired) or of its
 * outcome. Undefined while it is open.
 */
export function countedDayOf(task: SummaryTask, timeZone: string): string | undefined {
  if (task.status === 'open' || task.endedAt === undefined) return undefined;
  if (task.countedDay) return task.countedDay;
  if (task.day) return task.day;
  const at = task.status === 'expired' && task.deadline !== undefined ? Math.min(task.deadline, task.endedAt) : task.endedAt;
  return localDay(at, timeZone);
}

export function stretchContribution(stretch: SummaryStretch, timeZone: string): Contribution {
  const totals = emptyTotals();
  totals.platformMs = stretch.ms;
  return { key: aggregateKey(stretch.day ?? localDay(stretch.start.wall, timeZone), stretch.platform), totals };
}

export function bonusContribution(bonus: SummaryBonus, timeZone: string): Contribution {
  const totals = emptyTotals();
  totals.bonus = { [bonus.currency]: bonus.minor };
  return { key: aggregateKey(bonus.day ?? localDay(bonus.at, timeZone), bonus.platform), totals };
}

function addPerCurrency(into: Record<string, number>, from: Record<string, number>, sign: 1 | -1): void {
  for (const [currency, minor] of Object.entries(from)) {
    const sum = (into[currency] ?? 0) + sign * minor;
    if (sum === 0) delete into[currency];
    else into[currency] = sum;
  }
}

function isEmpty(t: DayTotals): boolean {
  return (
    t.paidActiveMs === 0 && t.unpaidActiveMs === 0 && t.idleMs === 0 && t.platformMs === 0 && t.tasks === 0 &&
    Object.keys(t.earned).length === 0 && Object.keys(t.pending).length === 0 && Object.keys(t.approved).length === 0 &&
    OPTIONAL_MAPS.every((name) => Object.keys(t[name] ?? {}).length === 0)
  );
}

/** Adds (sign 1) or removes (sign -1) a contribution, in place; totals that fall to nothing are dropped. */
export function applyContribution(aggregates: Aggregates, c: Contribution | null, sign: 1 | -1): void {
  if (!c) return;
  const t = (aggregates[c.key] ??= emptyTotals());
  t.paidActiveMs += sign * c.totals.paidActiveMs;
  t.unpaidActiveMs += sign * c.totals.unpaidActiveMs;
  t.idleMs += sign * c.totals.idleMs;
  t.platformMs += sign * c.totals.platformMs;
  t.tasks += sign * c.totals.tasks;
  addPerCurrency(t.earned, c.totals.earned, sign);
  addPerCurrency(t.pending, c.totals.pending, sign);
  addPerCurrency(t.approved, c.totals.approved, sign);
  for (const name of OPTIONAL_MAPS) {
    const from = c.totals[name];
    if (!from) continue;
    const into = (t[name] ??= {});
    addPerCurrency(into, from, sign);
    if (Object.keys(into).length === 0) delete t[name];
  }
  if (isEmpty(t)) delete aggregates[c.key];
}

export function recompute(
  tasks: SummaryTask[],
  stretches: SummaryStretch[],
  timeZone: string,
  bonuses: readonly SummaryBonus[] = [],
): Aggregates {
  const aggregates: Aggregates = {};
  for (const bonus of bonuses) applyContribution(aggregates, bonusContribution(bonus, timeZone), 1);
  for (const task of tasks) applyContribution(aggregates, taskContribution(task, timeZone), 1);
  for (const stretch of stretches) applyContribution(aggregates, stretchContribution(stretch, timeZone), 1);
  return aggregates;
}
