import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { readBackup, writeBackup } from '../../../lib/data/backup';
import { backupFileParts, previewImport, type ImportPreview } from '../../../lib/pages/data-io';
import { spanText, type WorkerReply } from '../../../lib/pages/backup-span';
import { primaryData } from '../../../lib/storage/backup-read';
import type { KeySpan } from '../../../lib/storage/backup-tasks';
import { loadCustomRules } from '../../../lib/storage/custom-rules-store';
import { seedFake } from '../../seed/seed-fake';
import { clearHistory } from '../../../lib/storage/history-db';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../../lib/storage/settings';
import { statementInput } from '../../../lib/storage/statement-read';

/** The whole backup as one text: the file's parts joined, as the download's Blob joins them. */
const backupText = async (now: number): Promise<string> => new Blob((await backupFileParts(now)).parts).text();

// The page's side of data in and out (issue 17): what an import would do, read before anything is sent.
const at = (iso: string) => Date.parse(iso);
const stamp = (iso: string) => ({ wall: at(iso), mono: at(iso), origin: 0 });
/** When the worker imports the files of these tests. */
const NOW = at('2026-11-30T12:00:00Z');

describe('previewImport', () => {
  let writer: TaskWriter;
  beforeEach(async () => {
    await clearHistory();
    await saveSettings(DEFAULT_SETTINGS);
    writer = new TaskWriter(() => 'UTC');
    // Centime timed assignment ASG2 of HIT HIT2.
    const record: TaskRecord = {
      v: 2, platform: 'mturk', taskId: 'ASG2', hitId: 'HIT2', title: 'Tags', requesterName: 'Shop', reward: { minor: 125, currency: 'USD' },
      firstSeenAt: at('2026-11-02T10:00:00Z'), updatedAt: at('2026-11-02T10:05:00Z'), status: 'submitted', endedAt: at('2026-11-02T10:05:00Z'),
      external: false, activeMs: 0, idleMs: 0,
      events: [{ boot: 1, n: 1, type: 'front', at: stamp('2026-11-02T10:00:00Z') }, { boot: 1, n: 2, type: 'outcome', outcome: 'submitted', at: stamp('2026-11-02T10:05:00Z') }],
    };
    await writer.serial(() => writer.update('mturk:ASG2', () => record, record.updatedAt));
  });

  it('lists what an MTurk Suite backup adds, what it completes (matched by HIT id) and its bad rows', async () => {
    const hits = [
      { hit_id: 'HIT1', assignment_id: 'ASG1', requester_name: 'Lab', reward: { amount_in_dollars: 0.5 }, state: 'Approved', title: 'Survey', date: '20261101' },
      { hit_id: 'HIT2', requester_id: 'R2', requester_name: 'Shop', reward: { amount_in_dollars: 1.25 }, state: 'Approved', title: 'Tags', date: '20261102' },
      { hit_id: 'HIT3', reward: { amount_in_dollars: 1 }, state: 'Assigned', title: 'Never done', date: '20261103' },
    ];
    const preview = (await previewImport(JSON.stringify({ hits, days: [] }), NOW)) as ImportPreview;
    expect(preview.kind).toBe('mturk-suite');
    expect(preview.counts.tasks).toEqual({ added: 1, duplicate: 0, updated: 1 });
    expect(preview.problems).toEqual([{ list: 'hits', index: 2, reason: 'still Assigned: never finished' }]);
    // The file's keys: HIT2, without assignment id, is under its HIT id, and the merge joins it to ASG2 (one updated).
    expect(preview.parts.tasks.map((t) => t.taskId)).toEqual(['ASG1', 'HIT2']);
  });

  it('matches HIT ids to closed MTurk tasks only: an open one (no day yet) and other platforms are not matched', async () => {
    const open: TaskRecord = {
      v: 2, platform: 'mturk', taskId: 'ASG5', hitId: 'HIT5', title: 'Open', requesterName: 'Shop', reward: { minor: 10, currency: 'USD' },
      firstSeenAt: at('2026-11-03T10:00:00Z'), updatedAt: at('2026-11-03T10:00:00Z'), status: 'open', external: false, activeMs: 0, idleMs: 0,
      events: [{ boot: 1, n: 1, type: 'front', at: stamp('2026-11-03T10:00:00Z') }],
    };
    const prolific: TaskRecord = { ...open, platform: 'prolific', taskId: 'S6', hitId: 'HIT6', status: 'submitted', endedAt: at('2026-11-03T10:05:00Z'), external: true };
    await writer.serial(() => writer.update('mturk:ASG5', () => open, open.updatedAt));
    await writer.serial(() => writer.update('prolific:S6', () => prolific, prolific.updatedAt));
    const hits = ['HIT2', 'HIT5', 'HIT6'].map((hit_id) => ({ hit_id, requester_name: 'Shop', reward: { amount_in_dollars: 0.1 }, state: 'Approved', title: 'T', date: '20261103' }));
    const preview = (await previewImport(JSON.stringify({ hits, days: [] }), NOW)) as ImportPreview;
    expect(preview.parts.tasks.map((t) => t.taskId)).toEqual(['HIT2', 'HIT5', 'HIT6']);
    expect(preview.counts.tasks).toEqual({ added: 2, duplicate: 0, updated: 1 });
  });

  it('leaves out, as problems, the records dated after the import: a Suite HIT of 2099, a backup’s task counted in 2099', async () => {
    const hits = [
      { hit_id: 'HIT7', assignment_id: 'ASG7', requester_name: 'Lab', reward: { amount_in_dollars: 0.5 }, state: 'Submitted', title: 'Survey', date: '20261129' },
      { hit_id: 'HIT8', assignment_id: 'ASG8', requester_name: 'Lab', reward: { amount_in_dollars: 900 }, state: 'Approved', title: 'Typo', date: '20991231' },
    ];
    const suite = (await previewImport(JSON.stringify({ hits, days: [] }), NOW)) as ImportPreview;
    expect(suite.parts.tasks.map((t) => t.day)).toEqual(['2026-11-29']);
    expect(suite.problems).toEqual([{ list: 'hits', index: 1, reason: 'a date in the future' }]);
    expect(suite.counts.tasks).toEqual({ added: 1, duplicate: 0, updated: 0 });
    const text = await backupText(NOW);
    const file = JSON.parse(text) as { tasks: Record<string, unknown>[] };
    file.tasks.push({ ...file.tasks[0]!, taskId: 'ASG9', countedDay: '2099-12-31' });
    const backup = (await previewImport(JSON.stringify(file), NOW)) as ImportPreview;
    expect(backup.parts.tasks.map((t) => t.taskId)).toEqual(['ASG2']);
    expect(backup.problems).toEqual([{ list: 'tasks', index: 1, reason: 'a date in the future' }]);
  });

  it('says a backup of this very browser adds nothing', async () => {
    const preview = (await previewImport(await backupText(at('2026-11-30T12:00:00Z')), NOW)) as ImportPreview;
    expect(preview.kind).toBe('backup');
    expect(preview.counts.tasks).toEqual({ added: 0, duplicate: 1, updated: 0 });
    expect(preview.hasSettings).toBe(true);
  });

  it('refuses a file that is neither kind, with nothing to import', async () => {
    expect(await previewImport('{"hello":1}', NOW)).toEqual({ problems: [{ list: 'file', index: -1, reason: 'neither a Centime backup nor an MTurk Suite HIT Tracker backup' }] });
  });

  it('says a Centime backup written by a newer Centime is that, not a file of neither kind', async () => {
    const newer = JSON.stringify({ format: 'centime-backup', version: 99, exportedAt: 0, tasks: [] });
    expect(await previewImport(newer, NOW)).toEqual({ problems: [{ list: 'file', index: -1, reason: 'written by a newer Centime' }] });
    const unknown = JSON.stringify({ format: 'centime-backup', version: 'x', exportedAt: 0, tasks: [] });
    expect(await previewImport(unknown, NOW)).toEqual({ problems: [{ list: 'file', index: -1, reason: 'unknown backup version' }] });
  });

  it('gives the statement the approved rows with their dated approval', async () => {
    await writer.serial(() => writer.update('mturk:ASG2', (old) => (old ? { ...old, status: 'approved', approvedAt: at('2026-11-05T00:00:00Z') } : null), at('2026-11-05T00:00:00Z')));
    const input = await statementInput();
    expect(input.tasks).toEqual([{ platform: 'mturk', status: 'approved', reward: { minor: 125, currency: 'USD' }, activeMs: 300_000, day: '2026-11-02' }]);
  });
});

