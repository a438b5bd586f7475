import { z } from 'zod';

/**
 * The zod schemas of everything Centime stores or receives. Content scripts never import this file (zod would
 * blow their size budget); they build the same shapes with hand-written guards, and a test runs every
 * adapter's output through these schemas.
 */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD');

export const moneySchema = z.object({
  minor: z.number().int().refine(Number.isSafeInteger, 'a safe integer number of minor units'),
  currency: currencySchema,
});

/** Text from a page: bounded so that a hostile page cannot fill the worker's disk through us. */
const pageText = (max: number) => z.string().max(max);

export const platformIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);

export const taskSnapshotSchema = z.object({
  platform: platformIdSchema,
  taskId: z.string().min(1).max(200),
  title: pageText(500),
  requesterName: pageText(200),
  reward: moneySchema.nullable(),
  timeAllottedSec: z.number().int().nonnegative().optional(),
  groupId: z.string().max(200).optional(),
  requesterId: z.string().max(200).optional(),
  acceptedAt: z.number().int().nonnegative().optional(),
});

/** Current version of a stored task record. Bump it with a migration in `task-record.ts`. */
export const TASK_RECORD_VERSION = 1;

export const taskRecordSchema = taskSnapshotSchema.extend({
  v: z.literal(TASK_RECORD_VERSION),
  /** Wall-clock time Centime first saw the task page. */
  firstSeenAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});

export type TaskRecord = z.infer<typeof taskRecordSchema>;

export const SETTINGS_VERSION = 1;

/** Hourly rates are per currency, in minor units per hour. */
const ratesByCurrency = z.record(currencySchema, z.number().int().nonnegative());

export const exchangeRateSchema = z.object({
  from: currencySchema,
  to: currencySchema,
  rate: z.number().positive().finite(),
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
});

export type Settings = z.infer<typeof settingsSchema>;
