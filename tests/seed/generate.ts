import type { PlatformStretch } from '../../lib/storage/schemas';
import { elapsed } from '../../lib/domain/task-timer';
import { localDay, previousDay } from './calendar';
import { buildDay, planDay, plannedTasks } from './day';
import { Ledger } from './ledger';
import type { PrimaryBatch } from '../../lib/storage/bulk';
import { resolve } from './resolve';
import type { DayWork } from './session';

/**
 * A worker's history, generated: `tasks` task records at a fixed density (`day.ts`), so that their number sets
 * how far back the history goes (1,000 tasks ≈ the last 17 days, 100,000 ≈ 4.7 years) and the
 * recent weeks are the same whatever the number. Pure and deterministic: the same options give the same
 * records. Primary data only, in the shapes Centime stores, in batches of about `chunk` tasks, oldest first.
 */
export interface SeedOptions {
  tasks: number;
  /** The history as it stands at this instant (nothing after it; tasks under way then are open). */
  now: number;
  timeZone: string;
  seed?: number;
  /** Tasks per batch (whole days: a batch goes just past it). */
  chunk?: number;
}

/** The days the history spans, oldest first, with how many of the oldest day's tasks it keeps (its last ones). */
export function historyDays(o: SeedOptions): { day: string; keep?: number }[] {
  const seed = o.seed ?? 1;
  const days: { day: string; keep?: number }[] = [];
  let total = 0;
  // Today and yesterday hold work still to come or under way at `now`: counted as they stand then.
  const recent = new Set([localDay(o.now, o.timeZone), previousDay(localDay(o.now, o.timeZone))]);
  for (let day = localDay(o.now, o.timeZone); total < o.tasks; day = previousDay(day)) {
    const n = recent.has(day) ? known(seed, day, o).length : plannedTasks(planDay(seed, day).plan);
    days.push(n > o.tasks - total ? { day, keep: o.tasks - total } : { day });
    total += n;
  }
  return days.reverse();
}

function known(seed: number, day: string, o: SeedOptions) {
  return buildDay(seed, day, o.timeZone).drafts.filter((d) => resolve(d, o.now, o.timeZone));
}

export function* generateHistory(o: SeedOptions): Generator<PrimaryBatch> {
  const seed = o.seed ?? 1;
  const ledger = new Ledger(seed, o.now, o.timeZone);
  let batch = emptyBatch();
  for (const { day, keep } of historyDays(o)) {
    const work = cut(buildDay(seed, day, o.timeZone), keep, o);
    for (const draft of work.drafts) {
      const done = resolve(draft, o.now, o.timeZone)!;
      batch.tasks.push(done.record);
      batch.approvals.push(...done.approvals.map((approval) => ({ platform: done.record.platform, approval })));
    }
    batch.stretches.push(...work.stretches);
    const money = ledger.day(day, work.drafts, work.visits);
    batch.readings.push(...money.readings!);
    batch.bonuses.push(...money.bonuses!);
    batch.transfers.push(...money.transfers!);
    if (batch.tasks.length >= (o.chunk ?? 2_000)) {
      yield batch;
      batch = emptyBatch();
    }
  }
  if (batch.tasks.length || batch.stretches.length) yield batch;
}

/** The whole history in one batch (small histories: tests). */
export function generateAll(o: SeedOptions): Required<PrimaryBatch> {
  const all = emptyBatch();
  for (const b of generateHistory({ ...o, chunk: Infinity })) for (const k of Object.keys(all) as (keyof PrimaryBatch)[]) (all[k] as unknown[]).push(...b[k]!);
  return all;
}

const emptyBatch = (): Required<PrimaryBatch> => ({ tasks: [], stretches: [], bonuses: [], readings: [], approvals: [], transfers: [], legacyDelays: [] });

/**
 * The day as it stands at `now` (tasks Centime has met, platform time so far), keeping only its last `keep` tasks
 * on the oldest day, and what happened from the first of them on.
 */
function cut(work: DayWork, keep: number | undefined, o: SeedOptions): DayWork {
  let drafts = work.drafts.filter((d) => resolve(d, o.now, o.timeZone)).sort((a, b) => a.knownFrom - b.knownFrom);
  if (keep !== undefined) drafts = drafts.slice(drafts.length - keep);
  const from = keep === undefined ? -Infinity : (drafts[0]?.knownFrom ?? Infinity);
  const stretches = work.stretches.filter((s) => s.start.wall >= from && s.start.wall < o.now).map((s) => until(s, o.now));
  return { drafts, stretches, visits: work.visits.filter((v) => v.at >= from) };
}

/** A stretch still going on at `now` ends there. */
function until(s: PlatformStretch, now: number): PlatformStretch {
  if (s.end.wall <= now) return s;
  const end = { ...s.start, wall: now, mono: s.start.mono + (now - s.start.wall) };
  return { ...s, end, ms: Math.round(elapsed(s.start, end)) };
}
