import { readBalances, readDashboard } from './mturk-balances';
import { readEarnings } from './mturk-earnings';
import { readListing } from './mturk-listing';
import { mturkPage } from './mturk-page';
import { readQueue } from './mturk-queue';
import { readStatusDetails } from './mturk-status';
import type { PlatformAdapter } from './types';

export { isSignInPage } from './mturk-urls';
export { statusDetailsFromJson } from './mturk-status';

/**
 * Amazon Mechanical Turk (`https://worker.mturk.com/*`). Each reader lives in its own `mturk-*.ts` file and reads
 * the page's React props (`data-react-props`) where the page has them; each returns [] or null on pages that are
 * not its kind, and on malformed props. The worker's own ID (the `CopyText` props, `textToCopy`) is never read.
 */
export const mturk: PlatformAdapter = {
  ...mturkPage,
  readListing,
  readQueue,
  readBalances,
  readDashboard,
  readStatusDetails,
  readEarnings,
};

// Fixtures (tests/fixtures/mturk/, each with a sidecar of what the page shows):
// - task-page: a HIT accepted from the search results (ShowModal, CompletionTimer, TaskSubmitter props).
// - task-page-malformed-props: the same with truncated ShowModal JSON: no task, no throw.
// - task-page-countdown: an older page whose timer is `CountdownTimer`; opened from the queue.
// - task-page-gbp: a reward in GBP (`currencyCode`), not dollars.
// - hit-submitted-next-task: "HIT Submitted" on the next task of the group (auto-accept, Return button).
// - hit-submitted-list: "HIT Submitted" (older sentence) landing on the HIT list, groups readable.
// - task-unavailable: "This HIT is no longer available" on the task URL, no work pipeline.
// - preview: a group's preview before accepting (`?ref=w_pl_prvw`): not a task.
// - search-results: five HIT groups (one with an off-site accept URL and a bad requester id) and a malformed row.
// - queue: three accepted tasks, one malformed; deadlines as ISO and as time left.
// - dashboard: earnings rows, HITs overview, next transfer date.
// - status-details: 2026-11-20 with Submitted, Approved, Rejected and Paid rows (and a malformed one).
// - earnings: current earnings, transfer history, last transfer to the bank.
// - amazon-sign-in: the logged-out redirect on www.amazon.com: no adapter matches it.
