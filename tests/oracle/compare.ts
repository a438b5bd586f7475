import type { DayTotals } from '../../lib/domain/summary';
import type { PopupData } from '../../lib/messaging';
import type { BalanceFigures, DayFigures, Figures, OpenFigure, PendingFigure } from './figures';

/**
 * With compare-period.ts (today, this week, this month: `PeriodView`), the only place that knows the popup's data
 * shape: it maps `PopupData` (and the stored daily totals) into the oracle's figure format, then lists every figure
 * that differs. Adapt these files, and only these, when PopupData or PeriodView changes.
 *
 * TODO — figures the oracle computes that the popup's data does not carry yet (compare them once it does):
 * - the band of each rate against the worker's minimum and target (`Figures.rates[day].bands`);
 * - the pace itself (`BalanceFigures.approvedLast14Days`; only the threshold date it gives is compared);
 * - the payment dates of untimed pending items: the platform gave only a day, and PendingView an instant
 *   (noon Pacific of that day), so only their key, platform and reward are compared;
 * - `paidOutSince` and the presumably-approved flag of each pending item (the oracle keeps neither).
 * (Every day's rates across platforms, and each day of a week or month, come through `PeriodView`.)
 */

/** What the popup shows, in the oracle's format. */
export interface Seen {
  /** Today's figures per platform. */
  today: Record<string, DayFigures>;
  /** Today's rates, every platform together: effective per currency, and the true rate as one line. */
  rates: { effective: Record<string, number>; true: string } | null;
  balances: Record<string, BalanceFigures>;
  pending: PendingFigure[];
  open: OpenFigure[];
  manual: { running: boolean; activeMs: number } | null;
}

export function dayOf(totals: DayTotals): DayFigures {
  const earned: Record<string, number> = { ...totals.earned };
  for (const [currency, minor] of Object.entries(totals.bonus ?? {})) earned[currency] = (earned[currency] ?? 0) + minor;
  return {
    paidActiveMs: totals.paidActiveMs, unpaidActiveMs: totals.unpaidActiveMs, idleMs: totals.idleMs,
    platformMs: totals.platformMs, tasks: totals.tasks, earned, bonusIncome: { ...(totals.bonus ?? {}) },
  };
}

export function fromPopup(data: PopupData): Seen {
  const balances: Record<string, BalanceFigures> = {};
  for (const v of data.balances) {
    balances[`${v.platform}|${v.currency}`] = {
      pending: v.pending, presumablyApproved: v.presumablyApproved, withdrawable: v.withdrawable,
      withdrawableSince: v.withdrawableSince, paidOut: v.paidOut, approvedLast14Days: 0,
      ...(v.threshold ? { threshold: { threshold: v.threshold.threshold, have: v.threshold.have, reach: v.threshold.reach } } : {}),
    };
  }
  const day = data.day;
  return {
    today: Object.fromEntries(data.today.map(({ platform, totals }) => [platform, dayOf(totals)])),
    rates: day
      ? {
          effective: Object.fromEntries(day.effective.map((m) => [m.currency, m.minor])),
          true: !day.trueRate
            ? 'none'
            : 'missing' in day.trueRate
              ? `missing ${[...day.trueRate.missing].sort().join(',')}`
              : `${day.trueRate.converted ? 'converted' : 'single'} ${day.trueRate.rate.currency} ${day.trueRate.rate.minor}`,
        }
      : null,
    balances,
    pending: data.pending.items.map((p) => ({ key: p.key, platform: p.platform, reward: p.reward, submittedAt: p.submittedAt, latest: p.latest, expected: p.expected })),
    open: data.tasks.map((t) => ({ key: `${t.platform}:${t.taskId}`, activeMs: t.activeMs, idleMs: t.idleMs, front: t.front })),
    manual: data.manual ? { running: data.manual.running, activeMs: data.manual.activeMs } : null,
  };
}

