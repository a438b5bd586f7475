import { z } from 'zod';
import { mergeDetails } from '../domain/task-details';
import type { TaskSnapshot } from '../platforms/types';
import { taskSnapshotSchema } from '../storage/schemas';

/**
 * What Centime keeps of off-site studies outside the task history (DESIGN.md, Attention): a study page only
 * looked at is no task, so what is needed to make it one when it starts lives here, small and bounded.
 */

/** A study page looked at, not started: kept in session storage (its tab id means nothing after a restart). */
export interface ViewedEntry {
  snapshot: TaskSnapshot;
  /** The tab it was last seen in. */
  tabId?: number;
  /** Its page's address (origin and path) in that tab then: a tab since moved elsewhere no longer shows it. */
  page?: string;
  firstSeenAt: number;
  seenAt: number;
  /** Tabs already opened from that tab when the study was first seen there: they are not its survey. */
  openedBefore: number[];
}
export type ViewedStudies = Record<string, ViewedEntry>;

/** Per started study, in local storage (it outlives a browser restart, when fallback matters most). */
export interface StudyMark {
  /** The worker said "not working on this": the study never accrues in an unrelated tab again. */
  detached?: boolean;
  /** Last time it was active in its own tabs (its page, or a tab opened from it): its 2-hour expiry runs from here. */
  activeAt?: number;
  /**
   * Another study of its platform started after it, on a platform with one study under way at a time
   * (`singleActive`): it is over there, whatever its outcome turns out to be (its row on the submissions page). It
   * stays open until then, but no completion page is credited to it, its tab stands for it no more (the next study
   * took it) and it lends no time to an unrelated tab.
   */
  superseded?: boolean;
}
export type StudyMarks = Record<string, StudyMark>;

/**
 * At most this many studies looked at are remembered, each for at most a week since it was last seen: a study
 * page left open in a tab (over a night, a weekend) can still be started from there.
 */
export const VIEWED_MAX = 30;
export const VIEWED_MAX_AGE_MS = 7 * 24 * 3_600_000;
/** A started study with no known maximum time expires after this long with no activity in its tabs. */
export const INACTIVE_EXPIRY_MS = 2 * 3_600_000;

const tabIdSchema = z.number().int().nonnegative();
const keySchema = z.string().min(1).max(300);

export const viewedStudiesSchema = z.record(
  keySchema,
  z.object({
    snapshot: taskSnapshotSchema,
    tabId: tabIdSchema.optional(),
    page: z.string().max(2048).optional(),
    firstSeenAt: z.number().int().nonnegative(),
    seenAt: z.number().int().nonnegative(),
    openedBefore: z.array(tabIdSchema).max(50),
  }),
) as z.ZodType<ViewedStudies>;

export const studyMarksSchema = z.record(
  keySchema,
  z.object({ detached: z.boolean().optional(), activeAt: z.number().int().nonnegative().optional(), superseded: z.boolean().optional() }),
) as z.ZodType<StudyMarks>;

/** Drops what is older than `VIEWED_MAX_AGE_MS`, then all but the most recently seen `VIEWED_MAX`. */
export function keepViewed(
  viewed: ViewedStudies,
  now: number,
  /** Still shown in its tab: kept whatever its age (a study page left open can still be started). */
  shown: (key: string, tabId: number | undefined) => boolean = () => false,
): ViewedStudies {
  const recent = Object.entries(viewed)
    .filter(([key, v]) => shown(key, v.tabId) || now - v.seenAt <= VIEWED_MAX_AGE_MS)
    .sort((a, b) => b[1].seenAt - a[1].seenAt)
    .slice(0, VIEWED_MAX);
  return Object.fromEntries(recent);
}

/**
 * Tabs opened from a study's tab while that tab shows something else (Prolific's list, another site) are no survey of
 * that study: added to its `openedBefore`, so that the study, shown there again later, is not started by them (a
 * study is seen again in the same tab with the list it had). `shows`: the study key a tab's address names. Null
 * when nothing changes (nothing to write).
 */
export function awayOpened(
  viewed: ViewedStudies,
  tabs: readonly { id: number; openerTabId?: number }[],
  shows: (tabId: number) => string | undefined,
): ViewedStudies | null {
  let next: ViewedStudies | null = null;
  for (const [key, entry] of Object.entries(viewed)) {
    if (entry.tabId === undefined || shows(entry.tabId) === key || !tabs.some((t) => t.id === entry.tabId)) continue;
    const fresh = tabs.filter((t) => t.openerTabId === entry.tabId && !entry.openedBefore.includes(t.id)).map((t) => t.id);
    if (fresh.length === 0) continue;
    next ??= { ...viewed };
    next[key] = { ...entry, openedBefore: [...entry.openedBefore, ...fresh].slice(-50) };
  }
  return next;
}

/** The study looked at, seen (again) in `tabId`: the tabs already opened from a new tab are remembered. */
export function seeStudy(
  viewed: ViewedStudies,
  key: string,
  snapshot: TaskSnapshot,
  at: { wall: number; tabId: number | undefined; openedFromTab: () => number[]; page?: string },
): ViewedStudies {
  const prev = viewed[key];
  const sameTab = prev !== undefined && prev.tabId === at.tabId;
  const entry: ViewedEntry = {
    // A render that could not read everything keeps what an earlier one read (issue 19).
    snapshot: mergeDetails(prev?.snapshot, snapshot),
    firstSeenAt: prev?.firstSeenAt ?? at.wall,
    seenAt: at.wall,
    openedBefore: sameTab ? prev.openedBefore : at.tabId === undefined ? [] : at.openedFromTab().slice(0, 50),
  };
  if (at.tabId !== undefined) entry.tabId = at.tabId;
  if (at.tabId !== undefined && at.page !== undefined) entry.page = at.page;
  // Pruned by count only here: which pages are still shown is known where tabs are (the tracker's reading).
  return keepViewed({ ...viewed, [key]: entry }, at.wall, () => true);
}

/** A page's address without its query and fragment (an app may rewrite those on the same page); null if unreadable. */
export function pageOf(url: string | undefined): string | null {
  try {
    const parsed = new URL(url ?? '');
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}
