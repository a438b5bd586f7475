import { z } from 'zod';
import { MAX_MINOR } from '../domain/money';

/**
 * The zod schemas of everything Centime stores or receives. Content scripts never import this file (zod would
 * blow their size budget); they build the same shapes with hand-written guards, and a test runs every
 * adapter's output through these schemas.
 */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD');

export const moneySchema = z.object({
  minor: z.number().int().refine((minor) => Math.abs(minor) <= MAX_MINOR, 'an amount of at most 10,000,000,000 minor units'),
  currency: currencySchema,
});

/** Text from a page: bounded so that a hostile page cannot fill the worker's disk through us. */
const pageText = (max: number) => z.string().max(max);

/** A built-in platform (`mturk`), the manual timer (`manual`) or a worker's custom site (`custom:<rule id>`). */
export const platformIdSchema = z.string().regex(/^(?:[a-z][a-z0-9-]{0,39}|custom:[a-z0-9][a-z0-9-]{0,31})$/);

export const taskSnapshotSchema = z.object({
  platform: platformIdSchema,
  taskId: z.string().min(1).max(200),
  title: pageText(500),
  requesterName: pageText(200),
  reward: moneySchema.nullable(),
  timeAllottedSec: z.number().int().nonnegative().optional(),
  hitId: z.string().max(200).optional(),
  groupId: z.string().max(200).optional(),
  requesterId: z.string().max(200).optional(),
  acceptedAt: z.number().int().nonnegative().optional(),
  /** Details the page did not give (issue 19); optional, so records of version 2 without it are unchanged. */
  missing: z.array(z.enum(['title', 'reward', 'requester'])).max(3).optional(),
});

export const stampSchema = z.object({
  wall: z.number().finite(),
  mono: z.number().finite(),
  origin: z.number().finite(),
});

export const outcomeSchema = z.enum(['submitted', 'returned', 'expired']);

export const timerEventSchema = z.object({
  boot: z.number().int().nonnegative(),
  n: z.number().int().nonnegative(),
  type: z.enum(['front', 'not-front', 'idle', 'active', 'crash', 'outcome']),
  at: stampSchema,
  outcome: outcomeSchema.optional(),
});

/**
 * Where a task stands. `open` until submitted, returned or expired; a submitted task may later be approved
 * (or paid) or rejected: that changes its money, never its time.
 */
export const taskStatusSchema = z.enum(['open', 'submitted', 'approved', 'rejected', 'returned', 'expired']);

/** A day as the worker's calendar names it, YYYY-MM-DD, and a real date. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  }, 'a real date');

/** An amount a worker types: never negative. */
const typedMoney = moneySchema.refine((m) => m.minor >= 0, 'an amount is never negative');
/** Active time a worker types: a whole number of ms, at most a day. */
const typedActiveMs = z.number().int().min(0).max(24 * 3_600_000);
export const editOutcomeSchema = z.enum(['submitted', 'approved', 'rejected', 'returned', 'expired']);

/** The changes of `lib/domain/task-edits.ts` (`EditChange`), strict: what a page sends and what a record keeps. */
const editMembers = {
  outcome: z.object({ field: z.literal('outcome'), value: editOutcomeSchema.nullable() }).strict(),
  reward: z.object({ field: z.literal('reward'), value: typedMoney.nullable() }).strict(),
  bonus: z.object({ field: z.literal('bonus'), value: typedMoney.nullable(), restore: z.boolean().optional() }).strict(),
  activeMs: z.object({ field: z.literal('activeMs'), value: typedActiveMs.nullable() }).strict(),
  requester: z
    .object({
      field: z.literal('requester'),
      value: z.object({ name: z.string().min(1).max(200), id: z.string().min(1).max(200).optional() }).strict().nullable(),
    })
    .strict(),
  deleted: z.object({ field: z.literal('deleted'), value: z.literal(true).nullable() }).strict(),
};
export const editChangeSchema = z.discriminatedUnion('field', [
  editMembers.outcome, editMembers.reward, editMembers.bonus, editMembers.activeMs, editMembers.requester, editMembers.deleted,
]);
const at = { at: z.number().int().nonnegative() };
export const taskEditSchema = z.discriminatedUnion('field', [
  editMembers.outcome.extend(at), editMembers.reward.extend(at), editMembers.bonus.extend(at),
  editMembers.activeMs.extend(at), editMembers.requester.extend(at), editMembers.deleted.extend(at),
]);
/** How many edits one task keeps: the writer refuses more (a record over it would be invalid). */
export const EDITS_KEPT = 500;

/** A task Centime missed, as the history page sends it (`AddedTask`); `platform` is checked against the known ones. */
export const addedTaskSchema = z
  .object({
    platform: platformIdSchema,
    title: z.string().min(1).max(500),
    requesterName: z.string().max(200).optional(),
    reward: typedMoney,
    day: daySchema,
    outcome: editOutcomeSchema,
    activeMs: typedActiveMs.optional(),
  })
  .strict();

/** Current version of a stored task record. Bump it with a migration in `kinds.ts` and an example. */
export const TASK_RECORD_VERSION = 2;