describe('the backup file, written in parts', () => {
  it('joins to the very text of writeBackup, for a seeded history read a chunk at a time', async () => {
    await clearHistory();
    await seedFake({ tasks: 700, now: at('2026-11-27T14:00:00Z'), timeZone: 'UTC' });
    const now = at('2026-11-30T12:00:00Z');
    const [{ settings }, { rules }] = await Promise.all([loadSettings(now), loadCustomRules(now)]);
    const expected = writeBackup({ exportedAt: now, ...(await primaryData()), settings, customRules: rules });
    for (const chunk of [500, 1, 333, 700, 1000]) {
      const { parts, leftOut } = await backupFileParts(now, undefined, chunk);
      // The opening, each chunk of tasks (a Blob), then the rest, in parts, from the stretches' list on.
      const chunks = Math.ceil(700 / chunk);
      expect(parts.slice(1, 1 + chunks).every((p) => p instanceof Blob)).toBe(true);
      expect(parts[1 + chunks]).toBe('],"stretches":[');
      expect(leftOut).toBe(0);
      const text = await new Blob(parts).text();
      expect(text).toBe(expected);
      expect(readBackup(text, now).backup?.tasks).toHaveLength(700);
    }
  }, 60_000);

  it("joins the archive's stored texts (Blobs) into the very text of writeBackup, whatever the chunk", async () => {
    await clearHistory();
    const writer = await seedFake({ tasks: 700, now: at('2026-11-27T14:00:00Z'), timeZone: 'UTC' });
    // Two months on, every settled task is in a part, with its text beside it.
    const now = at('2027-01-30T12:00:00Z');
    expect(await writer.archiveSettled(now, true)).toBeGreaterThan(250);
    const [{ settings }, { rules }] = await Promise.all([loadSettings(now), loadCustomRules(now)]);
    const expected = writeBackup({ exportedAt: now, ...(await primaryData()), settings, customRules: rules });
    for (const chunk of [500, 1, 333, 1000]) {
      const { parts, leftOut } = await backupFileParts(now, undefined, chunk);
      expect(leftOut).toBe(0);
      expect(await new Blob(parts).text()).toBe(expected);
    }
  }, 60_000);

  it('gives the same text when Workers write spans of the tasks, whatever the split, and the progress of them all', async () => {
    await clearHistory();
    await seedFake({ tasks: 300, now: at('2026-11-27T14:00:00Z'), timeZone: 'UTC' });
    const now = at('2026-11-30T12:00:00Z');
    const expected = await backupText(now);
    // Each "Worker" runs its span in this thread, through the same messages as a real one.
    const started: string[] = [];
    class SameThreadWorker {
      onmessage: ((event: { data: WorkerReply }) => void) | null = null;
      onerror: ((event: { message: string }) => void) | null = null;
      constructor(url: URL | string) {
        started.push(String(url));
      }
      postMessage({ span, size }: { span: KeySpan; size?: number }) {
        void spanText(span, size, (done) => this.onmessage?.({ data: { done } })).then((text) => this.onmessage?.({ data: { end: true, ...text } }));
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', SameThreadWorker);
    // The page's fallback (writing alone after a Worker failed) gives the same text: it must not be what ran.
    const warn = vi.spyOn(console, 'warn');
    try {
      for (const [workers, chunk] of [[2, 500], [3, 7], [4, 64], [299, 100], [1000, 500]] as const) {
        started.length = 0;
        const progress: [number, number][] = [];
        const { parts } = await backupFileParts(now, (done, total) => progress.push([done, total]), chunk, workers);
        expect(await new Blob(parts).text()).toBe(expected);
        expect(started).toHaveLength(workers > 300 ? 1 : workers);
        expect(started.every((url) => String(url).includes('backup-worker'))).toBe(true);
        expect(progress.at(-1)).toEqual([300, 300]);
      }
      expect(warn).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
      warn.mockRestore();
    }
  }, 60_000);

  it('writes an empty history as a backup with empty lists', async () => {
    await clearHistory();
    const text = await backupText(at('2026-11-30T12:00:00Z'));
    const { backup, problems } = readBackup(text, NOW);
    expect(problems).toEqual([]);
    expect(backup?.tasks).toEqual([]);
    expect(backup?.approvals).toEqual([]);
  });
});
