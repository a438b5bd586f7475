import type { Aggregates } from '../domain/summary';
import type { BonusEntry } from './ledger-db';
import type { PlatformStretch } from './schemas';
import { addTo } from '../domain/group';

const HOUR = 3_600_000;
const utcDay = (wall: number) => new Date(wall).toISOString().slice(0, 10);

interface Item {
  wall: number;
  amount: number;
  /** The days its instant falls on somewhere on Earth, earlier first. */
  days: string[];
}

/**
 * The local day each of version 1's platform stretches and bonus entries was counted under. Version 1 did not
 * keep it: it added each to the day of the time zone of the moment, and that zone may have changed since. Its
 * daily totals still hold the answer, exactly: each day's platform time (bonus per currency) is the sum of the
 * records counted there. A record belongs to one of the two or three days its instant falls on somewhere on
 * Earth; day by day, each day's total is met by the earliest records that may be on it (time runs forward),
 * else the latest (the worker flew west), else as near as can be.
 */
export function v1Days(stretches: PlatformStretch[], bonuses: BonusEntry[], v1Totals: Aggregates): { stretches: PlatformStretch[]; bonuses: BonusEntry[] } {
  const room = new Map<string, number>();
  for (const [key, t] of Object.entries(v1Totals)) {
    const [day, platform] = key.split('|') as [string, string];
    room.set(`${platform}|time|${day}`, t.platformMs);
    for (const [currency, minor] of Object.entries(t.bonus ?? {})) room.set(`${platform}|${currency}|${day}`, minor);
  }
  const stretchDays = placeAll(stretches, (s) => `${s.platform}|time`, (s) => ({ wall: s.start.wall, amount: s.ms }), room);
  const bonusDays = placeAll(bonuses, (b) => `${b.platform}|${b.currency}`, (b) => ({ wall: b.at, amount: b.minor }), room);
  return {
    stretches: stretches.map((s, i) => (s.day ? s : { ...s, day: stretchDays[i]! })),
    bonuses: bonuses.map((b, i) => (b.day ? b : { ...b, day: bonusDays[i]! })),
  };
}

function placeAll<T>(records: T[], group: (r: T) => string, measure: (r: T) => { wall: number; amount: number }, room: Map<string, number>): string[] {
  const days: string[] = [];
  const groups = new Map<string, { index: number; item: Item }[]>();
  records.forEach((r, index) => {
    const { wall, amount } = measure(r);
    addTo(groups, group(r), { index, item: { wall, amount, days: daysOnEarth(wall) } });
  });
  for (const [name, members] of groups) {
    members.sort((a, b) => a.item.wall - b.item.wall);
    const open = new Set(members);
    // Day by day, in order: the day's total is met by the earliest records that may be on it (and must be, for
    // those that can be on no later day).
    for (const day of [...new Set(members.flatMap((m) => m.item.days))].sort()) {
      const eligible = members.filter((m) => open.has(m) && m.item.days.includes(day));
      const forced = eligible.filter((m) => m.item.days.at(-1) === day);
      const chosen = split(eligible.map((m) => m.item.amount), room.get(`${name}|${day}`) ?? 0, eligible.map((m) => forced.includes(m)));
      eligible.forEach((m, i) => {
        if (!chosen.has(i)) return;
        days[m.index] = day;
        open.delete(m);
      });
    }
    for (const m of open) days[m.index] = m.item.days.at(-1)!; // nothing left could hold it: its latest day
  }
  return days;
}

/** The days an instant falls on somewhere on Earth (UTC−12 to UTC+14): two or three, earlier first. */
function daysOnEarth(wall: number): string[] {
  const days: string[] = [];
  for (let d = utcDay(wall - 12 * HOUR); d <= utcDay(wall + 14 * HOUR); d = utcDay(Date.parse(`${d}T12:00:00Z`) + 24 * HOUR)) days.push(d);
  return days;
}

/**
 * Which of `amounts` (in time order) make `target`, `must` ones included: the shortest prefix, else a suffix
 * (the worker flew west), else the prefix that comes nearest.
 */
function split(amounts: number[], target: number, must: boolean[]): Set<number> {
  const range = (from: number, to: number) => new Set(Array.from({ length: to - from }, (_, i) => from + i));
  const lastMust = must.lastIndexOf(true);
  let sum = 0;
  let best = { k: lastMust + 1, miss: Infinity };
  for (let k = 0; k <= amounts.length; k++) {
    if (k > lastMust) {
      if (sum === target) return range(0, k);
      if (Math.abs(target - sum) < best.miss) best = { k, miss: Math.abs(target - sum) };
    }
    sum += amounts[k] ?? 0;
  }
  const firstMust = must.indexOf(true);
  sum = 0;
  for (let k = amounts.length; k >= 0; k--) {
    if (sum === target && (firstMust < 0 || k <= firstMust)) return range(k, amounts.length);
    sum += amounts[k - 1] ?? 0;
  }
  return subsetMaking(amounts, target, must) ?? range(0, best.k);
}

/** Any set of `amounts`, `must` ones included, that makes `target`, earlier ones first (a bounded search). */
function subsetMaking(amounts: number[], target: number, must: boolean[]): Set<number> | null {
  let steps = 50_000;
  const chosen: number[] = [];
  const rest = amounts.map((_, i) => amounts.slice(i).reduce((a, b) => a + b, 0));
  const visit = (i: number, sum: number): boolean => {
    if (--steps < 0 || sum > target) return false;
    if (i === amounts.length) return sum === target;
    if (sum + rest[i]! < target) return false;
    chosen.push(i);
    if (visit(i + 1, sum + amounts[i]!)) return true;
    chosen.pop();
    return !must[i] && visit(i + 1, sum);
  };
  return visit(0, 0) ? new Set(chosen) : null;
}
