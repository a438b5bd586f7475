/**
 * Work sessions (DESIGN.md, "Work session"; the contract in "Contracts that tests rely on"): maximal stretches of
 * task and platform time, across platforms, with no gap over `gapMs`. Pure; the background feeds it a day's
 * stretches from the per-day index (lib/storage), never the whole history.
 */

/** A stretch of work in wall-clock ms: a task's time in front (active or idle), or a platform stretch. */
export interface WorkStretch {
  start: number;
  end: number;
  platform: string;
  taskKey?: string;
}

export interface WorkSession {
  start: number;
  end: number;
  /** Each platform once, in the order the session met them. */
  platforms: string[];
  /** Each task once, in the order the session met them. */
  taskKeys: string[];
}

/**
 * Sessions in time order. Stretches that overlap or lie at most `gapMs` apart, measured from the latest end so far,
 * join one session; stretches with `end <= start` are ignored.
 */
export function workSessions(stretches: readonly WorkStretch[], gapMs = 15 * 60_000): WorkSession[] {
  // A gap under zero would split overlapping stretches into sessions that overlap; no gap (or NaN) joins only those.
  const gap = gapMs > 0 ? gapMs : 0;
  // A time that is no number (NaN, ±Infinity: a damaged record) makes no stretch, rather than a session without end.
  const ordered = stretches
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const sessions: WorkSession[] = [];
  let current: WorkSession | null = null;
  for (const s of ordered) {
    if (!current || s.start - current.end > gap) {
      current = { start: s.start, end: s.end, platforms: [], taskKeys: [] };
      sessions.push(current);
    }
    current.end = Math.max(current.end, s.end);
    if (!current.platforms.includes(s.platform)) current.platforms.push(s.platform);
    if (s.taskKey !== undefined && !current.taskKeys.includes(s.taskKey)) current.taskKeys.push(s.taskKey);
  }
  return sessions;
}