export const taskRecordSchema = taskSnapshotSchema.extend({
  v: z.literal(TASK_RECORD_VERSION),
  /** Wall-clock time Centime first saw the task page. */
  firstSeenAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  status: taskStatusSchema,
  /** Wall-clock time of the outcome (submitted, returned, expired): the task's day is this one's. */
  endedAt: z.number().int().nonnegative().optional(),
  /** When Centime learned the task was approved or paid (the withdrawable estimate adds what came after). */
  approvedAt: z.number().int().nonnegative().optional(),
  /** Seen only in the platform's status list, never timed: counts in money, not in rates. */
  untimed: z.boolean().optional(),
  /** For records that carry only a date (untimed): the day they belong to, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Off-site study: when its work began, in a tab opened from it (its maximum time runs from there). */
  startedAt: z.number().int().nonnegative().optional(),
  /** Wall-clock deadline (accept time + time allotted), when known: an alarm marks the task expired there. */
  deadline: z.number().int().nonnegative().optional(),
  /**
   * A bonus paid for this task (Prolific: the second amount of a submissions row). With the reward, it is the
   * task's earnings and counts in its effective rate. Optional: records without one are unchanged.
   */
  bonus: moneySchema.optional(),
  /**
   * The local day (YYYY-MM-DD) whose totals hold this task's time and money, stamped when it first closes: a later
   * change (a late approval, a time-zone change) subtracts from and adds to this day, never from a recomputed one.
   * Only a repaired outcome (the platform lists as submitted a task closed here as expired or returned) moves it,
   * to the local day of its last recorded second (DESIGN.md, "Rates", the day a record belongs to).
   */
  countedDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /**
   * When Centime last knew the task's platform state: its submission here, or a platform page (status row,
   * submissions row) read then. An approval adds to withdrawable only if the item was known pending after the
   * dashboard reading (DESIGN.md, "Outcomes and money").
   */
  observedAt: z.number().int().nonnegative().optional(),
  /** Done off-site (Prolific study, custom site marked external): time accrues in tabs linked to it. */
  external: z.boolean(),
  /**
   * The worker's corrections (issue 16), dated, beside what was recorded (never changed by them): the figures use
   * `applyEdits` (lib/domain/apply-edits.ts). Optional: records without any stay valid.
   */
  edits: z.array(taskEditSchema).max(EDITS_KEPT).optional(),
  /** A task Centime missed, added by the worker (its id is `hand-<random>`). */
  addedByHand: z.literal(true).optional(),
  /** A task added by hand with an active time: that time (it has no events). Without it, the task is untimed. */
  handActiveMs: typedActiveMs.optional(),
  /**
   * When the platform last stated the task's status (a status or submissions row), kept once the worker corrected
   * the outcome: a correction older than it is superseded (the platform is the authority, DESIGN.md).
   */
  statusReadAt: z.number().int().nonnegative().optional(),
  /** The append-only timeline; active and idle time are derived from it. */
  events: z.array(timerEventSchema).max(100_000),
  /** Derived from `events` at `updatedAt` (cached so that lists need no replay). */
  activeMs: z.number().int().nonnegative(),
  idleMs: z.number().int().nonnegative(),
});

export type TaskRecord = z.infer<typeof taskRecordSchema>;
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** Active time on platform pages that are not a task (search, queue, dashboard), one record per stretch. */
export const platformStretchSchema = z.object({
  v: z.literal(1),
  platform: platformIdSchema,
  start: stampSchema,
  end: stampSchema,
  ms: z.number().int().nonnegative(),
  /** The local day it was counted under (stamped when written; absent in records of version 1's layout). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type PlatformStretch = z.infer<typeof platformStretchSchema>;

export const SETTINGS_VERSION = 4;

/** Hourly rates are per currency, in minor units per hour. */
const ratesByCurrency = z.record(currencySchema, z.number().int().nonnegative());

export const exchangeRateSchema = z.object({
  from: currencySchema,
  to: currencySchema,
  rate: z.number().positive().finite(),
  /** When the worker entered it (wall ms); absent for rates entered before Centime kept the date. */
  enteredAt: z.number().int().nonnegative().optional(),
});

export const settingsSchema = z.object({
  v: z.literal(SETTINGS_VERSION),
  minRates: ratesByCurrency,
  targetRates: ratesByCurrency,
  /** Seconds without input before the worker counts as idle; 15 s is the floor of `browser.idle`. */
  idleTimeoutSec: z.number().int().min(15).max(3600),
  displayCurrency: currencySchema,
  exchangeRates: z.array(exchangeRateSchema),
  /** Payout thresholds per platform id; an empty list means the platform pays out any amount. */
  payoutThresholds: z.record(platformIdSchema, z.array(moneySchema)),
  overlay: z.boolean(),
  notifications: z.boolean(),
  /** Refresh balances from the platform every so often (off by default; never more often than 30 min). */
  autoRefresh: z.object({ enabled: z.boolean(), everyMinutes: z.number().int().min(30).max(24 * 60) }),
  /** Work sessions: a gap longer than this (minutes) between two stretches of work starts a new session. */
  sessionGapMin: z.number().int().min(1).max(240),
  /** Platforms the worker switched off: their scripts do nothing and nothing of them is recorded. */
  disabledPlatforms: z.array(platformIdSchema).max(100),
  /** Opt-in: settings and custom-site rules kept in the browser's sync storage (never the history). */
  syncSettings: z.boolean(),
});

export type Settings = z.infer<typeof settingsSchema>;

export const dashboardReadingSchema = z.object({
  at: z.number().int().nonnegative(),
  available: moneySchema,
  bonuses: moneySchema.optional(),
});
