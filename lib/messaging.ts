import { browser } from 'wxt/browser';
import type { Money } from './domain/money';
import type { Estimate, RowToEstimate } from './domain/estimate';
import type { RateSettings } from './domain/live';
import type { LedgerBalances, ThresholdProgress } from './domain/ledger';
import type { ManualState } from './domain/manual-command';
import type { PeriodFigures } from './domain/figures';
import type { PeriodKind, Weekday } from './domain/periods';
import type { SessionView } from './domain/session-figures';
import type { DayTotals } from './domain/summary';
import type { Outcome } from './domain/task-timer';
import type { AddedTask, EditChange } from './domain/task-edits';
import type { PageHealth } from './domain/page-health';
import type { PageAlert, StatusDetail, TaskDetail, TaskSnapshot, Transfer } from './platforms/types';
import type { Settings, TaskStatus } from './storage/schemas';
import type { BackupProblem } from './data/backup';
import type { ImportPlan } from './data/merge';
import type { CustomRule } from './platforms/custom-rule';
import type { RuleProblem } from './storage/custom-rules';
import { CentimeError, fromCoded, type CodedError } from './errors';

/**
 * The one protocol between content scripts (cs), extension pages (ui) and the background (bg), named by
 * direction as Dark Reader does. Types only here: the background validates every payload with the zod
 * schemas of `lib/background/router.ts` before any handler runs. No zod is imported, so content scripts that
 * send messages stay small.
 */
export interface TaskSummary {
  platform: string;
  taskId: string;
  title: string;
  requesterName: string;
  reward: Money | null;
  firstSeenAt: number;
  status: TaskStatus;
  /** Live: an open task's time includes the stretch running now. */
  activeMs: number;
  idleMs: number;
  /** The task in front right now. */
  front: boolean;
  /** Its active time is accruing right now (in front, not idle): the popup ticks it on from `PopupData.at`. */
  running?: boolean;
  /** A started study whose tab is gone: it accrues in unrelated tabs until the worker says "not working on this". */
  fallback?: boolean;
  /**
   * A study another study's start ended on its platform (Prolific: one at a time): open until the submissions page
   * gives its outcome, timed only while its own page is in front (`StudyMark.superseded`).
   */
  superseded?: boolean;
  /** What its page could not give (issue 19): the popup lists such tasks first and asks for the reward. */
  missing?: TaskDetail[];
}

/** What the popup shows of one platform's money in one currency (DESIGN.md, "Outcomes and money"). */
export type BalanceView = LedgerBalances & {
  platform: string;
  threshold?: ThresholdProgress;
  /**
   * Where withdrawable comes from: MTurk's dashboard reading, or (platforms with no such page, e.g. Prolific)
   * the approvals since the last cash-out the worker recorded (`withdrawableSince` null: none recorded yet).
   */
  withdrawableFrom: 'dashboard' | 'cash-out';
};

export interface RulesData {
  rules: CustomRule[];
  /** Rule id → whether the worker granted host access to its site. */
  granted: Record<string, boolean>;
  presets: readonly CustomRule[];
  /** Why stored rules were set aside (their original is in quarantine). */
  problem?: string;
}

export type SaveRulesOutcome =
  | { saved: true; registered: string[] }
  | { saved: false; problems: { index: number; problems: RuleProblem[] }[] };

/** What "pick on page" picks: the title, the reward, or the submit control / confirmation element. */
export type PickField = 'titleSelector' | 'rewardSelector' | 'submit';

/**
 * The estimates panel of a page that lists tasks, as the page shows it: each row's title (the page's own text)
 * and what it is expected to pay, in words (`under`: under the minimum; `muted`: no estimate yet).
 */
export interface PanelText {
  summary: string;
  rows: { title: string; line: string; under: boolean; muted: boolean; worst: string | null }[];
}

/** A submitted task awaiting approval, with the dates it should be paid by. */
export interface PendingView {
  platform: string;
  key: string;
  title: string;
  requesterName: string;
  reward: Money;
  submittedAt: number;
  /** Submission + the platform's longest auto-approval. */
  latest: number;
  /** Submission + the requester's median approval delay (at least 3 known), else null: unknown. */
  expected: number | null;
  /** Past the auto-approval delay with no news: presumably approved (shown as such, counted so in the balances). */
  presumed?: true;
}

