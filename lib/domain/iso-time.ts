/**
 * An instant as ISO 8601 with its UTC offset, in a time zone: "2026-11-30T08:52:35-08:00". What a dispute or an
 * export needs: the local wall time the worker saw *and* the offset that pins it to one instant (a bare local
 * time is ambiguous across a DST change; a bare UTC time is not what the worker saw). Seconds, no fraction:
 * a requester's records are never finer. Pure: the zone is passed in (default: the runtime's own).
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formats.set(key, format);
  }
  return format;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** en-US's "MM/DD/YYYY, HH:MM:SS" (h23). */
const WALL = /^(\d{2})\/(\d{2})\/(\d+),? (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The wall time's fields. `format` and a pattern, where `formatToParts` allocated an object per field: a history
 * row writes several times a frame while the list scrolls (issue 18). Where the runtime writes it otherwise, the
 * parts.
 */
function wallParts(format: Intl.DateTimeFormat, ms: number): Record<string, number> {
  const m = WALL.exec(format.format(ms));
  if (m) return { month: Number(m[1]), day: Number(m[2]), year: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts;
}

export function isoWithOffset(ms: number, timeZone?: string): string {
  // Years 1–9999 (what Date and ISO's basic form share); a timestamp outside is not a task's.
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${ms}`);
  const whole = Math.floor(ms / 1000) * 1000;
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = wallParts(formatIn(timeZone), whole);
  // The offset is what the zone's wall time reads minus the instant (whole minutes in every zone in use today).
  const wallAsUtc = fixYear(Date.UTC(year, month - 1, day, hour, minute, second), year);
  const offsetMin = Math.round((wallAsUtc - whole) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Date.UTC reads years 0–99 as 1900–1999: put such a year back where it was. */
function fixYear(utc: number, year: number): number {
  if (year < 0 || year > 99) return utc;
  const d = new Date(utc);
  d.setUTCFullYear(year);
  return d.getTime();
}
