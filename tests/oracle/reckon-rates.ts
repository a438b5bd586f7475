import { type Band, type RateFigures, type TrueRate } from './figures';
import { addTo, convert, perHour } from './plain';
import type { OState, OTask } from './reckon-state';

/** A timed task submitted, not rejected: its money is in the effective rate. */
export const paidTimed = (t: OTask): boolean => !t.untimed && (t.status === 'submitted' || t.status === 'approved');

/**
 * DESIGN.md → Rates, over any span (a day, a period, a session). Effective: "reward + task bonuses of timed
 * submitted, non-rejected tasks ÷ their paid active time, per currency" (`paid`: those tasks, each with its whole
 * active time). True: "all earnings of the period … ÷ (paid active + unpaid active + platform time)" (`workMs`), in
 * the one currency, else converted to the display currency.
 */
export function ratesFor(s: OState, paid: readonly OTask[], bonusIncome: Record<string, number>, workMs: number): RateFigures {
  const money: Record<string, number> = {};
  const time: Record<string, number> = {};
  for (const task of paid) {
    const paidIn = new Set<string>();
    for (const m of [task.reward, task.bonus]) if (m) {
      addTo(money, m.currency, m.minor);
      paidIn.add(m.currency);
    }
    for (const c of paidIn) addTo(time, c, task.activeMs);
  }
  const effective: Record<string, number | null> = {};
  for (const c of Object.keys(money)) effective[c] = perHour(money[c]!, time[c]!);
  // "All earnings of the period (including bonuses not tied to a task)", but "untimed and imported records count
  // in money, never in a rate" (ambiguity 21): the timed tasks' money and the bonus income.
  const earned: Record<string, number> = { ...money };
  for (const [c, minor] of Object.entries(bonusIncome)) addTo(earned, c, minor);
  const rate = trueRate(s, earned, workMs);
  const trueBand = rate.kind === 'single' || rate.kind === 'converted' ? band(s, rate.currency, rate.minor) : null;
  const effectiveBands = Object.fromEntries(Object.entries(effective).map(([c, minor]) => [c, band(s, c, minor)]));
  return { effective, true: rate, bands: { effective: effectiveBands, true: trueBand } };
}

/**
 * "A task is compared in its own currency; with no minimum for that currency, the display currency's minimum is
 * converted with the worker's exchange rate"; the target marks the good band.
 */
function band(s: OState, currency: string, minor: number | null): Band | null {
  if (minor === null) return null;
  const { minRates, targetRates, displayCurrency, exchangeRates } = s.world.settings;
  const edge = (rates: Record<string, number>) =>
    rates[currency] ?? (rates[displayCurrency] === undefined ? null : convert({ minor: rates[displayCurrency]!, currency: displayCurrency }, currency, exchangeRates));
  const minimum = edge(minRates);
  const target = edge(targetRates);
  if (minimum === null) return 'no-minimum';
  if (minor < minimum) return 'under';
  return target !== null && minor < target ? 'between' : 'good';
}

function trueRate(s: OState, earned: Record<string, number>, ms: number): TrueRate {
  const currencies = Object.keys(earned).filter((c) => earned[c] !== 0).sort();
  // No working time: nothing to divide by, whatever was earned.
  if (ms <= 0) return { kind: 'none' };
  // Working time and nothing earned: the truth is a rate of zero, in the display currency (ambiguity 12).
  if (currencies.length === 0) return ms > 0 ? { kind: 'single', currency: s.world.settings.displayCurrency, minor: 0 } : { kind: 'none' };
  if (currencies.length === 1) return { kind: 'single', currency: currencies[0]!, minor: perHour(earned[currencies[0]!]!, ms) };
  const { displayCurrency: to, exchangeRates } = s.world.settings;
  let sum = 0;
  const missing: string[] = [];
  for (const c of currencies) {
    const converted = convert({ minor: earned[c]!, currency: c }, to, exchangeRates);
    if (converted === null) missing.push(c);
    else sum += converted;
  }
  return missing.length ? { kind: 'missing', currencies: missing } : { kind: 'converted', currency: to, minor: perHour(sum, ms) };
}