export interface PopupData {
  /** Pending and withdrawable per platform and currency. */
  balances: BalanceView[];
  /** Pending items, the soonest to be paid first (at most 50), and how many there are in all. */
  pending: { items: PendingView[]; total: number };
  /** The task in front first, then the most recently changed. */
  tasks: TaskSummary[];
  /**
   * Today's figures per platform (local day), computed in the background from its daily aggregate (`totals`,
   * kept as stored): the popup shows `figures` only.
   */
  today: { platform: string; totals: DayTotals; figures: PeriodFigures }[];
  /** Today's figures across every platform together (null: nothing today). */
  day: PeriodFigures | null;
  quarantined: number;
  /** The manual timer, if one is open (running or paused). */
  manual: ManualView | null;
  /** Wall time of this reading: running tasks tick on from it. */
  at?: number;
  /** The worker's minimum, target and exchange rates: today's summary and each task's band (DESIGN.md, "Rates"). */
  rates?: RateSettings;
  /** Tracking is paused (DESIGN.md, "Pause"): nothing accrues, the manual timer's time included (absent: not paused). */
  paused?: boolean;
}

/**
 * A period the popup reviews (today, this week, this month) across every platform: its figures from the days'
 * aggregates, the time so far of tasks still open, each day that has anything, and its work sessions from the
 * per-day index (DESIGN.md, "Work session").
 */
export interface PeriodView {
  kind: PeriodKind;
  /** Its local days, first and last included (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The days' aggregates together (null: nothing closed in the period). */
  figures: PeriodFigures | null;
  /** Tasks that reached an outcome in the period (timed ones). */
  tasksDone: number;
  /** Active and idle time so far of tasks still open: today's, in no other part until their outcome. */
  inProgressMs: number;
  /** Each day of the period with anything in it, in order. */
  days: { day: string; figures: PeriodFigures; tasksDone: number }[];
  /** The sessions that start in the period, in time order. */
  sessions: SessionView[];
  /**
   * The sessions' time parts do not add up to the period's: some work crossed midnight (a session counts its
   * stretches where they happened; the days count a task on the day it was submitted, an open one today).
   */
  crossesMidnight: boolean;
}

/** The open manual timer as the popup shows it; it ticks on from `activeMs` at `at` while running. */
export interface ManualView {
  key: string;
  title: string;
  running: boolean;
  activeMs: number;
  /** Wall time of the `activeMs` reading. */
  at: number;
  /** The reward's default currency (the display currency) and the ones offered (those with a minimum rate). */
  currency: string;
  currencies: string[];
}

/** What the popup and the shortcut do to the manual timer; a stop carries the reward typed (null: none). */
export type ManualCommand =
  | { action: 'start'; title?: string }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'stop'; reward: Money | null };

export interface OptionsData {
  settings: Settings;
  /** Why stored settings were replaced by defaults (their original is in quarantine). */
  problem?: string;
  quarantined: number;
  /** Every platform, the custom sites included, for the switches that turn each on or off. */
  platforms?: { id: string; name: string }[];
  /** How well each platform's pages were read (issue 19): the options page's health lines. */
  health?: PageHealth;
}

export type RefreshOutcome =
  | { kind: 'done'; requests: number }
  | { kind: 'paused'; until: number; requests: number }
  | { kind: 'logged-out'; requests: number }
  | { kind: 'failed'; error: CodedError; requests: number };

/** What a balance page (opened by the worker, or fetched by a refresh) says. */
export interface BalancePage {
  /** The dashboard's "Current Earnings" and lifetime Bonuses. */
  dashboard?: { available?: Money; bonuses?: Money };
  /** The transfer history (MTurk `/earnings`): paid out. */
  transfers?: Transfer[];
  /** Its rows listed as failed, cancelled…: not paid out, but seen (lib/domain/transfers.ts). */
  undone?: Transfer[];
  /** Status rows, matched by assignment id. */
  statuses?: StatusDetail[];
}

