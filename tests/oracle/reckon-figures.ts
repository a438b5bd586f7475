import { emptyDay, type Band, type DayFigures, type Figures, type RateFigures, type TrueRate } from './figures';
import { addTo, convert, dayIn, perHour } from './plain';
import { balancesOf, pendingOf } from './reckon-ledger';
import type { OState } from './reckon-state';

/** Every figure as of `s.now`. */
export function figuresOf(s: OState): Figures {
  const today = dayIn(s.zone, s.now);
  const days = daysOf(s);
  const front = s.front && 'task' in s.front && !s.front.manual ? s.front.task : null;
  const manual = s.manual ? s.tasks.get(s.manual.key)! : null;
  return {
    at: s.now,
    today,
    days,
    rates: ratesOf(s, days),
    balances: balancesOf(s, today),
    pending: pendingOf(s),
    open: [...s.tasks.values()]
      .filter((t) => t.status === 'open' && t.platform !== 'manual')
      .map((t) => ({ key: t.key, activeMs: t.activeMs, idleMs: t.idleMs, front: t.key === front }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    manual: s.manual && manual ? { running: s.manual.running, activeMs: manual.activeMs } : null,
  };
}

/**
 * "Every recorded second falls in exactly one of four parts": a closed task's time and money belong to the day
 * it is counted under; platform stretches to the day they started; bonus income to the day it was seen.
 */
function daysOf(s: OState): Record<string, DayFigures> {
  const days: Record<string, DayFigures> = {};
  const at = (day: string, platform: string) => (days[`${day}|${platform}`] ??= emptyDay());
  for (const task of s.tasks.values()) {
    if (task.status === 'open' || task.day === null) continue;
    const d = at(task.day, task.platform);
    if (!task.untimed) d.tasks++;
    d.idleMs += task.idleMs;
    const paid = task.status === 'submitted' || task.status === 'approved';
    if (paid) d.paidActiveMs += task.activeMs;
    else d.unpaidActiveMs += task.activeMs;
    if (paid) for (const m of [task.reward, task.bonus]) if (m) addTo(d.earned, m.currency, m.minor);
  }
  for (const st of s.stretches) at(st.day, st.platform).platformMs += st.end - st.start;
  for (const b of s.bonusIncome) {
    addTo(at(b.day, b.platform).earned, b.money.currency, b.money.minor);
    addTo(at(b.day, b.platform).bonusIncome, b.money.currency, b.money.minor);
  }
  return days;
}

/**
 * DESIGN.md → Rates, per day over all platforms. Effective: "reward + task bonuses of timed submitted,
 * non-rejected tasks ÷ their paid active time, per currency". True: "all earnings of the period … ÷ (paid active
 * + unpaid active + platform time)", in the one currency, else converted to the display currency.
 */
function ratesOf(s: OState, days: Record<string, DayFigures>): Record<string, RateFigures> {
  const rates: Record<string, RateFigures> = {};
  const byDay = new Map<string, DayFigures[]>();
  for (const [key, d] of Object.entries(days)) byDay.set(key.split('|')[0]!, [...(byDay.get(key.split('|')[0]!) ?? []), d]);
  for (const [day, parts] of byDay) {
    const money: Record<string, number> = {};
    const time: Record<string, number> = {};
    for (const task of s.tasks.values()) {
      if (task.day !== day || task.untimed || (task.status !== 'submitted' && task.status !== 'approved')) continue;
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
    let ms = 0;
    for (const d of parts) {
      for (const [c, minor] of Object.entries(d.bonusIncome)) addTo(earned, c, minor);
      ms += d.paidActiveMs + d.unpaidActiveMs + d.platformMs;
    }
    const rate = trueRate(s, earned, ms);
    const trueBand = rate.kind === 'single' || rate.kind === 'converted' ? band(s, rate.currency, rate.minor) : null;
    const effectiveBands = Object.fromEntries(Object.entries(effective).map(([c, minor]) => [c, band(s, c, minor)]));
    rates[day] = { effective, true: rate, bands: { effective: effectiveBands, true: trueBand } };
  }
  return rates;
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
