import { PROLIFIC_MATCHES } from './hosts';
import { readListing } from './prolific-listing';
import { readSubmissions } from './prolific-submissions';
import { readTask } from './prolific-task';
import { pageKind, readCompletion, taskIdFromUrl } from './prolific-urls';
import type { Completion, ListedTask, PlatformAdapter, ProlificSubmission } from './types';

export { durationSec } from './prolific-fields';
export { PROLIFIC_STATUSES, submissionStatus } from './prolific-submissions';

/**
 * Prolific (`https://app.prolific.com/*`), a single-page app: every reader works from the current document and
 * URL only, and returns [] or null on pages that are not its kind. Studies run on another site (a survey
 * tool): the study page is the task, and the completion URL the study's site sends the worker back to says it
 * was submitted. It names no study: the background credits the single ACTIVE one. The worker's own Prolific
 * ID, which pages show, is never read.
 */
export const prolific: PlatformAdapter & {
  readListing(doc: Document, url: URL): ListedTask[];
  readSubmissions(doc: Document, url: URL): ProlificSubmission[];
  readCompletion(url: URL): Completion | null;
} = {
  id: 'prolific',
  name: 'Prolific',
  matches: PROLIFIC_MATCHES,
  external: true,
  singleActive: true,
  pageKind,
  readTask,
  taskIdFromUrl,
  readListing,
  pageAlert: (_doc, url) => (readCompletion(url) ? 'submitted' : null),
  readSubmissions,
  readCompletion,
};

// Fixtures (tests/fixtures/prolific/, each with a sidecar of what the page shows):
// - studies: the studies list with a GBP study, a USD one, an hour-long one, one with an HTML-looking title, one
//   with an endless researcher name, one with no reward tags, malformed cards (no id, a bad id, no title, a
//   580-character title) and a card outside the list.
// - study: a study page beside the list (split view): the details, not another study's card; a maximum time.
// - study-usd: a study page in dollars on its own, "Maximum time: 1 hour 10 mins" in one line.
// - complete: the completion URL with a code (`?cc=C1A2B3C4`): submitted.
// - complete-nocode: the completion URL with `cc=NOCODE`: submitted, no code.
// - submissions: page 2 of the submissions list: a header row, a row of each status (a partial reward when
//   screened out, a bonus on an approval, a dollar reward), an unknown status, a row without a status cell and
//   one whose amount has no currency.
// - account: an account page of the app: nothing to read.
// - auth-sign-in: the logged-out redirect to `auth.prolific.com`: no adapter matches it.
