import { compareEvents, orderEvents, replay, type TimerEvent } from './task-timer';

/**
 * One timeline from the timelines of one task stored twice (under two ids: lib/storage/migrate-identity-ids.ts),
 * counting every second that either counted. Within one browser two copies never hold time at the same instant
 * (attention picks at most one front task), so their events, in (boot, n) order, interleave without overlapping.
 * What would end one copy's time inside the other's is undone, as each copy's own replay counted it:
 * - each copy's events after its first outcome never counted: left out;
 * - a copy's end that is not the joined timeline's end — an outcome, or an event that leaves it in front — ends
 *   its time in front there (a `not-front` of the same stamp) rather than ending the task, or leaving it open for
 *   the other copy's next event to close (time neither counted); an outcome while the copy was not in front ends
 *   nothing of its time, and is left out (it might fall inside the other copy's time in front).
 * Only the last end stays as it was: the task's outcome, or its stretch in front still open. Pure.
 * Null when two copies hold different events under one (boot, n): they are not one browser's, and cannot be joined.
 */
export function joinTimelines(timelines: readonly (readonly TimerEvent[])[]): TimerEvent[] | null {
  const counted = timelines.map((events) => {
    const ordered = orderEvents(events);
    const end = ordered.findIndex((e) => e.type === 'outcome');
    return end < 0 ? ordered : ordered.slice(0, end + 1);
  });
  const id = (e: TimerEvent) => `${e.boot}:${e.n}`;
  const byId = new Map<string, TimerEvent>();
  for (const list of counted) {
    for (const e of list) {
      const was = byId.get(id(e));
      if (was && JSON.stringify(was) !== JSON.stringify(e)) return null;
      byId.set(id(e), e);
    }
  }
  const joined = [...byId.values()].sort(compareEvents);
  const last = joined.at(-1) && id(joined.at(-1)!);
  const ends = new Map<string, TimerEvent | null>();
  for (const list of counted) {
    const end = list.at(-1);
    if (!end || id(end) === last) continue;
    // Another copy holds this event and goes on past it (a copy of a copy, longer): not where time stopped.
    if (counted.some((other) => other.some((e) => id(e) === id(end)) && id(other.at(-1)!) !== id(end))) continue;
    const before = end.type === 'outcome' ? replay(list.slice(0, -1)) : replay(list);
    if (before.openSince) ends.set(id(end), { boot: end.boot, n: end.n, type: 'not-front', at: end.at });
    else if (end.type === 'outcome') ends.set(id(end), null);
  }
  return joined.flatMap((e) => {
    const replaced = ends.get(id(e));
    return replaced === undefined ? [e] : replaced ? [replaced] : [];
  });
}
