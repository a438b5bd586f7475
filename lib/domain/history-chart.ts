/**
 * The data series the history's charts draw, per day (or week, month), all in the display currency: the
 * earnings (as the popup totals them, `earnedInDisplay`), the true rate (converted with the worker's own rates
 * when it is in another currency), and the four time parts, in hours, with their running sums for the stacked
 * chart. A figure that needs an exchange rate the worker has not entered is a gap (null), never a guess. Pure:
 * the chart component only draws these, and the table beside it shows the same numbers.
 */
import { earnedInDisplay } from './day-summary';
import { convertWith, type ConversionSettings, type PeriodFigures } from './figures';
import { minorDigits, type Money } from './money';

export interface ChartSeries {
  /** Each point's first day (YYYY-MM-DD). */
  days: string[];
  /** The currency of `earnings` and `trueRate`. */
  currency: string;
  /** In major units (dollars, euros); null where a currency could not be converted. */
  earnings: (number | null)[];
  /** Per hour, in major units; null with no time worked or no rate to convert it. */
  trueRate: (number | null)[];
  /** Hours of each part. */
  parts: { paid: number[]; unpaid: number[]; platform: number[]; idle: number[] };
  /** The parts' running sums (paid; + unpaid; + platform; + idle): each band of the stacked chart is drawn to its sum. */
  stacked: [number[], number[], number[], number[]];
}

const HOUR_MS = 3_600_000;
/** Money as a plain number of major units, for a chart's axis only (never summed again). */
export const major = (m: Money): number => m.minor / 10 ** minorDigits(m.currency);

export function chartSeries(points: readonly { from: string; figures: PeriodFigures }[], settings: ConversionSettings): ChartSeries {
  const to = settings.displayCurrency;
  const earnings = points.map(({ figures }) => {
    const earned = earnedInDisplay(figures.earnings, settings);
    return earned.kind === 'none' ? 0 : earned.kind === 'total' ? major(earned.total) : null;
  });
  const trueRate = points.map(({ figures: { trueRate: rate } }) => {
    if (!rate || 'missing' in rate) return null;
    const converted = convertWith(rate.rate, to, settings.exchangeRates);
    return converted ? major(converted.money) : null;
  });
  const hours = (pick: (f: PeriodFigures) => number) => points.map((p) => pick(p.figures) / HOUR_MS);
  const parts = {
    paid: hours((f) => f.time.paidActiveMs),
    unpaid: hours((f) => f.time.unpaidActiveMs),
    platform: hours((f) => f.time.platformMs),
    idle: hours((f) => f.time.idleMs),
  };
  const order = [parts.paid, parts.unpaid, parts.platform, parts.idle];
  const stacked = order.map((_, i) => points.map((_p, j) => order.slice(0, i + 1).reduce((sum, list) => sum + list[j]!, 0)));
  return { days: points.map((p) => p.from), currency: to, earnings, trueRate, parts, stacked: stacked as ChartSeries['stacked'] };
}
