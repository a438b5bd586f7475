import type { Money } from '../domain/money';
import type { TaskDetail } from '../domain/task-details';
import type { Transfer } from '../domain/transfers';

/**
 * What a page is to Centime. Adapters may return only the kinds their platform has. `completion`: the page a
 * study's own site sends the worker to when it is done (Prolific's `/submissions/complete?cc=…`).
 */
export type PageKind = 'task' | 'listing' | 'queue' | 'balance' | 'completion' | 'other';

/** A task as its page shows it (DESIGN.md, "Contracts"). Adapters build it with hand-written guards. */
export interface TaskSnapshot {
  platform: string;
  /** MTurk: the assignment id. */
  taskId: string;
  title: string;
  requesterName: string;
  reward: Money | null;
  timeAllottedSec?: number;
  /** MTurk: the HIT (task) id, as the task URL and `TaskSubmitter`'s `task_id` give it. */
  hitId?: string;
  /** MTurk: the HIT group (project) id; groups tasks for median times. */
  groupId?: string;
  requesterId?: string;
  /** Wall-clock accept time when the page lets us derive it (MTurk: from the completion timer). */
  acceptedAt?: number;
  /**
   * The details the page did not give (its markup changed): the task is timed by its URL all the same, these
   * are empty (`''`, reward null) and filled in later by a status row or the worker (issue 19). Absent: all read.
   */
  missing?: TaskDetail[];
}

export type { TaskDetail } from '../domain/task-details';

export interface ListedTask {
  /** MTurk: the group id. */
  taskId: string;
  title: string;
  reward: Money | null;
  estimatedSec?: number;
  timeAllottedSec?: number;
  ratePerHour?: Money;
  requesterName?: string;
  requesterId?: string;
  /** MTurk: how many HITs of the group are left to accept. */
  assignableHits?: number;
  /** Absolute URL on the platform that accepts a task of the group. */
  acceptUrl?: string;
}

/** A task accepted and waiting in the worker's queue (MTurk `/tasks`). */
export interface QueuedTask {
  /** MTurk: the assignment id, as `TaskSnapshot.taskId`. */
  taskId: string;
  /** MTurk: the HIT id (`task_id`). */
  hitId?: string;
  /** MTurk: the HIT group (project) id. */
  groupId?: string;
  title: string;
  requesterName: string;
  requesterId?: string;
  reward: Money | null;
  timeAllottedSec?: number;
  /** Wall-clock ms. */
  acceptedAt?: number;
  /** Wall-clock ms after which the task expires. */
  deadline?: number;
  /** As the platform names it (MTurk: 'Assigned'). */
  state?: string;
  /** Absolute URL of the task page. */
  taskUrl?: string;
}

/** MTurk's dashboard (`/dashboard`): lifetime figures and what can be transferred now. */
export interface Dashboard {
  /** "Current Earnings": available for transfer. */
  available?: Money;
  /** Lifetime totals ("Earnings to date"). */
  approvedHitsEarnings?: Money;
  bonuses?: Money;
  totalEarnings?: Money;
  hits?: DashboardHits;
  /** The next transfer date the page announces, YYYY-MM-DD. */
  nextPayment?: string;
}

export interface DashboardHits {
  approved?: number;
  pending?: number;
  rejected?: number;
  /** As the page shows it, e.g. "99.2%". */
  approvalRate?: string;
}

/** One submitted HIT on MTurk's `/status_details/YYYY-MM-DD`. */
export interface StatusDetail {
  assignmentId: string;
  hitId: string;
  /** 'Submitted' | 'Approved' | 'Rejected' | 'Paid', or whatever else MTurk names it. */
  state: string;
  title: string;
  requesterName: string;
  requesterId?: string;
  reward: Money;
  /** A bonus the row shows for this task (Prolific's submissions page). */
  bonus?: Money;
  /** The page's day (MTurk days follow US Pacific time), YYYY-MM-DD. */
  date: string;
}

/** MTurk's `/earnings` page. */
export interface EarningsPage {
  available?: Money;
  /** The transfers paid out (completed or pending: their money has left the balance). */
  transfers: Transfer[];
  /**
   * The rows listed as failed, cancelled, reversed…: not paid out, but read so that a later reading of a transfer
   * first seen pending stops counting it (lib/domain/transfers.ts). Absent when there is none.
   */
  undone?: Transfer[];
  lastTransfer?: { date: string; to: 'bank' | 'gift card' };
}

export type { Transfer } from '../domain/transfers';

/** A submission's status on Prolific's `/submissions` page, in the page's own words (case and spacing normalised). */
export type ProlificStatus =
  | 'RESERVED'
  | 'ACTIVE'
  | 'AWAITING REVIEW'
  | 'APPROVED'
  | 'REJECTED'
  | 'SCREENED OUT'
  | 'RETURNED'
  | 'TIMED-OUT';

/** One row of Prolific's `/submissions` page: a study the worker took part in. */
export interface ProlificSubmission {
  /** The study id, when the row links to the study page. */
  studyId?: string;
  /** The study name, when the row shows it as that link. */
  title?: string;
  status: ProlificStatus;
  /** The day the row shows, YYYY-MM-DD (the page's own day, no time zone). */
  date?: string;
  /** The amount the row shows (SCREENED OUT: the partial payment); null when it shows no amount with a currency. */
  reward: Money | null;
  /** A second amount in the reward cell: a bonus (an "adjustment") on top of the reward. */
  bonus?: Money;
}

