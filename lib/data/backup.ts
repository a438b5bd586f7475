import { z } from 'zod';
import { bonusEntrySchema, type Approval, type LegacyDelaysEntry } from '../storage/ledger-db';
import type { PrimaryBatch } from '../storage/bulk';
import { taskRecordKind } from '../storage/kinds';
import { dashboardReadingSchema, platformIdSchema, platformStretchSchema, type TaskRecord } from '../storage/schemas';
import { transfersSchema } from '../storage/transfers-db';
import { upgrade } from '../storage/versioned';
import { replay } from '../domain/task-timer';
import { lastActivity } from '../storage/task-store';
import { backupBound, FUTURE, isFuture, type Bound } from './future';
import { cleanTaskKey } from '../storage/identity-ids';
import { withoutIdentity } from '../platforms/custom-rule';

/**
 * Centime's JSON backup (issue 17): every piece of primary data — tasks with their events and edits, platform
 * stretches, bonus entries, readings and cash-outs, approvals, transfers, version 1's approval delays — with the
 * settings and custom-site rules, under a format name and version. Derived data (daily totals, rows, indexes, a
 * task's cached active time) is never written: the import rebuilds it. Reading is per item: a bad task or entry is
 * reported with its list and position and the rest is kept, so that one damaged record never costs the worker the
 * others.
 */
export const BACKUP_FORMAT = 'centime-backup';
export const BACKUP_VERSION = 1;

/** A task as the backup holds it: its record without the figures derived from its events. */
export type BackupTask = Omit<TaskRecord, 'activeMs' | 'idleMs' | 'updatedAt'>;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: number;
  tasks: BackupTask[];
  stretches: NonNullable<PrimaryBatch['stretches']>;
  bonuses: NonNullable<PrimaryBatch['bonuses']>;
  readings: NonNullable<PrimaryBatch['readings']>;
  approvals: NonNullable<PrimaryBatch['approvals']>;
  transfers: NonNullable<PrimaryBatch['transfers']>;
  /**
   * Version 1's approval delays (`legacy:delay:`, docs/storage.md "Migration"), which nothing else can give again:
   * one entry per platform and requester. Added to version 1 of the format as an optional list: a backup made
   * before it has none (read as none), and a Centime that does not know it leaves it out.
   */
  legacyDelays: LegacyDelaysEntry[];
  /** Checked by the settings' own versioned kind when the worker chooses to use them. */
  settings: unknown;
  /** Checked rule by rule by the custom-site validation when imported. */
  customRules: unknown[];
}

export function backupTask(task: TaskRecord): BackupTask {
  const { activeMs: _a, idleMs: _i, updatedAt: _u, ...kept } = task;
  return kept;
}

/** A backup task with its derived figures again (replayed from its events, as the writer does). */
export function restoredTask(task: BackupTask): TaskRecord {
  const state = replay(task.events);
  return { ...task, activeMs: Math.round(state.activeMs), idleMs: Math.round(state.idleMs), updatedAt: lastActivity(task) };
}

export interface BackupProblem {
  /** Which list (`tasks`, `approvals`…) and the 0-based position in it; `file` for the file as a whole. */
  list: string;
  index: number;
  reason: string;
}

export interface BackupReading {
  backup: Backup | null;
  problems: BackupProblem[];
}

const wallMs = z.number().int().nonnegative();
const approvalSchema = z.object({
  at: wallMs, minor: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/), knownAt: wallMs.optional(),
  task: z.string().max(300).optional(), part: z.enum(['reward', 'bonus']).optional(), seq: z.number().int().nonnegative().optional(),
  requesterId: z.string().max(200).optional(), submittedAt: wallMs.optional(),
}) satisfies z.ZodType<Approval>;

const itemSchemas = {
  stretches: platformStretchSchema,
  bonuses: z.object({ entry: bonusEntrySchema, fromTotal: z.number().int() }),
  readings: z.object({ platform: platformIdSchema, reading: dashboardReadingSchema }),
  approvals: z.object({ platform: platformIdSchema, approval: approvalSchema }),
  transfers: z.object({ platform: platformIdSchema, at: wallMs, transfers: transfersSchema.shape.transfers, undone: transfersSchema.shape.undone }),
  legacyDelays: z.object({
    platform: platformIdSchema, requesterId: z.string().min(1).max(200), delays: z.array(z.number().nonnegative()).min(1), at: wallMs,
  }) satisfies z.ZodType<LegacyDelaysEntry>,
} as const;

const reason = (error: z.ZodError) => {
  const issue = error.issues[0];
  return `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}`;
};

function readList<T>(data: Record<string, unknown>, list: string, read: (item: unknown) => { ok: true; value: T } | { ok: false; reason: string }, problems: BackupProblem[]): T[] {
  const items = data[list];
  if (items === undefined) return [];
  if (!Array.isArray(items)) {
    problems.push({ list, index: -1, reason: 'not a list' });
    return [];
  }
  const kept: T[] = [];
  items.forEach((item: unknown, index) => {
    const read1 = read(item);
    if (read1.ok) kept.push(read1.value);
    else problems.push({ list, index, reason: read1.reason });
  });
  return kept;
}

