/**
 * What a period (one platform's day, or the whole day across platforms) shows: its earnings, its four time parts
 * and its rates, from the daily aggregates and the worker's display currency and exchange rates (DESIGN.md,
 * "Rates" and "Display currency"). Pure, so that views only format what is computed here.
 */
import { convertWith, sumMoney, zero, type ExchangeRate, type Money } from './money';
import { hourlyRate } from './rate';
import { applyContribution, emptyTotals, type Aggregates, type DayTotals } from './summary';

export interface TimeParts {
  paidActiveMs: number;
  unpaidActiveMs: number;
  platformMs: number;
  /** In neither rate. */
  idleMs: number;
}

export type TrueRate =
  /** The earnings it divides are all in one currency (none at all: zero, in the display currency). */
  | { rate: Money; converted: false }
  /** Several currencies, converted to the display currency with the worker's own rates: the ones used. */
  | { rate: Money; converted: true; rates: ExchangeRate[] }
  /** Several currencies, and no rate to convert these (`missing`) to the display currency (`currency`). */
  | { missing: string[]; currency: string };

export interface PeriodFigures {
  /** All earnings per currency: task rewards and bonuses, and bonus income not tied to a task. */
  earnings: Money[];
  /** The part of `earnings` that is bonus income not tied to a task. */
  bonusIncome: Money[];
  time: TimeParts;
  /** Per currency: the timed money paid in it ÷ the paid active time of the timed tasks paid in it. */
  effective: Money[];
  /**
   * All earnings ÷ (paid active + unpaid active + platform time), untimed records' money left out (it counts in
   * `earnings`, never in a rate); null with no such time to divide by.
   */
  trueRate: TrueRate | null;
}

export { convertWith } from './money';

export interface ConversionSettings {
  displayCurrency: string;
  exchangeRates: readonly ExchangeRate[];
}

/** Several days' or platforms' totals as one. */
export function sumTotals(list: readonly DayTotals[]): DayTotals {
  const sum: Aggregates = {};
  for (const totals of list) applyContribution(sum, { key: 'sum', totals }, 1);
  return sum['sum'] ?? emptyTotals();
}

/** Per-currency amounts as money, by currency code, zeros left out. */
const moneyList = (map: Record<string, number>): Money[] =>
  Object.keys(map)
    .sort()
    .flatMap((currency) => (map[currency] ? [{ minor: map[currency], currency }] : []));

/** Per-currency amounts added together. */
function plus(a: Record<string, number>, b: Record<string, number> = {}): Record<string, number> {
  const sum: Record<string, number> = { ...a };
  for (const [currency, minor] of Object.entries(b)) sum[currency] = (sum[currency] ?? 0) + minor;
  return sum;
}

function trueRate(earnings: Money[], workMs: number, settings: ConversionSettings): TrueRate | null {
  if (workMs <= 0) return null;
  if (earnings.length <= 1) {
    const rate = hourlyRate(earnings[0] ?? zero(settings.displayCurrency), workMs);
    return rate ? { rate, converted: false } : null;
  }
  const converted: Money[] = [];
  const used: ExchangeRate[] = [];
  const missing: string[] = [];
  for (const money of earnings) {
    const result = convertWith(money, settings.displayCurrency, settings.exchangeRates);
    if (!result) missing.push(money.currency);
    else {
      converted.push(result.money);
      if (result.rate) used.push(result.rate);
    }
  }
  if (missing.length > 0) return { missing, currency: settings.displayCurrency };
  const rate = hourlyRate(sumMoney(converted, settings.displayCurrency), workMs);
  return rate ? { rate, converted: true, rates: used } : null;
}

/** The figures of a period from its totals (one platform's, or every platform's of the day together). */
export function periodFigures(list: readonly DayTotals[], settings: ConversionSettings): PeriodFigures {
  const totals = sumTotals(list);
  const time: TimeParts = {
    paidActiveMs: totals.paidActiveMs,
    unpaidActiveMs: totals.unpaidActiveMs,
    platformMs: totals.platformMs,
    idleMs: totals.idleMs,
  };
  const timedMs = totals.timedPaidMs ?? {};
  const effective = Object.keys(timedMs)
    .sort()
    .flatMap((currency) => {
      const rate = hourlyRate({ minor: totals.timedEarned?.[currency] ?? 0, currency }, timedMs[currency] ?? 0);
      return rate ? [rate] : [];
    });
  // The true rate divides the money of timed tasks and the bonus income: untimed records (never timed, or
  // imported) count in the earnings shown, never in a rate.
  const rated = moneyList(plus(totals.timedEarned ?? {}, totals.bonus));
  return {
    earnings: moneyList(plus(totals.earned, totals.bonus)),
    bonusIncome: moneyList(totals.bonus ?? {}),
    time,
    effective,
    trueRate: trueRate(rated, time.paidActiveMs + time.unpaidActiveMs + time.platformMs, settings),
  };
}