/** A completion URL: the study was submitted; the code it carries, null for `NOCODE` or none. */
export interface Completion {
  code: string | null;
}

export type PageAlert = 'submitted' | 'unavailable';

/** The parts of a `MessageEvent` an adapter checks. */
export interface SubmitMessageLike {
  origin: string;
  data: unknown;
  source: unknown;
}

export interface Balances {
  available?: Money;
  pending?: Money;
}

/** One platform: pure functions of (Document, URL); no browser.*, no clock except `now` passed in. */
export interface PlatformAdapter {
  id: string;
  name: string;
  /** WXT match patterns; the content script and the sender check use the same list. */
  matches: string[];
  /**
   * Tasks done off-site (DESIGN.md, "Attention"): a Prolific study runs on a survey site, so its time accrues in
   * the study's tab and the tabs opened from it.
   */
  external?: boolean;
  /**
   * The platform lets a worker do one of its studies at a time (Prolific: the single ACTIVE study, DESIGN.md): a study
   * started ends every other one there, so that one can no longer be credited by a completion page naming no study,
   * nor lend time to an unrelated tab.
   */
  singleActive?: boolean;
  pageKind(doc: Document, url: URL): PageKind;
  readTask(doc: Document, url: URL, now?: number): TaskSnapshot | null;
  /**
   * The task a URL shows, from the URL alone (the background sees tab URLs, not documents): it tells which
   * tab is which task when attention is computed. Null for pages that are not a task.
   */
  taskIdFromUrl(url: URL): string | null;
  readListing?(doc: Document, url: URL): ListedTask[];
  /**
   * What a page announces on load about the task the worker just left or is on: MTurk's "HIT Submitted" alert
   * (the previous task was submitted) or "This HIT is no longer available" (this one expired).
   */
  pageAlert?(doc: Document, url: URL): PageAlert | null;
  /** A `message` event on the task page that claims the task was submitted (checked: origin and source). */
  isSubmitMessage?(event: SubmitMessageLike, doc: Document, url: URL): boolean;
  /** A form being submitted on the task page that returns the task. */
  isReturnForm?(form: HTMLFormElement, url: URL): boolean;
  readBalances?(doc: Document, url: URL): Balances | null;
  /** The accepted tasks waiting in the queue; `now` dates deadlines the page gives only as time left. */
  readQueue?(doc: Document, url: URL, now?: number): QueuedTask[];
  readDashboard?(doc: Document, url: URL): Dashboard | null;
  readStatusDetails?(doc: Document, url: URL): StatusDetail[];
  readEarnings?(doc: Document, url: URL): EarningsPage | null;
  /** Prolific: the rows of the worker's submissions list. */
  readSubmissions?(doc: Document, url: URL): ProlificSubmission[];
  /**
   * Prolific: what a completion URL says, from the URL alone (it names no study: the background credits the one
   * ACTIVE study). Null on any other page.
   */
  readCompletion?(url: URL): Completion | null;
}

/** A platform whose balances Centime refreshes with the worker's session (MTurk: `mturk-sync.ts`). */
export interface BalanceSync {
  platform: string;
  /** Where withdrawable comes from: a dashboard the platform shows, or the cash-outs the worker records. */
  withdrawable: 'dashboard' | 'cash-out';
  /** The platform's longest auto-approval delay (DESIGN.md, "Payment dates"): the latest a pending item is paid. */
  autoApprovalDays: number;
  /** The pages every refresh reads first, in order (MTurk: the dashboard, then the earnings page). */
  pages: string[];
  /**
   * The platform's status pages, read a day at a time and page after page (absent: no status is fetched, e.g.
   * Prolific, whose pages hold no data without its scripts).
   */
  status?: StatusPages;
  /** The platform asks to slow down. */
  throttled(status: number, body: string): boolean;
  /** The worker is logged out (a redirect to a sign-in page). */
  loggedOut(page: { redirected: boolean; url: string }): boolean;
  read(url: string, body: string, parse: (html: string) => Document): SyncRead;
  /** A status row's state as Centime's status, or null for a state that changes nothing. */
  statusOf(state: string): 'submitted' | 'approved' | 'rejected' | 'returned' | 'expired' | null;
  /** The row says an off-site study has started (Prolific: ACTIVE), even if Centime never saw its survey open. */
  started?(state: string): boolean;
  /** The row's amount replaces the task's reward in this state (Prolific: a screened-out study's partial pay). */
  rowReward?(state: string): boolean;
  /** A wall-clock instant inside a platform day, for records that carry only a date. */
  dayInstant(date: string): number;
}

/** How a platform's status days are paged: which days to read and where each page of a day is. */
export interface StatusPages {
  /** The platform days that items still pending were submitted on, oldest first, each once (MTurk: US Pacific). */
  days(pending: readonly { submittedAt: number }[]): string[];
  /** Page `page` (from 1) of a day's status. */
  url(day: string, page: number): string;
}

/** What one fetched page gave. */
export interface SyncRead {
  dashboard?: Dashboard | null;
  earnings?: EarningsPage | null;
  statuses?: StatusDetail[];
  /**
   * A status page: how many rows it held (read or not) and the day's count over all its pages (null when the
   * page does not say). The refresh reads the next page until the rows read cover the total.
   */
  statusPage?: { count: number; total: number | null };
}