/**
 * Whether a record read from a file holds an amount under zero anywhere (a reward, a bonus, an approval, a
 * reading, a transfer, an edit's value): no platform pays that, and added up it would take money off a day's
 * earnings. Only a damaged or hand-edited file has one; that record is a problem, the others are imported.
 */
function hasNegativeAmount(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 6) return false;
  if (Array.isArray(value)) return value.some((v) => hasNegativeAmount(v, depth + 1));
  const record = value as Record<string, unknown>;
  if (typeof record.minor === 'number' && record.minor < 0 && typeof record.currency === 'string') return true;
  return Object.values(record).some((v) => hasNegativeAmount(v, depth + 1));
}
const NEGATIVE = 'an amount under zero';

function readTask(item: unknown, bound: Bound): { ok: true; value: BackupTask } | { ok: false; reason: string } {
  // The stored kind validates (and upgrades older versions of) the task; its derived figures are recomputed.
  const withFigures = typeof item === 'object' && item !== null && !Array.isArray(item) ? { activeMs: 0, idleMs: 0, updatedAt: 0, ...item } : item;
  const upgraded = upgrade(taskRecordKind, withFigures);
  if (!upgraded.ok) return { ok: false, reason: upgraded.error };
  // Its money only (not the timeline's events): a backup holds 100,000 tasks.
  const { reward, bonus, edits } = upgraded.value;
  if (hasNegativeAmount([reward, bonus, edits])) return { ok: false, reason: NEGATIVE };
  // Its last recorded instant (its timeline, outcome, edits…) and the days it counts under (lib/data/future.ts).
  const task = backupTask(upgraded.value);
  return isFuture(bound, [lastActivity(task)], [task.countedDay, task.day]) ? { ok: false, reason: FUTURE } : { ok: true, value: task };
}

/** The times, and the days, a record is dated by: none may come after the import (lib/data/future.ts). */
type Dates = [walls: (number | undefined)[], days?: (string | undefined)[]];

function readItem<S extends z.ZodType>(schema: S, bound: Bound, dates: (item: z.infer<S>) => Dates) {
  return (item: unknown): { ok: true; value: z.infer<S> } | { ok: false; reason: string } => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) return { ok: false, reason: reason(parsed.error) };
    if (hasNegativeAmount(parsed.data)) return { ok: false, reason: NEGATIVE };
    return isFuture(bound, ...dates(parsed.data)) ? { ok: false, reason: FUTURE } : { ok: true, value: parsed.data };
  };
}

export type BackupParts = Pick<Backup, 'tasks' | 'stretches' | 'bonuses' | 'readings' | 'approvals' | 'transfers' | 'legacyDelays'>;
export const PART_NAMES = ['tasks', 'stretches', 'bonuses', 'readings', 'approvals', 'transfers', 'legacyDelays'] as const;

type Read<T> = (item: unknown) => { ok: true; value: T } | { ok: false; reason: string };
/**
 * A record read as `read` reads it, then `clean`ed: a custom site's task named without the worker's own id, which
 * ids kept before bce8f57. A backup made then would store it again, where the start-up migration no longer looks.
 */
const cleaned = <T>(read: Read<T>, clean: (value: T) => T): Read<T> => (item) => {
  const result = read(item);
  return result.ok ? { ok: true, value: clean(result.value) } : result;
};
const cleanTask = (task: BackupTask): BackupTask => {
  const id = task.platform.startsWith('custom:') ? withoutIdentity(task.taskId) : null;
  return id === null ? task : { ...task, taskId: id };
};
const cleanApproval = <T extends { approval: Approval }>(item: T): T => {
  const key = item.approval.task === undefined ? null : cleanTaskKey(item.approval.task);
  return key === null ? item : { ...item, approval: { ...item.approval, task: key } };
};

/**
 * The primary data lists of `record`, each record validated; what fails is added to `problems`. `importedAt`: when
 * the worker imports them; a record dated after it (a day of margin) is a problem.
 */
export function readParts(record: Record<string, unknown>, problems: BackupProblem[], importedAt: number): BackupParts {
  const bound = backupBound(importedAt);
  return {
    tasks: readList(record, 'tasks', cleaned((item) => readTask(item, bound), cleanTask), problems),
    stretches: readList(record, 'stretches', readItem(itemSchemas.stretches, bound, (s) => [[s.start.wall, s.end.wall], [s.day]]), problems),
    bonuses: readList(record, 'bonuses', readItem(itemSchemas.bonuses, bound, (b) => [[b.entry.at], [b.entry.day]]), problems),
    readings: readList(record, 'readings', readItem(itemSchemas.readings, bound, (r) => [[r.reading.at]]), problems),
    approvals: readList(record, 'approvals', cleaned(readItem(itemSchemas.approvals, bound, ({ approval: a }) => [[a.at, a.knownAt, a.submittedAt]]), cleanApproval), problems),
    transfers: readList(record, 'transfers', readItem(itemSchemas.transfers, bound, (t) => [[t.at], [...t.transfers, ...(t.undone ?? [])].map((x) => x.requestedDate)]), problems),
    // Absent from a backup made before it carried them: none.
    legacyDelays: readList(record, 'legacyDelays', readItem(itemSchemas.legacyDelays, bound, (l) => [[l.at]]), problems),
  };
}

