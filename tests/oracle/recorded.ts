import type { Aggregates } from '../../lib/domain/summary';
import type { PlatformStretch, TaskRecord } from '../../lib/storage/schemas';

/**
 * "No time counted twice", read from what the background stored, with the oracle's own plain reading of the
 * events (no lib/ replay): each task's stretches in front, each platform stretch, the manual timer's stretches.
 */

export interface Stretch {
  what: string;
  start: number;
  end: number;
}

/** A task's time in front: from each `front` to the next `not-front`, `crash` or outcome, in (boot, n) order. */
export function frontStretches(task: TaskRecord): Stretch[] {
  const events = [...task.events].sort((a, b) => a.boot - b.boot || a.n - b.n);
  const out: Stretch[] = [];
  let since: number | null = null;
  for (const e of events) {
    if (e.type === 'front') since ??= e.at.wall;
    else if ((e.type === 'not-front' || e.type === 'crash' || e.type === 'outcome') && since !== null) {
      out.push({ what: `${task.platform}:${task.taskId}`, start: since, end: e.at.wall });
      since = null;
    }
    if (e.type === 'outcome') break;
  }
  return out.filter((s) => s.end > s.start);
}

/** Every pair of recorded stretches that share some wall-clock time. */
export function overlaps(tasks: readonly TaskRecord[], stretches: readonly PlatformStretch[]): string[] {
  const all: Stretch[] = [
    ...tasks.flatMap(frontStretches),
    ...stretches.filter((s) => s.end.wall > s.start.wall).map((s) => ({ what: `platform ${s.platform}`, start: s.start.wall, end: s.end.wall })),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  const found: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length && all[j]!.start < all[i]!.end; j++) {
      const [a, b] = [all[i]!, all[j]!];
      found.push(`${a.what} [${iso(a.start)}–${iso(a.end)}] and ${b.what} [${iso(b.start)}–${iso(b.end)}]`);
    }
  }
  return found;
}

/** Paid active + unpaid active + idle + platform, over every stored day. */
export function recordedTotal(aggregates: Aggregates): number {
  return Object.values(aggregates).reduce((sum, t) => sum + t.paidActiveMs + t.unpaidActiveMs + t.idleMs + t.platformMs, 0);
}

const iso = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/**
 * What the stored days count of the tasks the worker corrected or added by hand (issue 16), against what their
 * events recorded: a corrected active time stands instead of the recorded one ("the difference is in no time
 * part"), a deleted task counts nothing, a task added by hand has no recorded time. The "no time counted twice"
 * sum leaves this out: recorded total − this = the time that accrued.
 */
export function correctedExtra(tasks: readonly TaskRecord[]): number {
  let extra = 0;
  for (const t of tasks) {
    if (!t.edits?.length && !t.addedByHand) continue;
    const latest = new Map<string, NonNullable<TaskRecord['edits']>[number]>();
    for (const e of [...(t.edits ?? [])].sort((a, b) => a.at - b.at)) latest.set(e.field, e);
    const recorded = t.activeMs + t.idleMs;
    if (latest.get('deleted')?.value === true) {
      extra -= recorded;
      continue;
    }
    const active = latest.get('activeMs');
    const counted = (active && active.value !== null ? (active.value as number) : (t.handActiveMs ?? t.activeMs)) + t.idleMs;
    extra += counted - recorded;
  }
  return extra;
}
