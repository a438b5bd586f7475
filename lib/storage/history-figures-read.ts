import type { Approval } from './ledger-db';
import type { DayEntry, TaskRow } from './task-store';
import { frontStretches } from '../domain/work-stretches';
import { sessionViews, type SessionEntry, type SessionTaskInput, type SessionView } from '../domain/session-figures';
import { dayStart, nextDay } from '../domain/summary';
import type { ConversionSettings } from '../domain/figures';
import type { Stamp } from '../domain/task-timer';
import { database } from './database';
import { approvalKeyOf } from './item-keys';
import { itemsBetween, platformsOf, type GetAll } from './packs';
import { entriesEnding, entriesStarting, getTasks, openTaskKeys, taskKey } from './history-db';
import { getRows } from './rows-db';
import type { TaskRecord } from './schemas';

/**
 * Read-only reads of the figures the popup's periods and the history page show (docs/storage.md): work sessions
 * through the per-day index, the rows counted in a range of days through the rows' `day` index, and the dated
 * approvals of a range of time. Each read grows with the range asked for, never with the whole history; none writes.
 */

/** The open tasks at `now`: each as a session's input with its time so far, and its stretch under way (in no index yet). */
export interface OpenWork {
  live: Map<string, SessionTaskInput>;
  entries: SessionEntry[];
  /** Their active and idle time so far: in progress, in no part until their outcome. */
  inProgressMs: number;
}

export async function openWork(now: Stamp): Promise<OpenWork> {
  const open = await getTasks(await openTaskKeys());
  const live = new Map<string, SessionTaskInput>();
  const entries: SessionEntry[] = [];
  let inProgressMs = 0;
  for (const task of open) {
    const key = taskKey(task.platform, task.taskId);
    const stretches = frontStretches(task.events, now);
    const running = stretches.find((s) => s.open);
    if (running) entries.push({ start: running.start, end: running.end, platform: task.platform, taskKey: key, activeMs: running.activeMs, idleMs: running.idleMs });
    const activeMs = stretches.reduce((sum, s) => sum + s.activeMs, 0);
    const idleMs = stretches.reduce((sum, s) => sum + s.idleMs, 0);
    live.set(key, sessionInput(task, key, activeMs, idleMs));
    inProgressMs += activeMs + idleMs;
  }
  return { live, entries, inProgressMs };
}

/**
 * The work sessions that start from local day `from` to `to` (inclusive, in `timeZone`): the recorded stretches
 * around them, the open work passed in (`live` tasks and their `entries` under way), and the rows of their tasks.
 */
export async function sessionsBetween(
  from: string,
  to: string,
  timeZone: string,
  settings: ConversionSettings & { gapMs: number },
  open: Pick<OpenWork, 'live' | 'entries'>,
  /** Whether stretches after the period are read only as far as its sessions reach (a period in the past). */
  bounded = true,
): Promise<SessionView[]> {
  const [start, end] = [dayStart(from, timeZone), dayStart(nextDay(to), timeZone)];
  const entries = [...open.entries, ...(await stretchesAround(start, bounded ? end : Infinity, open.entries, settings.gapMs))];
  const keys = [...new Set(entries.flatMap((e) => (e.taskKey !== undefined && !open.live.has(e.taskKey) ? [e.taskKey] : [])))];
  const tasks = new Map(open.live);
  for (const row of await getRows(keys)) tasks.set(row.key, sessionInput(row, row.key, row.activeMs, row.idleMs));
  return sessionViews(entries, tasks, settings, (at) => at >= start && at < end);
}

/**
 * The recorded stretches a period's sessions are made of: every one that ends after the period begins, and
 * before them, back as far as a session begun earlier reaches (a manual timer left running over a weekend): a
 * session is maximal, and belongs to the day it starts (DESIGN.md). `live` are the stretches under way, not
 * recorded yet: they may reach back too. With `periodEnd` (a period in the past), not every stretch up to now:
 * those that end in the period, those that start in it, and after it, as far as a session begun in it reaches.
 */
async function stretchesAround(periodStart: number, periodEnd: number, live: readonly SessionEntry[], gapMs: number): Promise<SessionEntry[]> {
  let low = periodStart - gapMs;
  const found: SessionEntry[] = periodEnd === Infinity ? await entriesEnding(low) : await within(low, periodEnd);
  for (;;) {
    const { earliest } = span(found, live);
    if (!(earliest < low)) break;
    // Whatever ends within the gap before the earliest stretch joins its session: read it, then look again.
    const before = earliest - gapMs;
    for (const e of await entriesEnding(before, low)) found.push(e);
    low = before;
  }
  if (periodEnd === Infinity) return found;
  // After the period: what starts within the gap of the latest end so far joins a session begun in it.
  let high = periodEnd;
  for (;;) {
    const latest = Math.max(periodEnd, span(found, live).latest) + gapMs;
    if (!(latest >= high)) return found;
    for (const e of await entriesStarting(high, latest)) found.push(e);
    high = latest + 1;
  }
}

/**
 * The earliest start and the latest end of the stretches, in a loop: a year of a busy worker's stretches (over
 * 150,000) is more than a call takes as arguments, and `Math.min(...starts)` threw a RangeError.
 */
function span(...lists: (readonly SessionEntry[])[]): { earliest: number; latest: number } {
  let [earliest, latest] = [Infinity, -Infinity];
  for (const list of lists) {
    for (const e of list) {
      if (e.start < earliest) earliest = e.start;
      if (e.end > latest) latest = e.end;
    }
  }
  return { earliest, latest };
}

/**
 * The stretches that end from `low` to `end`, and those that start from `low` to `end` and end after it. A stretch
 * that began before `low` and ends after `end` is left out: its session began before the period, and no other
 * session can begin while it runs.
 */
async function within(low: number, end: number): Promise<SessionEntry[]> {
  const ended = await entriesEnding(low, end);
  const crossing = (await entriesStarting(low, end)).filter((e) => e.end >= end);
  return [...ended, ...crossing];
}

export function sessionInput(
  task: Pick<TaskRecord, 'platform' | 'title' | 'status' | 'reward' | 'bonus'>,
  key: string,
  activeMs: number,
  idleMs: number,
): SessionTaskInput {
  return {
    key, platform: task.platform, title: task.title, status: task.status, activeMs, idleMs, reward: task.reward,
    ...(task.bonus ? { bonus: task.bonus } : {}),
  };
}

/** The rows counted under the days from `from` to `to` (inclusive), through the rows' `day` index (open tasks have none). */
export async function rowsBetween(from: string, to: string): Promise<TaskRow[]> {
  return (await (await database()).getAllFromIndex('rows', 'day', IDBKeyRange.bound(from, to))) as TaskRow[];
}

/**
 * The approvals dated from `start` (included) to `end` (excluded), every platform: one key range per platform
 * (the store's keys begin with it), the platforms found by skipping from one to the next (one step each).
 */
export async function approvalsBetween(start: number, end: number): Promise<(Approval & { platform: string })[]> {
  const db = await database();
  const platforms = await platformsOf('approvals');
  const getAll: GetAll = (range) => db.getAll('approvals', range);
  // A platform's loose approvals of the period, and its packs of those days (lib/storage/packs.ts).
  const lists = await Promise.all(platforms.map((p) => itemsBetween(getAll, approvalKeyOf, p, start, end)));
  return lists.flat() as (Approval & { platform: string })[];
}

export type { DayEntry };