/** Never throws: a file that is not a backup gives no backup and one problem (`file`). `importedAt`: see `readParts`. */
export function readBackup(text: string, importedAt: number): BackupReading {
  let data: unknown;
  try {
    // A byte order mark (a backup saved again by an editor as "UTF-8 with BOM") is no part of the JSON.
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { backup: null, problems: [{ list: 'file', index: -1, reason: 'not JSON: not a Centime backup' }] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as Record<string, unknown>).format !== BACKUP_FORMAT) {
    return { backup: null, problems: [{ list: 'file', index: -1, reason: 'not a Centime backup' }] };
  }
  const record = data as Record<string, unknown>;
  if (record.version !== BACKUP_VERSION) {
    const newer = typeof record.version === 'number' && record.version > BACKUP_VERSION;
    return { backup: null, problems: [{ list: 'file', index: -1, reason: newer ? 'written by a newer Centime' : 'unknown backup version' }] };
  }
  const problems: BackupProblem[] = [];
  const backup: Backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: wallMs.safeParse(record.exportedAt).data ?? 0,
    ...readParts(record, problems, importedAt),
    settings: record.settings ?? null,
    customRules: Array.isArray(record.customRules) ? record.customRules : [],
  };
  return { backup, problems };
}

export function writeBackup(parts: Omit<Backup, 'format' | 'version'>): string {
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, ...parts } satisfies Backup);
}

/** Tasks as the backup's list holds them, the text between its brackets; a comma before them unless they come first. */
export function taskListText(tasks: readonly BackupTask[], first: boolean): string {
  // One stringify of the list, its brackets dropped: the same text as each task's, joined by commas.
  const text = JSON.stringify(tasks).slice(1, -1);
  return first ? text : `,${text}`;
}

/**
 * The text of `writeBackup`, written in parts (issue 18: 100,000 tasks make 120 MB): the opening up to the task
 * list, then the tasks a chunk at a time as they are read (`taskListText`; `tasks` keeps count of the commas),
 * then `endParts` with the rest; joined, they are `writeBackup`'s very text. No list of every task and no single string
 * of the whole file is ever held: the caller turns each part into a Blob as it comes.
 */
export function backupPartsWriter(exportedAt: number) {
  let written = 0;
  return {
    opening: `${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt }).slice(0, -1)},"tasks":[`,
    tasks(tasks: readonly BackupTask[]): string {
      if (tasks.length === 0) return '';
      const part = taskListText(tasks, written === 0);
      written += tasks.length;
      return part;
    },
    /** Tasks already as text, each `JSON.stringify` of a backup task (the archive's): joined as `tasks` joins them. */
    texts(texts: readonly string[]): string {
      if (texts.length === 0) return '';
      const part = texts.join(',');
      const first = written === 0;
      written += texts.length;
      return first ? part : `,${part}`;
    },
    /**
     * Archived parts as their stored text (each its tasks' texts joined by commas: lib/storage/archive-keys.ts),
     * joined as `texts` joins tasks: the Blobs themselves, never read here.
     */
    blobs(blobs: readonly { count: number; text: Blob }[]): BlobPart[] {
      const parts: BlobPart[] = [];
      for (const { count, text } of blobs) {
        if (count === 0) continue;
        if (written > 0) parts.push(',');
        parts.push(text);
        written += count;
      }
      return parts;
    },
    /**
     * The file's end, as writeBackup writes it, with the approvals and stretches given as their list's text in parts
     * (each list's items joined by commas: lib/storage/packs.ts, `itemsBackupText`), which go into the file as they are.
     */
    endParts(rest: Omit<Backup, 'format' | 'version' | 'exportedAt' | 'tasks' | 'approvals' | 'stretches'>, lists: Record<'approvals' | 'stretches', BlobPart[]>): BlobPart[] {
      const { bonuses, readings, transfers, legacyDelays, settings, customRules } = rest;
      // The keys in writeBackup's order, as JSON.stringify writes them (a key whose value has no JSON is left out).
      const field = (name: string, value: unknown) => {
        const json = JSON.stringify(value) as string | undefined;
        return json === undefined ? '' : `,"${name}":${json}`;
      };
      return [
        '],"stretches":[', ...lists.stretches,
        `]${field('bonuses', bonuses)}${field('readings', readings)},"approvals":[`, ...lists.approvals,
        `]${field('transfers', transfers)}${field('legacyDelays', legacyDelays)}${field('settings', settings)}${field('customRules', customRules)}}`,
      ];
    },
  };
}
