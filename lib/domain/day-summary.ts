/**
 * What the popup's summary leads with (DESIGN.md, "Rates" and "Display currency"): a day's earnings in the
 * display currency, each converted part with the worker's rate that converted it, or the amounts per currency
 * when a rate is missing; and the band of a rate against the worker's minimum and target in its own currency.
 * Pure: the popup only formats what this returns.
 */
import { convertWith, type ConversionSettings } from './figures';
import { rateFor, type RateSettings } from './live';
import { sumMoney, type ExchangeRate, type Money } from './money';
import { compareToMinimum, type RateBand } from './rate';

export type EarnedInDisplay =
  /** Nothing earned. */
  | { kind: 'none' }
  /** Every amount in the display currency: `converted` lists the parts that needed a rate, and that rate. */
  | { kind: 'total'; total: Money; converted: { from: Money; to: Money; rate: ExchangeRate }[] }
  /** No rate for `missing` to `currency`: the amounts stay per currency. */
  | { kind: 'missing'; parts: Money[]; missing: string[]; currency: string };

export function earnedInDisplay(earnings: readonly Money[], settings: ConversionSettings): EarnedInDisplay {
  if (earnings.length === 0) return { kind: 'none' };
  const to = settings.displayCurrency;
  const converted: { from: Money; to: Money; rate: ExchangeRate }[] = [];
  const amounts: Money[] = [];
  const missing: string[] = [];
  for (const money of earnings) {
    const result = convertWith(money, to, settings.exchangeRates);
    if (!result) missing.push(money.currency);
    else {
      amounts.push(result.money);
      if (result.rate) converted.push({ from: money, to: result.money, rate: result.rate });
    }
  }
  if (missing.length > 0) return { kind: 'missing', parts: [...earnings], missing, currency: to };
  return { kind: 'total', total: sumMoney(amounts, to), converted };
}

/** A rate's band against the worker's minimum and target for its currency (converted from the display one if need be). */
export function bandOf(rate: Money, settings: RateSettings): RateBand {
  return compareToMinimum(rate, rateFor('min', rate.currency, settings), rateFor('target', rate.currency, settings));
}
