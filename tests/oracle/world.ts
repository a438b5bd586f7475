import type { Money } from '../../lib/domain/money';
import type { AddedTask, EditChange } from '../../lib/domain/task-edits';

/**
 * A "world": what happened in the browser and on the platforms, as plain data. The generator writes worlds,
 * the driver plays them through the real background, and the oracle (`reckon.ts`) reads them on its own. Only
 * what Centime can observe is here (tabs, pages, focus, idle, what pages say, what the worker types); the
 * platforms' hidden truth stays in the generator.
 */

export type PlatformId = 'mturk' | 'prolific';

/** A HIT or a study: the same every time its page is seen. */
export interface TaskSpec {
  key: string;
  platform: PlatformId;
  /** MTurk: the assignment id; Prolific: the study id. */
  id: string;
  hitId: string;
  groupId: string;
  title: string;
  requesterName: string;
  requesterId?: string;
  reward: Money;
  /** MTurk: time allotted; Prolific: the study's maximum time (0: the page shows none). */
  allottedSec: number;
  /** MTurk: when the HIT was accepted (its page derives it from the completion timer). */
  acceptedAt?: number;
}

/** What a tab shows. */
export type Page =
  /** An MTurk task page; `alert`: it follows a submit and says "HIT Submitted" (auto-accept of the next HIT). */
  | { kind: 'mturk-task'; task: string; alert?: 'submitted' }
  /** Search results, queue or dashboard; `alert`: "HIT Submitted" after a submit. */
  | { kind: 'mturk-list'; alert?: 'submitted' }
  /** A task URL saying "This HIT is no longer available". */
  | { kind: 'mturk-gone'; task: string }
  | { kind: 'prolific-list' }
  | { kind: 'prolific-study'; task: string }
  /** `/submissions/complete?cc=…`: names no study. */
  | { kind: 'prolific-complete' }
  /** Any ordinary site (a survey, a search engine…). */
  | { kind: 'web'; site: number }
  /** A browser page (new tab): never lends time. */
  | { kind: 'newtab' };

/** One row of a status page (MTurk status details, Prolific submissions), in the platform's own words. */
export interface Row {
  task: string;
  state: string;
  reward: Money;
  bonus?: Money;
  /** The row's day, YYYY-MM-DD (MTurk: Pacific). */
  date: string;
}

export interface Transfer {
  date: string;
  amount: Money;
}

export type Action =
  /** A new tab, in front of its window unless `background`. */
  | { kind: 'open'; tab: number; page: Page; opener?: number; background?: boolean }
  | { kind: 'go'; tab: number; page: Page }
  | { kind: 'switch'; tab: number }
  /** A tab closed; `then` becomes the front tab (when the closed one was in front). */
  | { kind: 'close'; tab: number; then?: number }
  | { kind: 'focus'; focused: boolean }
  | { kind: 'idle'; idle: boolean }
  /** The task page in `tab` saw a checked submit message, or its Return form being sent. */
  | { kind: 'claim'; tab: number; outcome: 'submitted' | 'returned' }
  /** A status page read (MTurk status details, Prolific submissions). */
  | { kind: 'rows'; platform: PlatformId; rows: Row[] }
  /** MTurk's dashboard read, with the status rows of the same refresh. */
  | { kind: 'dashboard'; available: Money; bonuses?: Money; rows: Row[] }
  /** MTurk's transfer history read (the rows the page shows). */
  | { kind: 'earnings'; transfers: Transfer[] }
  /** The worker records a cash-out (Prolific). */
  | { kind: 'cash-out'; currency: string }
  | { kind: 'manual-start' }
  | { kind: 'manual-pause' }
  | { kind: 'manual-resume' }
  | { kind: 'manual-stop'; reward: Money | null }
  /** The computer's time zone changes (travel, or a setting). */
  | { kind: 'zone'; zone: string }
  /** "Pause tracking" / "Resume tracking" in the popup (DESIGN.md, "Pause"). */
  | { kind: 'pause'; paused: boolean }
  /** The worker switches a platform off or on in the options (settings' `disabledPlatforms`). */
  | { kind: 'platform'; platform: PlatformId; on: boolean }
  /** The history page's correction of a task (issue 16): `task` is a world task's key or an added task's `ref`. */
  | { kind: 'edit'; task: string; change: EditChange }
  /** The history page's "add a task Centime missed"; later edits name it by `ref` (the background picks its key). */
  | { kind: 'add'; ref: string; task: AddedTask }
  /** The worker opens the popup: a checkpoint where every figure is compared. */
  | { kind: 'popup' }
  /**
   * Data in (issue 17): this browser's own backup imported again (another computer's copy of the same history).
   * A merge adds each thing once: nothing changes, and the figures are rebuilt from primary data.
   */
  | { kind: 'reimport' }
  /**
   * Settled tasks moved into the archive (issue 18, lib/storage/archive.ts), by a pass whose clock is a month and a
   * day ahead, so that every settled task goes in: it changes where a task is stored, never a figure.
   */
  | { kind: 'archive' }
  /** The browser stops the service worker and starts it again (it does so when idle): no figure moves. */
  | { kind: 'restart' };

/**
 * Everything that happens at one instant. Lanes run one after another in the oracle, and at the same time
 * in the driver (several tabs acting in the same instant); the actions of one lane run in order.
 */
export interface Step {
  at: number;
  lanes: Action[][];
}

export interface WorldSettings {
  /** Hourly minimum and target rates per currency, in minor units per hour. */
  minRates: Record<string, number>;
  targetRates: Record<string, number>;
  displayCurrency: string;
  /** 1 `from` = `rate` `to`, as the worker typed it. */
  exchangeRates: { from: string; to: string; rate: number }[];
  payoutThresholds: Record<string, Money[]>;
  /** Work sessions: a gap longer than this many minutes starts a new session (the setting; 15 when absent). */
  sessionGapMin?: number;
}

export interface World {
  /** The time zone at the start. */
  zone: string;
  /**
   * How the browser delivers deadline alarms: at their time, or late (a computer asleep wakes up: they fire
   * with the next thing that happens). No figure may depend on it.
   */
  alarms: 'on-time' | 'late';
  start: number;
  /** The first day of the worker's week (ISO: 1 = Monday … 7 = Sunday; Monday when absent), as the popup reads it. */
  firstDay?: number;
  settings: WorldSettings;
  tasks: Record<string, TaskSpec>;
  steps: Step[];
}
