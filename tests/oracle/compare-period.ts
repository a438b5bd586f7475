import type { PeriodFigures as ShownFigures, TrueRate as ShownTrueRate } from '../../lib/domain/figures';
import type { Money } from '../../lib/domain/money';
import type { PeriodView } from '../../lib/messaging';
import type { PeriodFigures, SessionFigures, SpanFigures, TrueRate } from './figures';

/**
 * With compare.ts, the only place that knows the popup's data shape, here `PeriodView` (today, this week, this
 * month, their days and their work sessions): it maps a view into the oracle's format and lists what differs.
 * Not compared: each session task's title (the oracle knows no titles), the exchange rates a converted true rate
 * used (the oracle keeps only the result), the bands (a PeriodView has none).
 */

const coins = (m: Money | null | undefined): Money | null => (m ? { minor: m.minor, currency: m.currency } : null);
const amounts = (list: readonly Money[]): Record<string, number> => Object.fromEntries(list.map((m) => [m.currency, m.minor]));

function trueRateOf(r: ShownTrueRate | null): TrueRate {
  if (!r) return { kind: 'none' };
  if ('missing' in r) return { kind: 'missing', currencies: [...r.missing] };
  return { kind: r.converted ? 'converted' : 'single', currency: r.rate.currency, minor: r.rate.minor };
}

function spanOf(f: ShownFigures | null, tasksDone: number): SpanFigures {
  return {
    time: f ? { paidActiveMs: f.time.paidActiveMs, unpaidActiveMs: f.time.unpaidActiveMs, idleMs: f.time.idleMs, platformMs: f.time.platformMs } : { paidActiveMs: 0, unpaidActiveMs: 0, idleMs: 0, platformMs: 0 },
    earned: amounts(f?.earnings ?? []),
    bonusIncome: amounts(f?.bonusIncome ?? []),
    tasksDone,
    rates: { effective: amounts(f?.effective ?? []), true: trueRateOf(f?.trueRate ?? null) },
  };
}

export function fromPeriod(view: PeriodView): PeriodFigures {
  return {
    ...spanOf(view.figures, view.tasksDone),
    from: view.from, to: view.to, inProgressMs: view.inProgressMs,
    days: Object.fromEntries(view.days.map((d) => [d.day, spanOf(d.figures, d.tasksDone)])),
    sessions: view.sessions.map((x): SessionFigures => {
      const { bonusIncome: _none, ...span } = spanOf(x.figures, x.tasksDone);
      return {
        ...span, start: x.start, end: x.end, platforms: x.platforms, inProgressMs: x.inProgressMs,
        tasks: x.tasks.map((t) => ({ key: t.key, platform: t.platform, status: t.status, activeMs: t.activeMs, idleMs: t.idleMs, reward: coins(t.reward), bonus: coins(t.bonus), rate: coins(t.rate) })),
      };
    }),
    crossesMidnight: view.crossesMidnight,
  };
}

/** Every figure of one period that differs, oracle against popup. */
export function periodDifferences(label: string, oracle: PeriodFigures, seen: PeriodFigures): string[] {
  const out: string[] = [];
  const at = `${label} ${oracle.from}…${oracle.to}`;
  diff(out, `${label} days`, [oracle.from, oracle.to], [seen.from, seen.to]);
  spanDifferences(out, at, oracle, seen);
  diff(out, `${at} inProgressMs`, oracle.inProgressMs, seen.inProgressMs);
  diff(out, `${at} crossesMidnight`, oracle.crossesMidnight, seen.crossesMidnight);
  for (const day of union(oracle.days, seen.days)) {
    const [o, p] = [clean(oracle.days[day]), clean(seen.days[day])];
    if (!o || !p) diff(out, `${at} day ${day}`, o, p);
    else spanDifferences(out, `${at} day ${day}`, o, p);
  }
  const shown = new Map(seen.sessions.map((x) => [x.start, x]));
  for (const o of oracle.sessions) {
    const p = shown.get(o.start);
    shown.delete(o.start);
    const name = `${at} session ${iso(o.start)}–${iso(o.end)}`;
    if (!p) {
      out.push(`${name}: the oracle lists it, the popup does not`);
      continue;
    }
    for (const field of ['end', 'platforms', 'inProgressMs', 'tasks'] as const) diff(out, `${name} ${field}`, o[field], p[field]);
    spanDifferences(out, name, { ...o, bonusIncome: {} }, { ...p, bonusIncome: {} });
  }
  for (const p of shown.values()) out.push(`${at} session ${iso(p.start)}–${iso(p.end)}: the popup lists it (${p.tasks.map((t) => t.key).join(', ')}), the oracle does not`);
  return out;
}

function spanDifferences(out: string[], label: string, o: SpanFigures, p: SpanFigures): void {
  for (const part of ['paidActiveMs', 'unpaidActiveMs', 'idleMs', 'platformMs'] as const) diff(out, `${label} ${part}`, o.time[part], p.time[part]);
  diff(out, `${label} tasksDone`, o.tasksDone, p.tasksDone);
  diff(out, `${label} earned`, money(o.earned), money(p.earned));
  diff(out, `${label} bonusIncome`, money(o.bonusIncome), money(p.bonusIncome));
  diff(out, `${label} effective`, sorted(o.rates.effective), sorted(p.rates.effective));
  diff(out, `${label} true rate`, trueLine(o.rates.true), trueLine(p.rates.true));
}

/** A day with nothing in it is no day (either side may list it). */
function clean(d: SpanFigures | undefined): SpanFigures | undefined {
  if (!d) return undefined;
  const empty = !d.time.paidActiveMs && !d.time.unpaidActiveMs && !d.time.idleMs && !d.time.platformMs && !d.tasksDone && !Object.keys(money(d.earned)).length;
  return empty ? undefined : d;
}

function trueLine(rate: TrueRate): string {
  if (rate.kind === 'none') return 'none';
  if (rate.kind === 'missing') return `missing ${[...rate.currencies].sort().join(',')}`;
  return rate.minor === null ? 'none' : `${rate.kind} ${rate.currency} ${rate.minor}`;
}

/** Zero amounts are no money. */
const money = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== 0).sort());
const sorted = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).sort());
const union = (a: object, b: object) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
const iso = (ms: number) => new Date(ms).toISOString().slice(5, 19);

function diff(out: string[], label: string, oracle: unknown, popup: unknown): void {
  const [o, p] = [JSON.stringify(oracle ?? null), JSON.stringify(popup ?? null)];
  if (o !== p) out.push(`${label}: oracle ${o}, popup ${p}`);
}
