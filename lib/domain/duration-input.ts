/**
 * A duration as a worker types it: minutes ("40", "12.5", "12,5"), or a stopwatch reading ("40:00", "1:05:09"), as
 * `formatDuration` writes them. Milliseconds, or null for anything else (negative, empty, seconds past 59).
 */
export function parseDuration(text: string): number | null {
  const typed = text.trim();
  const minutes = /^(\d{1,5})(?:[.,](\d{1,3}))?$/.exec(typed);
  if (minutes) return Math.round(Number(`${minutes[1]}.${minutes[2] ?? '0'}`) * 60_000);
  const clock = /^(?:(\d{1,4}):)?(\d{1,3}):(\d{2})$/.exec(typed);
  if (!clock) return null;
  const [h, m, s] = [Number(clock[1] ?? 0), Number(clock[2]), Number(clock[3])];
  if (s > 59 || (clock[1] !== undefined && m > 59)) return null;
  return ((h * 60 + m) * 60 + s) * 1000;
}
