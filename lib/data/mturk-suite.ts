import type { Money } from '../domain/money';
import { isRecord, str } from '../platforms/react-props';
import { mturkId, rewardOf } from '../platforms/mturk-fields';
import { FUTURE, latestSuiteDay } from './future';

/**
 * MTurk Suite's HIT Tracker backup (`HIT_Tracker_Backup_YYYYMMDD.json`, DESIGN.md "Platforms"): `{ hits: [...],
 * days: [...] }`, one entry per HIT the worker accepted, with no durations. Each good HIT becomes an untimed
 * record (money, never a rate); each bad one a problem with its position, so that the import can show the
 * worker exactly which rows it leaves out and why. Pure and total: the file is untrusted, and this never throws.
 */
export type ImportedStatus = 'submitted' | 'approved' | 'rejected' | 'returned' | 'expired';

export interface ImportedTask {
  platform: 'mturk';
  /** The assignment id, or the HIT id where the backup has none. */
  taskId: string;
  hitId: string;
  title: string;
  /** As the backup has it: text, never cleaned of markup (it is shown as text). */
  requesterName: string;
  requesterId?: string;
  reward: Money;
  status: ImportedStatus;
  /** The backup's date (MTurk's Pacific day), YYYY-MM-DD. */
  day: string;
  untimed: true;
}

export interface HitTrackerProblem {
  /** The HIT's 0-based position in `hits`; -1 when the file is not a HIT Tracker backup at all. */
  index: number;
  reason: string;
}

export interface HitTrackerReading {
  tasks: ImportedTask[];
  problems: HitTrackerProblem[];
}

/**
 * HIT Tracker's states, lower-cased. A Map, not an object: a state named `constructor` or `__proto__` must not find
 * Object.prototype's members. `Pending` (submitted, awaiting approval) is what HIT Tracker's older versions stored
 * from MTurk's status pages; `Accepted`, like `Assigned`, is a HIT never finished.
 */
const STATES = new Map<string, ImportedStatus>([
  ['submitted', 'submitted'],
  ['pending', 'submitted'],
  ['approved', 'approved'],
  ['paid', 'approved'],
  ['rejected', 'rejected'],
  ['returned', 'returned'],
  ['abandoned', 'expired'],
]);
const UNFINISHED = new Set(['assigned', 'accepted']);

/** Bounds the background's schemas set on page text (titles 500, names 200). */
const TITLE_MAX = 500;
const NAME_MAX = 200;

/** `YYYYMMDD` (a string or a number) that names a real calendar day → `YYYY-MM-DD`. */
export function backupDay(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : str(value)?.trim();
  const m = text ? /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text) : null;
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 2005 ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

function readHit(hit: unknown, latestDay: string | undefined): ImportedTask | string {
  if (!isRecord(hit)) return 'not a HIT record';
  const hitId = mturkId(hit.hit_id);
  if (!hitId) return 'no valid HIT id';
  const hasAssignment = hit.assignment_id !== undefined && hit.assignment_id !== null && hit.assignment_id !== '';
  const assignmentId = hasAssignment ? mturkId(hit.assignment_id) : undefined;
  if (hasAssignment && !assignmentId) return 'invalid assignment id';
  const reward = rewardOf(hit.reward);
  if (!reward || reward.currency !== 'USD') return 'no valid reward in dollars';
  const day = backupDay(hit.date);
  if (!day) return 'no valid date (YYYYMMDD)';
  if (latestDay !== undefined && day > latestDay) return FUTURE;
  const state = str(hit.state)?.trim();
  if (!state) return 'no state';
  if (UNFINISHED.has(state.toLowerCase())) return `still ${state.slice(0, 40)}: never finished`;
  const status = STATES.get(state.toLowerCase());
  if (!status) return `unknown state "${state.slice(0, 40)}"`;
  const title = typeof hit.title === 'string' ? hit.title : '';
  if (title.length > TITLE_MAX) return `title longer than ${TITLE_MAX} characters`;
  const requesterName = typeof hit.requester_name === 'string' ? hit.requester_name : '';
  if (requesterName.length > NAME_MAX) return `requester name longer than ${NAME_MAX} characters`;
  const requesterId = mturkId(hit.requester_id);
  return {
    platform: 'mturk', taskId: assignmentId ?? hitId, hitId, title, requesterName,
    ...(requesterId ? { requesterId } : {}),
    reward, status, day, untimed: true,
  };
}

/**
 * `importedAt`: when the worker imports the file; a HIT dated after MTurk's day then (US Pacific, one day of margin)
 * is a problem (`FUTURE`). Without it, dates are not bounded above.
 */
export function readHitTrackerBackup(text: string, importedAt?: number): HitTrackerReading {
  let data: unknown;
  try {
    // A byte order mark (a file saved again by an editor) is no part of the JSON.
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { tasks: [], problems: [{ index: -1, reason: 'not JSON: not a HIT Tracker backup' }] };
  }
  if (!isRecord(data) || !Array.isArray(data.hits)) {
    return { tasks: [], problems: [{ index: -1, reason: 'no "hits" list: not a HIT Tracker backup' }] };
  }
  const tasks: ImportedTask[] = [];
  const problems: HitTrackerProblem[] = [];
  const latestDay = importedAt === undefined ? undefined : latestSuiteDay(importedAt);
  data.hits.forEach((hit: unknown, index: number) => {
    const read = readHit(hit, latestDay);
    if (typeof read === 'string') problems.push({ index, reason: read });
    else tasks.push(read);
  });
  return { tasks, problems };
}
