import { emptyDay, type DayFigures, type Figures, type RateFigures } from './figures';
import { addTo, dayIn } from './plain';
import { balancesOf, pendingOf } from './reckon-ledger';
import { periodsOf } from './reckon-periods';
import { paidTimed, ratesFor } from './reckon-rates';
import { sessionsOf } from './reckon-sessions';
import type { OState } from './reckon-state';
import { correctedState } from './reckon-edits';

/** Every figure as of `s.now`, the worker's corrections applied (`reckon-edits.ts`). */
export function figuresOf(recorded: OState): Figures {
  const s = correctedState(recorded);
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
    periods: periodsOf(s, days, sessionsOf(s)),
  };
}

/**
 * "Every recorded second falls in exactly one of four parts": a closed task's time and money belong to the day
 * it is counted under; platform stretches to the day they started; bonus income to the day it was seen.
 */
export function daysOf(s: OState): Record<string, DayFigures> {
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

/** Per day over all platforms (DESIGN.md → Rates). */
function ratesOf(s: OState, days: Record<string, DayFigures>): Record<string, RateFigures> {
  const byDay = new Map<string, DayFigures[]>();
  for (const [key, d] of Object.entries(days)) byDay.set(key.split('|')[0]!, [...(byDay.get(key.split('|')[0]!) ?? []), d]);
  const rates: Record<string, RateFigures> = {};
  for (const [day, parts] of byDay) {
    const bonus: Record<string, number> = {};
    let ms = 0;
    for (const d of parts) {
      for (const [c, minor] of Object.entries(d.bonusIncome)) addTo(bonus, c, minor);
      ms += d.paidActiveMs + d.unpaidActiveMs + d.platformMs;
    }
    rates[day] = ratesFor(s, [...s.tasks.values()].filter((t) => t.day === day && paidTimed(t)), bonus, ms);
  }
  return rates;
}
