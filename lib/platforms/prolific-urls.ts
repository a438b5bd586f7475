import type { Completion, PageKind } from './types';

/**
 * What a Prolific URL is, from the URL alone (the background sees tab URLs, not documents). Prolific is a
 * single-page app: the content script reads the page again on each `wxt:locationchange`. Examples:
 * - listing: `/studies` (the studies list);
 * - task: `/studies/6650c1e2a4b5d6e7f8091a2b` (a study page: "Take part" reserves it, starting makes it ACTIVE);
 * - completion: `/submissions/complete?cc=C1A2B3C4` (where a study's site sends the worker when done; also
 *   `cc=NOCODE`);
 * - balance: `/submissions`, `/submissions?page=2` (the worker's submissions list);
 * - other: the rest (account, messages…) and every other host, e.g. the sign-in page on `auth.prolific.com`.
 */
export const PROLIFIC_HOST = 'app.prolific.com';

// Prolific's ids are 24 hexadecimal characters; letters and digits are enough to keep an id safe in a URL.
const STUDY_ID = /^[A-Za-z0-9]{1,64}$/;
const STUDY_PATH = /^\/studies\/([^/]+)$/;
// Completion codes are short letters and digits; anything else on the URL is kept out of storage.
const CODE = /^[A-Za-z0-9_-]{1,100}$/;

/** The path of a Prolific page, without a trailing slash; null off Prolific. */
function pathOn(url: URL): string | null {
  return url.protocol === 'https:' && url.hostname === PROLIFIC_HOST ? url.pathname.replace(/(.)\/$/, '$1') : null;
}

export function isStudyId(value: string | null | undefined): value is string {
  return typeof value === 'string' && STUDY_ID.test(value);
}

export function pageKind(_doc: Document, url: URL): PageKind {
  const path = pathOn(url);
  if (path === null) return 'other';
  if (taskIdFromUrl(url)) return 'task';
  if (path === '/studies') return 'listing';
  if (path === '/submissions/complete') return 'completion';
  if (path === '/submissions') return 'balance';
  return 'other';
}

/** The study id of a study page. */
export function taskIdFromUrl(url: URL): string | null {
  return studyIdOfPath(pathOn(url));
}

function studyIdOfPath(path: string | null): string | null {
  const id = STUDY_PATH.exec(path ?? '')?.[1];
  return isStudyId(id) ? id : null;
}

/** The study a link points to (relative or absolute), when it stays on Prolific. */
export function studyIdOfHref(href: string | null, base: URL): string | null {
  if (!href) return null;
  try {
    return studyIdOfPath(pathOn(new URL(href, base.origin)));
  } catch {
    return null;
  }
}

/**
 * A completion URL. It names no study, only the code the study's site passed on: `NOCODE` (the worker came
 * back without one) still means submitted. So does a URL with no `cc` at all: the path alone is Prolific's
 * "submitted" page. A code that is not plain letters and digits is not kept.
 */
export function readCompletion(url: URL): Completion | null {
  if (pathOn(url) !== '/submissions/complete') return null;
  const cc = url.searchParams.get('cc')?.trim() ?? '';
  return { code: CODE.test(cc) && cc.toUpperCase() !== 'NOCODE' ? cc : null };
}