export interface Protocol {
  /** A content script saw a task page. */
  'cs-bg-task-seen': { payload: TaskSnapshot; response: { saved: true } };
  /**
   * The task page saw the worker submit (a checked submit message) or return (the Return form) the task: a
   * claim, confirmed by the page that follows in the same tab.
   */
  'cs-bg-task-claim': {
    payload: { platform: string; taskId: string; outcome: Extract<Outcome, 'submitted' | 'returned'> };
    response: { claimed: true };
  };
  /**
   * The reward the worker typed in the overlay of a task whose page did not show one (issue 19), as typed: the
   * background reads it (answers why it is no amount) and fills it in only where the reward is missing.
   */
  'cs-bg-task-reward': { payload: { platform: string; taskId: string; text: string }; response: { saved: boolean; problem: string | null } };
  /**
   * Tasks a page lists with their details (MTurk's queue): fills in what the task pages of open tasks could not
   * give (issue 19). Answers how many tasks it filled.
   */
  'cs-bg-details-seen': {
    payload: { platform: string; rows: { taskId: string; title: string; requesterName: string; reward: Money | null }[] };
    response: { filled: number };
  };
  /** The same from the popup (ManualReward: already an amount). */
  'ui-bg-task-reward': { payload: { platform: string; taskId: string; reward: Money }; response: { saved: boolean } };
  /** A listing or queue page asks what its rows are expected to pay, from the worker's own history. */
  'cs-bg-estimates': { payload: { platform: string; rows: RowToEstimate[] }; response: { estimates: Estimate[] } };
  /** A balance page was read: the dashboard's figures, the transfer history, or status details. */
  'cs-bg-balance-page': {
    payload: BalancePage & { platform: string };
    response: { reading: boolean; updated: number };
  };
  /**
   * A platform page as it is (MTurk's, Prolific's): the background reads it with the platform's adapter, as it
   * reads the pages a refresh fetches, and handles what it finds as the messages below (page seen, task seen,
   * balance page, estimates). `doc` names the document (once per load), `url` is where it shows. Answers the
   * estimates panel where the page lists tasks. (issue 18: the page carries no readers, no Intl, no catalogue.)
   */
  'cs-bg-page-html': { payload: { platform: string; url: string; doc: string; html: string }; response: { panel: PanelText | null } };
  /** Any platform page loaded: what it is and what it announces (e.g. MTurk's "HIT Submitted"). */
  'cs-bg-page-seen': {
    payload: { platform: string; pageKind: string; alert: PageAlert | null; taskId: string | null };
    response: { confirmed: string | null };
  };
  /** The worker cashed out a platform with no dashboard (Prolific): withdrawable starts again from zero. */
  'ui-bg-cash-out': { payload: { platform: string; currency: string }; response: { recorded: true } };
  /** The popup's refresh: read MTurk's dashboard and recent status details with the worker's session. */
  'ui-bg-refresh': { payload: Record<string, never>; response: RefreshOutcome };
  /** The popup asks for what it shows. */
  'ui-bg-get-popup': { payload: Record<string, never>; response: PopupData };
  /** Today, this week or this month; the week starts on `firstDay` (the worker's locale's, read by the page). */
  'ui-bg-get-period': { payload: { kind: PeriodKind; firstDay: Weekday }; response: PeriodView };
  'ui-bg-get-options': { payload: Record<string, never>; response: OptionsData };
  'ui-bg-save-settings': { payload: Settings; response: { saved: true } };
  /** The options page's custom sites: the rules, which have host access, and the presets to start from. */
  'ui-bg-get-rules': { payload: Record<string, never>; response: RulesData };
  /**
   * The names the worker gave their custom sites, for the pages that show tasks (popup, history, statement):
   * each rule's id, name and match pattern (whose host tells two rules of one name apart), read as the options
   * page's rules are.
   */
  'ui-bg-get-site-names': { payload: Record<string, never>; response: { sites: Pick<CustomRule, 'id' | 'name' | 'match'>[] } };
  /** Saves every rule at once (each validated); answers the problems of each invalid one instead. */
  'ui-bg-save-rules': { payload: { rules: unknown[] }; response: SaveRulesOutcome };
  /** "Pick on page": the worker clicks the element on the rule's site; answers its selector (null: cancelled). */
  'ui-bg-pick': { payload: { ruleId: string; field: PickField }; response: { selector: string | null } };
  /** A custom site's rule says its task was submitted (no task id: the page does not name it). */
  'cs-bg-custom-submitted': { payload: { platform: string; taskId: string | null }; response: { confirmed: string | null } };
  /** "Not working on this": a started study whose tab is gone stops accruing in unrelated tabs (it stays open). */
  'ui-bg-not-working-on': { payload: { platform: string; taskId: string }; response: { detached: boolean } };
  /** Start, pause, resume or stop the manual timer: answers its new state (null once stopped). */
  'ui-bg-manual': { payload: ManualCommand; response: ManualState | null };
  /** "Pause tracking" / "Resume tracking": answers the state now in force. */
  'ui-bg-pause': { payload: { paused: boolean }; response: { paused: boolean } };
  /**
   * Data in (issue 17): a part of an import (lists of a backup's records, each validated again here), held until
   * the worker confirms; nothing is written yet. Answers how many records are held and the bad ones of this part.
   * `seq`: the part's place in the import (parts may be sent before the one before was answered); without it, the
   * order they arrive in.
   */
  'ui-bg-import-stage': {
    payload: { importId: string; seq?: number; part: Partial<Record<'tasks' | 'stretches' | 'bonuses' | 'readings' | 'approvals' | 'transfers' | 'legacyDelays', unknown[]>> };
    response: { staged: number; problems: BackupProblem[] };
  };
  /** The worker confirmed: everything held is merged with what is stored, written at once, and the figures rebuilt. */
  'ui-bg-import-commit': { payload: { importId: string }; response: { counts: ImportPlan['counts'] } };
  /** The worker cancelled (or the page gives up): what was held is dropped. */
  'ui-bg-import-drop': { payload: { importId: string }; response: { dropped: boolean } };
  /** Deletes the history, derived data, settings, custom-site rules and their scripts (the sync copy if asked). */
  'ui-bg-delete-all': { payload: { sync: boolean }; response: { deleted: true } };
  /** The history's correction of one task (issue 16): stored as a dated edit beside the original. */
  'ui-bg-edit-task': { payload: { key: string; change: EditChange }; response: { saved: true } };
  /** The history's "add a task Centime missed": answers the new task's key (`<platform>:hand-<id>`). */
  'ui-bg-add-task': { payload: AddedTask; response: { key: string } };
}

