import type { Money } from '../../lib/domain/money';

/**
 * Every figure the popup shows, in the oracle's own format: the oracle writes it, and `compare.ts` maps the
 * popup's data into it. Money is integer minor units per currency; instants are wall-clock ms.
 */

/** One local day on one platform (`manual` for the manual timer). */
export interface DayFigures {
  paidActiveMs: number;
  unpaidActiveMs: number;
  idleMs: number;
  platformMs: number;
  /** Timed tasks that reached an outcome counted under that day. */
  tasks: number;
  /** Earnings per currency: rewards and task bonuses of submitted, non-rejected tasks, plus bonus income. */
  earned: Record<string, number>;
  /** The part of `earned` that is bonus income not tied to a task. */
  bonusIncome: Record<string, number>;
}

export type TrueRate =
  /** No earnings in the period. */
  | { kind: 'none' }
  /** All earnings in one currency: the rate in it (null with no time to divide by). */
  | { kind: 'single'; currency: string; minor: number | null }
  /** Several currencies, converted to the display currency. */
  | { kind: 'converted'; currency: string; minor: number | null }
  /** Several currencies and no rate typed for these. */
  | { kind: 'missing'; currencies: string[] };

/** Where a rate falls: under the minimum, from it to the target, at or above the target. */
export type Band = 'no-minimum' | 'under' | 'between' | 'good';

export interface RateFigures {
  /** Per currency: money of timed submitted, non-rejected tasks paid in it ÷ their paid active time. */
  effective: Record<string, number | null>;
  true: TrueRate;
  /** The band of each effective rate and of the true rate (null: no rate). */
  bands: { effective: Record<string, Band | null>; true: Band | null };
}

export type Reach = { kind: 'reached' } | { kind: 'date'; at: number } | { kind: 'not-at-this-pace' };

export interface BalanceFigures {
  pending: number;
  presumablyApproved: number;
  /** Null: not known yet (MTurk before any dashboard reading). */
  withdrawable: number | null;
  withdrawableSince: number | null;
  /** Null before any transfer history was read. */
  paidOut: number | null;
  /** The pace: dated approvals of the last 14 days, in minor units (the mean daily amount is this ÷ 14). */
  approvedLast14Days: number;
  threshold?: { threshold: number; have: number; reach: Reach };
}

export interface PendingFigure {
  key: string;
  platform: string;
  reward: Money;
  /** Timed items: when submitted; null for untimed ones (the platform gave only a date). */
  submittedAt: number | null;
  latest: number | null;
  expected: number | null;
}

export interface OpenFigure {
  key: string;
  activeMs: number;
  idleMs: number;
  front: boolean;
}

export interface Figures {
  at: number;
  /** The local day now, in the time zone now. */
  today: string;
  /** Closed work per `day|platform`. */
  days: Record<string, DayFigures>;
  /** Per day, all platforms together. */
  rates: Record<string, RateFigures>;
  /** Per `platform|currency`. */
  balances: Record<string, BalanceFigures>;
  /** Submitted items awaiting approval, by key. */
  pending: PendingFigure[];
  /** Open tasks (not the manual timer), with their time so far. */
  open: OpenFigure[];
  manual: { running: boolean; activeMs: number } | null;
  /** Today, this week (from the world's first day) and this month, as the popup reviews them. */
  periods: Record<PeriodKind, PeriodFigures>;
}

export type PeriodKind = 'day' | 'week' | 'month';

export interface TimeParts {
  paidActiveMs: number;
  unpaidActiveMs: number;
  idleMs: number;
  platformMs: number;
}

/** A period's or a session's rates as the popup lists them: effective rates that exist, per currency; the true rate. */
export interface PeriodRates {
  effective: Record<string, number>;
  true: TrueRate;
}

/** Several days (or one) together, every platform: the four parts, the money, tasks done and rates. */
export interface SpanFigures {
  time: TimeParts;
  /** All earnings per currency, bonus income included. */
  earned: Record<string, number>;
  bonusIncome: Record<string, number>;
  tasksDone: number;
  rates: PeriodRates;
}

export interface PeriodFigures extends SpanFigures {
  /** Its local days, first and last included (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Active and idle time so far of the tasks still open (the manual timer included). */
  inProgressMs: number;
  /** Each day of the period with anything closed in it. */
  days: Record<string, SpanFigures>;
  /** The sessions that start in the period, in time order. */
  sessions: SessionFigures[];
  /** The sessions' parts (in progress included), added up, differ from the period's by more than a second. */
  crossesMidnight: boolean;
}

export interface SessionFigures extends Omit<SpanFigures, 'bonusIncome'> {
  start: number;
  end: number;
  /** Each platform once, in the order met. */
  platforms: string[];
  inProgressMs: number;
  /** Each task once, in the order met, with its own whole time (an open one's so far). */
  tasks: SessionTaskFigure[];
}

export interface SessionTaskFigure {
  key: string;
  platform: string;
  status: string;
  activeMs: number;
  idleMs: number;
  reward: Money | null;
  bonus: Money | null;
  /** Reward and a bonus in its currency per hour of its active time: paid and open tasks; else null. */
  rate: Money | null;
}

export const noTime = (): TimeParts => ({ paidActiveMs: 0, unpaidActiveMs: 0, idleMs: 0, platformMs: 0 });

export const emptyDay = (): DayFigures => ({
  paidActiveMs: 0, unpaidActiveMs: 0, idleMs: 0, platformMs: 0, tasks: 0, earned: {}, bonusIncome: {},
});
