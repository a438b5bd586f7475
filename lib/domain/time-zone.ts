/**
 * The browser's time zone, read again at most once a second. Building an `Intl.DateTimeFormat` to ask it costs
 * ~0.1-0.5 ms, and the background asks on every write of a task (the day it counts under) and every decision:
 * in the service worker's CPU profile of the event bench it was the first of Centime's own functions (issue 18).
 * A change of zone (travel, the system's setting) is seen within that second; each record keeps the day it was
 * counted under, so nothing already written moves (DESIGN.md, "Time").
 */
export function timeZoneReader(
  now: () => number = Date.now,
  read: () => string = () => Intl.DateTimeFormat().resolvedOptions().timeZone,
  maxAgeMs = 1_000,
): () => string {
  let last: { zone: string; at: number } | undefined;
  return () => {
    const at = now();
    // A clock set back is a reason to read again too.
    if (!last || at - last.at >= maxAgeMs || at < last.at) last = { zone: read(), at };
    return last.zone;
  };
}