export type MessageType = keyof Protocol;
export type Payload<K extends MessageType> = Protocol[K]['payload'];
export type Response<K extends MessageType> = Protocol[K]['response'];

export interface Envelope<K extends MessageType = MessageType> {
  type: K;
  payload: Payload<K>;
}

/** What the background answers: errors travel as codes (lib/errors.ts) that the page words in its language. */
export type Reply<T> = { ok: true; data: T } | { ok: false; error: CodedError };

/** Throws a CentimeError, which pages word with `errorText` (lib/i18n.ts); its message keeps the detail. */
export async function sendToBackground<K extends MessageType>(type: K, payload: Payload<K>): Promise<Response<K>> {
  const reply = (await browser.runtime.sendMessage({ type, payload } satisfies Envelope<K>)) as Reply<Response<K>>;
  if (!reply || typeof reply !== 'object') throw new CentimeError('no_answer', [], type);
  if (!reply.ok) throw fromCoded(reply.error);
  return reply.data;
}

/** Broadcast by the background after every write, so that open extension pages refresh. */
export const CHANGED = 'bg-ui-changed';
export interface ChangedMessage {
  type: typeof CHANGED;
  what: string[];
}

export async function broadcastChanged(what: string[]): Promise<void> {
  try {
    await browser.runtime.sendMessage({ type: CHANGED, what } satisfies ChangedMessage);
  } catch {
    // No extension page is open to receive it: nothing to refresh.
  }
}

export function onChanged(listener: (what: string[]) => void): () => void {
  const handler = (message: unknown) => {
    const m = message as Partial<ChangedMessage> | null;
    if (m?.type === CHANGED && Array.isArray(m.what)) listener(m.what.filter((w) => typeof w === 'string'));
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
