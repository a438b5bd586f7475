import { backupPartsWriter, PART_NAMES, readBackup, type BackupParts, type BackupProblem } from '../data/backup';
import { planImport, type ImportPlan } from '../data/merge';
import { readHitTrackerBackup } from '../data/mturk-suite';
import { suiteTasks } from '../data/suite-import';
import { sendToBackground } from '../messaging';
import { taskTexts } from './backup-task-text';
import { besideTasksForFile, existingFor } from '../storage/backup-read';
import { loadCustomRules } from '../storage/custom-rules-store';
import { settingsKind } from '../storage/kinds';
import { loadSettings } from '../storage/settings';
import { upgrade } from '../storage/versioned';

/**
 * Data in and out, on the page's side (issue 17): the page reads (the export is built here, from the storage
 * layer's reads) and shows what an import would do; every write goes to the background's writer, in parts,
 * and becomes visible only when the worker confirms.
 */
export type FileKind = 'backup' | 'mturk-suite';

export interface ImportPreview {
  kind: FileKind;
  counts: ImportPlan['counts'];
  /** Every record left out, with its list, position and reason. */
  problems: BackupProblem[];
  /** The backup carries settings the worker may choose to use instead of this browser's. */
  hasSettings: boolean;
  parts: BackupParts;
  settings: unknown;
  customRules: unknown[];
}

export interface BackupFile {
  /** The file's text in parts: the tasks' already Blobs (a Blob of them all is the file). */
  parts: BlobPart[];
  /** Stored tasks that failed validation and are not in the file: the page says how many. */
  leftOut: number;
}

/**
 * The whole backup as a file, in parts: every piece of primary data, the settings and the custom-site rules. The
 * tasks are read and written by Workers, a span of keys each, a Blob a chunk (`taskTexts`), while the page reads
 * the other lists: no string of the whole file is ever held.
 */
export async function backupFileParts(now: number, progress?: (done: number, total: number) => void, chunk?: number, workers?: number): Promise<BackupFile> {
  const [{ settings }, { rules }, spans, beside] = await Promise.all([
    loadSettings(now), loadCustomRules(now), taskTexts(progress, chunk, workers), besideTasksForFile(),
  ]);
  const writer = backupPartsWriter(now);
  const parts: BlobPart[] = [writer.opening];
  let written = 0;
  for (const span of spans) {
    if (span.count === 0) continue;
    // Each span's text starts with no comma: one goes between spans.
    if (written) parts.push(',');
    parts.push(...span.parts);
    written += span.count;
  }
  parts.push(...writer.endParts({ ...beside.rest, settings, customRules: rules }, beside.lists));
  return { parts, leftOut: spans.reduce((n, span) => n + span.invalid, 0) };
}

/** `centime-backup-2026-11-30.json`: the day in the worker's time zone. */
export const backupFileName = (day: string) => `centime-backup-${day}.json`;

const emptyParts = (): BackupParts => ({ tasks: [], stretches: [], bonuses: [], readings: [], approvals: [], transfers: [], legacyDelays: [] });

/**
 * What importing `text` at `now` would add, what is a duplicate, and every bad record (a record dated after `now`
 * is one: lib/data/future.ts); null when the file is neither kind.
 */
export async function previewImport(text: string, now: number): Promise<ImportPreview | { problems: BackupProblem[] }> {
  const backup = readBackup(text, now);
  let preview: Omit<ImportPreview, 'counts'>;
  if (backup.backup) {
    const { tasks, stretches, bonuses, readings, approvals, transfers, legacyDelays, settings, customRules } = backup.backup;
    const parts = { tasks, stretches, bonuses, readings, approvals, transfers, legacyDelays };
    preview = { kind: 'backup', problems: backup.problems, parts, settings, customRules, hasSettings: settings !== null };
  } else if (backup.problems.some((p) => p.reason === 'written by a newer Centime' || p.reason === 'unknown backup version')) {
    // A Centime backup this version cannot read: say that, not that the file is no backup at all.
    return { problems: backup.problems };
  } else {
    const suite = readHitTrackerBackup(text, now);
    if (suite.problems.some((p) => p.index === -1)) return { problems: [{ list: 'file', index: -1, reason: 'neither a Centime backup nor an MTurk Suite HIT Tracker backup' }] };
    const tasks = suiteTasks(suite.tasks);
    preview = {
      kind: 'mturk-suite', parts: { ...emptyParts(), tasks }, settings: null, customRules: [], hasSettings: false,
      problems: suite.problems.map((p) => ({ list: 'hits', index: p.index, reason: p.reason })),
    };
  }
  const plan = planImport(await existingFor(preview.parts), preview.parts);
  return { ...preview, counts: plan.counts };
}

/** Records per message: well under the browsers' message limits with long timelines. */
const PART_SIZE = 1000;
/**
 * Parts sent before the first of them is answered: the page makes the next while the background reads the ones
 * before (each numbered: the background joins them in order, whatever order they arrive in).
 */
const IN_FLIGHT = 3;

/**
 * What an import did: its counts, and whether the backup's settings or custom-site rules, asked for, could not be
 * used (settings of a newer Centime's version, rules not valid here): this browser's then stay as they were, and
 * the page says so rather than nothing.
 */
export interface ImportOutcome {
  counts: ImportPlan['counts'];
  settingsLeftOut: boolean;
  rulesLeftOut: boolean;
}

/**
 * Sends the import to the background in parts and confirms it; `progress(done, total)` after each part. With
 * `useSettings`, the backup's settings and rules then replace this browser's (each validated by the background).
 */
export async function runImport(preview: ImportPreview, useSettings: boolean, progress: (done: number, total: number) => void): Promise<ImportOutcome> {
  const importId = crypto.randomUUID();
  const total = PART_NAMES.reduce((n, name) => n + preview.parts[name].length, 0);
  let done = 0;
  const sending = new Set<Promise<unknown>>();
  try {
    // A backup with no records at all (an empty browser's) is still an import: its settings may be wanted.
    if (total === 0) await sendToBackground('ui-bg-import-stage', { importId, part: {} });
    let seq = 0;
    for (const name of PART_NAMES) {
      const list = preview.parts[name] as unknown[];
      for (let i = 0; i < list.length; i += PART_SIZE) {
        const slice = list.slice(i, i + PART_SIZE);
        const sent: Promise<unknown> = sendToBackground('ui-bg-import-stage', { importId, seq: seq++, part: { [name]: slice } }).then(() => {
          sending.delete(sent);
          done += slice.length;
          progress(done, total);
        });
        sending.add(sent);
        if (sending.size >= IN_FLIGHT) await Promise.race(sending);
      }
    }
    await Promise.all(sending);
    const { counts } = await sendToBackground('ui-bg-import-commit', { importId });
    const outcome: ImportOutcome = { counts, settingsLeftOut: false, rulesLeftOut: false };
    if (useSettings && preview.hasSettings) {
      const settings = upgrade(settingsKind, preview.settings);
      if (settings.ok) await sendToBackground('ui-bg-save-settings', settings.value);
      else outcome.settingsLeftOut = true;
      if (preview.customRules.length) outcome.rulesLeftOut = !(await sendToBackground('ui-bg-save-rules', { rules: preview.customRules })).saved;
    }
    return outcome;
  } catch (error) {
    // Every part sent is answered before the drop: none arrives after it to be held again.
    await Promise.allSettled(sending);
    await sendToBackground('ui-bg-import-drop', { importId }).catch(() => {});
    throw error;
  }
}
