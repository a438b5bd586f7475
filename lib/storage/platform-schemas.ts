import { z } from 'zod';
import { moneySchema } from './schemas';

/**
 * The zod schemas of what platform adapters read from pages other than a task page (listings, queue, balances,
 * status details, earnings). Content scripts build these shapes with hand-written guards (lib/platforms); the
 * background validates them with these before using them, and a test runs every adapter's output through them.
 */

/** Text from a page: bounded so that a hostile page cannot fill the worker's disk through us. */
const pageText = (max: number) => z.string().max(max);
const id = z.string().min(1).max(200);
const seconds = z.number().int().nonnegative();
const wallMs = z.number().int().nonnegative();
const day = z.string().regex(/^\d{4}-\d\d-\d\d$/, 'a calendar day YYYY-MM-DD');
const pageUrl = z.string().max(2000).regex(/^https:\/\//, 'an absolute https URL');
const state = z.string().min(1).max(40);

export const listedTaskSchema = z.object({
  taskId: id,
  title: pageText(500),
  reward: moneySchema.nullable(),
  estimatedSec: seconds.optional(),
  timeAllottedSec: seconds.optional(),
  ratePerHour: moneySchema.optional(),
  requesterName: pageText(200).optional(),
  requesterId: id.optional(),
  assignableHits: z.number().int().nonnegative().optional(),
  acceptUrl: pageUrl.optional(),
});

export const queuedTaskSchema = z.object({
  taskId: id,
  hitId: id.optional(),
  groupId: id.optional(),
  title: pageText(500),
  requesterName: pageText(200),
  requesterId: id.optional(),
  reward: moneySchema.nullable(),
  timeAllottedSec: seconds.optional(),
  acceptedAt: wallMs.optional(),
  deadline: wallMs.optional(),
  state: state.optional(),
  taskUrl: pageUrl.optional(),
});

export const balancesSchema = z.object({
  available: moneySchema.optional(),
  pending: moneySchema.optional(),
});

export const dashboardSchema = z.object({
  available: moneySchema.optional(),
  approvedHitsEarnings: moneySchema.optional(),
  bonuses: moneySchema.optional(),
  totalEarnings: moneySchema.optional(),
  hits: z
    .object({
      approved: z.number().int().nonnegative().optional(),
      pending: z.number().int().nonnegative().optional(),
      rejected: z.number().int().nonnegative().optional(),
      approvalRate: pageText(20).optional(),
    })
    .optional(),
  nextPayment: day.optional(),
});

export const statusDetailSchema = z.object({
  assignmentId: id,
  hitId: id,
  state,
  title: pageText(500),
  requesterName: pageText(200),
  requesterId: id.optional(),
  reward: moneySchema,
  /** A bonus the row shows for this task (Prolific). */
  bonus: moneySchema.optional(),
  date: day,
});

export const earningsPageSchema = z.object({
  available: moneySchema.optional(),
  transfers: z.array(z.object({ requestedDate: day, amount: moneySchema })).max(10_000),
  undone: z.array(z.object({ requestedDate: day, amount: moneySchema })).max(10_000).optional(),
  lastTransfer: z.object({ date: day, to: z.enum(['bank', 'gift card']) }).optional(),
});

export const prolificSubmissionSchema = z.object({
  studyId: id.optional(),
  title: pageText(500).optional(),
  status: z.enum(['RESERVED', 'ACTIVE', 'AWAITING REVIEW', 'APPROVED', 'REJECTED', 'SCREENED OUT', 'RETURNED', 'TIMED-OUT']),
  date: day.optional(),
  reward: moneySchema.nullable(),
  bonus: moneySchema.optional(),
});

export const completionSchema = z.object({ code: z.string().min(1).max(100).nullable() });

/** A page of rows is bounded too: MTurk shows at most a few hundred per page. */
export const listedTasksSchema = z.array(listedTaskSchema).max(1000);
export const queuedTasksSchema = z.array(queuedTaskSchema).max(1000);
export const statusDetailsSchema = z.array(statusDetailSchema).max(1000);
export const prolificSubmissionsSchema = z.array(prolificSubmissionSchema).max(1000);
