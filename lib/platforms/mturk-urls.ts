import { str } from './react-props';
import type { PageKind } from './types';

/**
 * What an MTurk URL is, from the URL alone (the background sees tab URLs, not documents). Examples:
 * - task: `/projects/{groupId}/tasks/{hitId}?assignment_id={id}` (from the queue with `&from_queue=true`);
 * - listing: `/`, `/projects`, `/projects?filters%5Bqualified%5D=true&page_size=20`, `/requesters/{id}/projects`;
 * - queue: `/tasks`;
 * - balance: `/dashboard`, `/earnings`, `/status_details/2026-11-20`;
 * - other: the preview `/projects/{groupId}/tasks?ref=w_pl_prvw` (nothing is accepted yet: searching time,
 *   not a task), `/projects/{groupId}/tasks/accept_random` (not a task until MTurk redirects to one), and the
 *   rest (qualifications, contact forms…).
 */
export const MTURK_HOST = 'worker.mturk.com';

const TASK_PATH = /^\/projects\/([A-Z0-9]+)\/tasks\/([A-Z0-9]+)\/?$/i;
const LISTING_PATH = /^\/(projects\/?|requesters\/[A-Z0-9]+\/projects\/?)?$/i;
const STATUS_PATH = /^\/status_details\/(\d{4}-\d\d-\d\d)\/?$/;

/** The path of an MTurk page, without a trailing slash; null off MTurk. */
function pathOn(url: URL): string | null {
  return url.protocol === 'https:' && url.hostname === MTURK_HOST ? url.pathname.replace(/(.)\/$/, '$1') : null;
}

export function pageKind(_doc: Document, url: URL): PageKind {
  const path = pathOn(url);
  if (path === null) return 'other';
  if (taskIdFromUrl(url)) return 'task';
  if (path === '/tasks') return 'queue';
  if (LISTING_PATH.test(path)) return 'listing';
  if (path === '/dashboard' || path === '/earnings' || statusDate(url)) return 'balance';
  return 'other';
}

/** The assignment id of a task page. `accept_random` is not a task id: the regex wants letters and digits. */
export function taskIdFromUrl(url: URL): string | null {
  const path = pathOn(url);
  if (path === null || !TASK_PATH.test(path)) return null;
  const id = str(url.searchParams.get('assignment_id'));
  return id && /^[A-Z0-9]+$/i.test(id) ? id : null;
}

/** The group and HIT ids a task URL names. */
export function taskPathIds(url: URL): { groupId: string; hitId: string } | null {
  const m = TASK_PATH.exec(pathOn(url) ?? '');
  return m?.[1] && m[2] ? { groupId: m[1], hitId: m[2] } : null;
}

export const isPath = (url: URL, path: string): boolean => pathOn(url) === path;

/** The day of a `/status_details/YYYY-MM-DD` page. */
export function statusDate(url: URL): string | null {
  return STATUS_PATH.exec(pathOn(url) ?? '')?.[1] ?? null;
}

/**
 * A logged-out worker is sent to Amazon's sign-in page with MTurk as the page to return to, e.g.
 * `https://www.amazon.com/ap/signin?openid.return_to=https%3A%2F%2Fworker.mturk.com%2Fdashboard&…`. Not an MTurk
 * page (no adapter matches it): the background can tell from the tab URL that the session has ended.
 */
export function isSignInPage(url: URL): boolean {
  if (url.protocol !== 'https:' || url.hostname !== 'www.amazon.com' || !/^\/ap\/signin\b/.test(url.pathname)) {
    return false;
  }
  try {
    return new URL(url.searchParams.get('openid.return_to') ?? '').hostname === MTURK_HOST;
  } catch {
    return false;
  }
}
