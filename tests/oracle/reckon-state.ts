import type { Money } from '../../lib/domain/money';
import type { EditChange } from '../../lib/domain/task-edits';
import type { Figures } from './figures';
import type { Page, Transfer, World } from './world';

/** The oracle's memory while it reads a world: what Centime could know at each instant. */

export type Status = 'open' | 'submitted' | 'approved' | 'rejected' | 'returned' | 'expired';

export interface OTask {
  key: string;
  platform: string;
  requesterId: string | null;
  status: Status;
  /** Known only from a status row, never timed. */
  untimed: boolean;
  reward: Money | null;
  bonus: Money | null;
  activeMs: number;
  idleMs: number;
  firstSeen: number;
  /** Its time in front, in order: each stretch from coming to the front to leaving it, with its active and idle parts. */
  stretches: TaskStretch[];
  /** The end of its last second in front (active or idle), null before any. */
  lastSecond: number | null;
  deadline: number | null;
  /** A started study with no known maximum time ends this long after its last active second (or its start). */
  quietMs: number | null;
  lastActive: number | null;
  /** The local day it is counted under, once closed. */
  day: string | null;
  /** Timed tasks: when submitted. */
  submittedAt: number | null;
  /** Untimed records: the day the row gave. */
  date: string | null;
  /** Moments Centime knew it pending: its submit, and each row read that listed it as pending. */
  pendingSeen: number[];
  /** Moments Centime saw its state at all: its submit, and each row read that listed it. */
  rowSeen: number[];
  /** The worker's corrections (issue 16), dated, in the order made; what is recorded above never changes with them. */
  edits: (EditChange & { at: number })[];
  /** When a status row last stated its status: an outcome corrected before that is superseded. */
  statusReadAt: number | null;
  /** Added by hand in the history; with an active time (`handActiveMs`) it is timed. */
  addedByHand: boolean;
  handActiveMs: number | null;
  /** In the figures' view only (`reckon-edits.ts`): approved on the worker's word, with no approval date. */
  approvedByWord?: boolean;
}

export interface TaskStretch {
  start: number;
  end: number;
  activeMs: number;
  idleMs: number;
}

/** Money that became approved while Centime watched: a reward (with its bonus) or a task bonus's rise. */
export interface Approval {
  platform: string;
  task: string;
  at: number;
  money: Money;
  /** Seen as a change from pending to approved (or a bonus appearing on a row already known): its date is known. */
  dated: boolean;
  /**
   * The last moment before `at` Centime knew this money was not approved yet (the item pending; for a bonus, its
   * row seen without it); null when never. An approval adds to withdrawable only when that is at or after the
   * reading (or cash-out): it cannot be inside it.
   */
  known: number | null;
}

/** `fallback`: a started study lent time by an unrelated tab (not activity in its own tabs). */
export type Front = { task: string; manual: boolean; fallback?: boolean } | { platform: string } | null;

export interface OTab {
  page: Page;
  opener?: number;
}

export interface OState {
  world: World;
  now: number;
  zone: string;
  tabs: Map<number, OTab>;
  active: number | null;
  focused: boolean;
  idle: boolean;
  tasks: Map<string, OTask>;
  /** Study key → the tab its page was last seen in (the tab that stands for it once started). */
  studyTabs: Map<string, number>;
  /**
   * Study key → the tabs already opened from its tab when its page was first seen there (ambiguity 32): they were
   * opened from what that tab showed before, and are not this study's survey.
   */
  studyOpenedBefore: Map<string, Set<number>>;
  /**
   * The study started last: "completion … credit it to the single ACTIVE study" (DESIGN.md, Prolific). Prolific has
   * one study under way at a time, so starting one ended every other there: only this one, while open, is credited
   * by a completion page or lent time by an unrelated tab.
   */
  currentStudy: string | null;
  claims: Map<number, { key: string; outcome: 'submitted' | 'returned'; at: number }>;
  manual: { key: string; running: boolean } | null;
  readings: { at: number; available: Money; bonuses?: Money }[];
  bonusIncome: { platform: string; at: number; day: string; money: Money }[];
  transferReadings: { at: number; transfers: Transfer[] }[];
  cashOuts: { at: number; currency: string }[];
  approvals: Approval[];
  /**
   * Each delay (ms) from submission to a dated approval of a timed reward whose requester was recorded, with its
   * task: it counts for the requester the task has once corrected, and for none once the task is deleted.
   */
  delays: { task: string; ms: number }[];
  /** Platform time, closed stretches, each counted under the day it started. */
  stretches: { platform: string; start: number; end: number; day: string }[];
  openStretch: { platform: string; start: number } | null;
  front: Front;
  /** "Pause tracking": nothing is in front (DESIGN.md, "Pause"). */
  paused: boolean;
  /** Platforms switched off: their pages are ordinary browsing and their page reads are ignored. */
  off: Set<string>;
  checkpoints: Figures[];
  /** Wall time that accrued, per kind: for "no time counted twice". */
  accrued: { task: number; platform: number; manual: number };
}

export function initialState(world: World): OState {
  return {
    world, now: world.start, zone: world.zone, tabs: new Map(), active: null, focused: true, idle: false,
    tasks: new Map(), studyTabs: new Map(), studyOpenedBefore: new Map(), currentStudy: null, claims: new Map(), manual: null, readings: [], bonusIncome: [],
    transferReadings: [], cashOuts: [], approvals: [], delays: [], stretches: [], openStretch: null,
    front: null, paused: false, off: new Set(), checkpoints: [], accrued: { task: 0, platform: 0, manual: 0 },
  };
}

export const isOpen = (s: OState, key: string): boolean => s.tasks.get(key)?.status === 'open';