/** Every figure that differs at one popup checkpoint, as readable lines. */
export function differences(oracle: Figures, seen: Seen): string[] {
  const out: string[] = [];
  const todays: Record<string, DayFigures> = {};
  for (const [key, d] of Object.entries(oracle.days)) if (key.startsWith(`${oracle.today}|`)) todays[key.split('|')[1]!] = d;
  out.push(...dayDifferences(`today (${oracle.today})`, todays, seen.today));
  const rates = oracle.rates[oracle.today];
  const expected = rates
    ? {
        effective: Object.fromEntries(Object.entries(rates.effective).filter((e): e is [string, number] => e[1] !== null).sort()),
        true: trueLine(rates.true),
      }
    : null;
  const shown = seen.rates ? { ...seen.rates, effective: Object.fromEntries(Object.entries(seen.rates.effective).sort()) } : null;
  // A day with nothing in it (no rates, no time) is no day, on either side.
  const blank = (r: typeof expected) => !r || (Object.keys(r.effective).length === 0 && r.true === 'none');
  if (!(blank(expected) && blank(shown))) diff(out, `today's rates (${oracle.today})`, expected, shown);
  for (const key of union(oracle.balances, seen.balances)) {
    const [o, p] = [cleanBalance(oracle.balances[key]), cleanBalance(seen.balances[key])];
    if (!o || !p) diff(out, `balance ${key}`, o, p);
    else for (const field of union(o, p) as (keyof typeof o)[]) diff(out, `balance ${key} ${field}`, o[field], p[field]);
  }
  const pending = new Map(seen.pending.map((p) => [p.key, p]));
  for (const o of oracle.pending) {
    const p = pending.get(o.key);
    pending.delete(o.key);
    if (!p) out.push(`pending ${o.key}: oracle lists it (${o.reward.minor} ${o.reward.currency}), the popup does not`);
    else if (o.submittedAt === null) diff(out, `pending ${o.key}`, { platform: o.platform, reward: o.reward }, { platform: p.platform, reward: p.reward });
    else diff(out, `pending ${o.key}`, o, p);
  }
  for (const p of pending.values()) out.push(`pending ${p.key}: the popup lists it (${p.reward.minor} ${p.reward.currency}), the oracle does not`);
  diff(out, 'open tasks', oracle.open, [...seen.open].sort((a, b) => a.key.localeCompare(b.key)));
  diff(out, 'manual timer', oracle.manual, seen.manual);
  return out;
}

/** Every day and platform, oracle against the stored daily totals (`day|platform` keys). */
export function dayDifferences(label: string, oracle: Record<string, DayFigures>, seen: Record<string, DayFigures>): string[] {
  const out: string[] = [];
  for (const key of union(oracle, seen)) {
    const [o, p] = [cleanDay(oracle[key]), cleanDay(seen[key])];
    if (!o || !p) diff(out, `${label} ${key}`, o, p);
    else for (const field of union(o, p)) diff(out, `${label} ${key} ${field}`, o[field as keyof DayFigures], p[field as keyof DayFigures]);
  }
  return out;
}

function trueLine(rate: Figures['rates'][string]['true']): string {
  switch (rate.kind) {
    case 'none':
      return 'none';
    case 'missing':
      return `missing ${[...rate.currencies].sort().join(',')}`;
    default:
      return rate.minor === null ? 'none' : `${rate.kind} ${rate.currency} ${rate.minor}`;
  }
}

const union = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();

function diff(out: string[], label: string, oracle: unknown, popup: unknown): void {
  const [o, p] = [JSON.stringify(oracle ?? null), JSON.stringify(popup ?? null)];
  if (o !== p) out.push(`${label}: oracle ${o}, popup ${p}`);
}

/** Zero amounts are no money; a day with nothing in it is no day. */
function cleanDay(d: DayFigures | undefined): DayFigures | undefined {
  if (!d) return undefined;
  const money = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== 0).sort());
  const c = { ...d, earned: money(d.earned), bonusIncome: money(d.bonusIncome) };
  const empty = !c.paidActiveMs && !c.unpaidActiveMs && !c.idleMs && !c.platformMs && !c.tasks && !Object.keys(c.earned).length;
  return empty ? undefined : c;
}

/**
 * A row with nothing pending, nothing to withdraw and nothing paid out is no row (either side may list it).
 * Figures PopupData does not carry are left out (TODO above).
 */
function cleanBalance(b: BalanceFigures | undefined): Omit<BalanceFigures, 'approvedLast14Days'> | undefined {
  if (!b) return undefined;
  const { approvedLast14Days: _notShown, ...shown } = b;
  const empty = !b.pending && !b.presumablyApproved && !b.withdrawable && b.withdrawableSince === null && !b.paidOut;
  return empty ? undefined : shown;
}
