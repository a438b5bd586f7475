import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { planImport } from '../../../lib/data/merge';
import { existingFor, primaryData } from '../../../lib/storage/backup-read';
import { readBackupTasks, splitTaskKeys, type BackupTaskChunk, type KeySpan } from '../../../lib/storage/backup-tasks';
import { ARCHIVE_AFTER_MS, archivedKeys, archiveBatch, writeMissingTexts, archiveDayBatch, archiveDue, DAY_ORDER_ABOVE, ifArchiveFree, looseCount, PART_SIZE, partCounts, withArchiveRead, type DayMark } from '../../../lib/storage/archive';
import { bucketOf, COUNTS_KEY, type Bucket, type Part, type PartText } from '../../../lib/storage/archive-keys';
import { commit, database, del, put } from '../../../lib/storage/database';
import { writeImport } from '../../../lib/storage/import-write';
import { allDayEntries, clearHistory, findTask, getTasks } from '../../../lib/storage/history-db';
import { rebuild } from '../../../lib/storage/rebuild';
import { readTasksInChunks } from '../../../lib/storage/task-chunks';
import type { TaskRow } from '../../../lib/storage/task-store';
import { seedFake } from '../../seed/seed-fake';
import v1Example from './examples/task-record.v1.json';

// Issue 18: settled tasks of the past are packed a few hundred to a record (lib/storage/archive.ts). Archiving
// changes where a task is stored, never what it is: every reader gives the same tasks, a rebuild the same derived
// records, and a write of an archived task takes it out in the same transaction. (The oracle's `archive` action
// checks the same through the real background, between every other action.)

const DAY = 24 * 3600_000;
const seed = { tasks: 700, now: Date.UTC(2026, 10, 27, 14), timeZone: 'UTC' };
const byKey = <T extends { platform: string; taskId: string }>(list: T[]) => [...list].sort((a, b) => (`${a.platform}:${a.taskId}` < `${b.platform}:${b.taskId}` ? -1 : 1));

async function derivedDump(): Promise<Record<string, unknown>> {
  const db = await database();
  const out: Record<string, unknown> = {};
  for (const name of ['days', 'dayIndex', 'rows', 'pending', 'records'] as const) {
    const [keys, values] = await Promise.all([db.getAllKeys(name), db.getAll(name)]);
    out[name] = keys.map((k, i) => [k, values[i]]).filter(([k]) => !String(k).startsWith('index:'));
  }
  out.dayEntries = await allDayEntries();
  return out;
}

type Task = BackupTaskChunk['tasks'][number];

/** A chunk's tasks, the archive's texts and parts' stored texts parsed back. */
async function chunkTasks(chunks: BackupTaskChunk[]): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const c of chunks) {
    tasks.push(...c.tasks, ...(c.texts ?? []).map((t) => JSON.parse(t) as Task));
    for (const { count, text } of c.blobs ?? []) {
      const list = JSON.parse(`[${await text.text()}]`) as Task[];
      expect(list).toHaveLength(count);
      tasks.push(...list);
    }
  }
  return tasks;
}

async function readSpans(spans: KeySpan[], size: number): Promise<BackupTaskChunk[]> {
  const chunks: BackupTaskChunk[] = [];
  // As the backup's Workers do: every span's archived parts, then every span's records of `tasks`.
  for (const span of spans) if (span.parts !== null) await readBackupTasks((c) => void chunks.push(c), size, { loose: false, parts: span.parts });
  for (const { after, upTo } of spans) await readBackupTasks((c) => void chunks.push(c), size, { after, upTo, parts: null });
  return chunks;
}

/**
 * The counts record says what the parts hold, and each part's text record (`PartText`) is its texts joined, in its
 * order: no text record without its part.
 */
async function expectCounts(): Promise<void> {
  const db = await database();
  const [keys, parts] = await Promise.all([db.getAllKeys('archive'), db.getAll('archive') as Promise<Part[]>]);
  expect(await partCounts()).toEqual(keys.map((k, i) => [k, Object.keys(parts[i]!.tasks).length]));
  const [textKeys, texts] = await Promise.all([db.getAllKeys('archiveText'), db.getAll('archiveText') as Promise<PartText[]>]);
  expect(textKeys).toEqual(keys);
  for (const [i, part] of parts.entries()) {
    expect([texts[i]!.v, texts[i]!.count]).toEqual([part.v, Object.keys(part.tasks).length]);
    expect(await texts[i]!.text.text()).toBe(Object.values(part.tasks).join(','));
  }
}

describe('the archive of settled tasks', () => {
  let writer: TaskWriter;
  let before: Awaited<ReturnType<typeof primaryData>>['tasks'];
  let derived: Record<string, unknown>;
  let settled: string[];

  beforeAll(async () => {
    await clearHistory();
    writer = await seedFake(seed);
    before = (await primaryData()).tasks;
    derived = await derivedDump();
    const rows = (await (await database()).getAll('rows')) as TaskRow[];
    settled = rows.filter((r) => ['approved', 'rejected', 'returned', 'expired'].includes(r.status)).map((r) => r.key);
  }, 120_000);
  afterEach(() => vi.unstubAllGlobals());

  it('moves nothing recorded in the past 30 days, then every settled task, and only those, into parts of one platform and month', async () => {
    expect(await writer.archiveSettled(seed.now)).toBe(0);
    expect(await archivedKeys()).toEqual([]);
    // A pass runs at most once a day (a start-up of the background checks).
    expect(await archiveDue(seed.now + DAY / 2)).toBe(false);
    expect(await archiveDue(seed.now + DAY)).toBe(true);
    // A month and two days on, every settled task has been quiet for 30 days.
    const later = seed.now + ARCHIVE_AFTER_MS + 2 * DAY;
    const moved = await writer.archiveSettled(later);
    expect(settled.length).toBeGreaterThan(PART_SIZE);
    expect(moved).toBe(settled.length);
    expect((await archivedKeys()).sort()).toEqual([...settled].sort());
    const db = await database();
    expect(await db.count('tasks')).toBe(before.length - settled.length);
    const rows = new Map(((await db.getAll('rows')) as TaskRow[]).map((r) => [r.key, r]));
    const keys = (await db.getAllKeys('archive')) as string[];
    await expectCounts();
    expect(keys.length).toBeLessThan(settled.length / 20);
    const counts = new Map<string, number>();
    for (const key of keys) {
      const part = (await db.get('archive', key)) as Part;
      const [platform, month] = key.split('|');
      const tasks = Object.keys(part.tasks);
      expect(tasks.length).toBeGreaterThan(0);
      expect(tasks.length).toBeLessThanOrEqual(PART_SIZE);
      for (const task of tasks) expect([rows.get(task)?.platform, rows.get(task)?.day?.slice(0, 7)]).toEqual([platform, month]);
      counts.set(`${platform}|${month}`, (counts.get(`${platform}|${month}`) ?? 0) + tasks.length);
    }
    // A month's parts are full but its last.
    for (const [prefix, n] of counts) expect(keys.filter((k) => k.startsWith(`${prefix}|`))).toHaveLength(Math.ceil(n / PART_SIZE));
    // Nothing moves twice: a pass the day after finds nothing new.
    expect(await writer.archiveSettled(later + DAY)).toBe(0);
  }, 60_000);

  it('gives every reader the same tasks, and a rebuild the same derived records', async () => {
    expect(byKey((await primaryData()).tasks)).toEqual(byKey(before));
    const chunks: number[] = [];
    await readTasksInChunks((tasks, done, total) => {
      expect(total).toBe(before.length);
      chunks.push(done);
    }, 300);
    expect(chunks.at(-1)).toBe(before.length);
    const sample = settled.slice(0, 40);
    const found = await getTasks(sample);
    expect(found.map((t) => `${t.platform}:${t.taskId}`)).toEqual(sample);
    expect((await findTask(sample[0]!))?.read.ok).toBe(true);
    await rebuild(seed.timeZone);
    expect(await derivedDump()).toEqual(derived);
  }, 60_000);

  it("gives the backup's reader every task once, however the keys and parts are split", async () => {
    const expected = JSON.stringify(byKey(before));
    for (const [workers, size] of [[1, 500], [2, 500], [3, 101], [7, 64], [40, 250]] as const) {
      const { spans, total, archived } = await splitTaskKeys(workers);
      expect([total, archived]).toEqual([before.length, settled.length]);
      const chunks = await readSpans(spans, size);
      expect(JSON.stringify(byKey(await chunkTasks(chunks)))).toBe(expected);
      expect(chunks.every((c) => c.invalid.length === 0)).toBe(true);
    }
  }, 60_000);

  it("gives the backup each current part as its stored text, and reads whole the parts with none until the pass writes it", async () => {
    const db = await database();
    const expected = JSON.stringify(byKey(before));
    const archived = (await readSpans([{ loose: false }], 500)).flatMap((c) => c.blobs ?? []);
    expect(archived.reduce((n, b) => n + b.count, 0)).toBe(settled.length);
    const texts = await db.getAll('archiveText');
    const keys = (await db.getAllKeys('archiveText')) as string[];
    try {
      // As after the update to database version 7: no part has its text yet; one has a damaged record.
      await db.clear('archiveText');
      await db.put('archiveText', { v: texts[0].v, count: 3, text: 'not a Blob' }, keys[0]!);
      const chunks = await readSpans((await splitTaskKeys(2)).spans, 500);
      expect(chunks.flatMap((c) => c.blobs ?? [])).toEqual([]);
      expect(JSON.stringify(byKey(await chunkTasks(chunks)))).toBe(expected);
      // The pass writes them, a batch a step, and a text record with no part goes.
      await db.put('archiveText', texts[0], 'mturk|1999-01|0000');
      const steps: number[] = [];
      for (let n = await writeMissingTexts(3); n > 0; n = await writeMissingTexts(3)) steps.push(n);
      expect(steps.reduce((a, b) => a + b, 0)).toBe(keys.length + 1);
      expect(steps.length).toBeGreaterThan(1);
      await expectCounts();
      const after = await readSpans((await splitTaskKeys(3)).spans, 500);
      expect(after.flatMap((c) => c.texts ?? [])).toEqual([]);
      expect(JSON.stringify(byKey(await chunkTasks(after)))).toBe(expected);
    } finally {
      await db.clear('archiveText');
      for (const [i, key] of keys.entries()) await db.put('archiveText', texts[i], key);
    }
  }, 60_000);

  it('leaves no part out of a backup or a rebuild when the counts record is gone (it only sizes the progress)', async () => {
    const db = await database();
    const counts = await db.get('records', COUNTS_KEY);
    await db.delete('records', COUNTS_KEY);
    try {
      const expected = JSON.stringify(byKey(before));
      for (const workers of [1, 2, 5]) {
        const { spans } = await splitTaskKeys(workers);
        expect(JSON.stringify(byKey(await chunkTasks(await readSpans(spans, 500))))).toBe(expected);
      }
      let read = 0;
      await readTasksInChunks((tasks) => void (read += tasks.length));
      expect(read).toBe(before.length);
    } finally {
      await db.put('records', counts, COUNTS_KEY);
    }
  }, 60_000);

  it('takes a task out of the archive in the same transaction as any write of it, so it is stored in one place', async () => {
    const db = await database();
    const [edited, gone] = settled;
    const stored = (await getTasks([edited!]))[0]!;
    const { activeMs: _a, idleMs: _i, updatedAt: _u, ...record } = stored;
    await commit([put('tasks', edited!, { ...record, bonus: { minor: 25, currency: 'USD' } })]);
    await commit([del('tasks', gone!)]);
    const bucket = (await db.get('archiveKeys', bucketOf(edited!))) as Bucket | undefined;
    expect(bucket?.[edited!]).toBeUndefined();
    expect((await db.get('archiveKeys', bucketOf(gone!)) as Bucket | undefined)?.[gone!]).toBeUndefined();
    const parts = (await db.getAll('archive')) as Part[];
    expect(parts.some((p) => edited! in p.tasks || gone! in p.tasks)).toBe(false);
    expect((await db.get('tasks', edited!)) as { bonus?: unknown }).toMatchObject({ bonus: { minor: 25, currency: 'USD' } });
    expect(await findTask(gone!)).toBeUndefined();
    expect((await getTasks([edited!]))[0]?.bonus).toEqual({ minor: 25, currency: 'USD' });
    expect(await archivedKeys()).toHaveLength(settled.length - 2);
    await expectCounts();
    // Its row still says it is settled and quiet: a later pass with the clock a month on archives it again.
    const { archived } = await archiveBatch(seed.now + 3 * ARCHIVE_AFTER_MS);
    expect(archived).toBe(1);
    expect((await getTasks([edited!]))[0]?.bonus).toEqual({ minor: 25, currency: 'USD' });
  }, 60_000);

  it('reads a part of an older version task by task, upgraded and validated as any stored record', async () => {
    const db = await database();
    const key = 'mturk:ARCHIVEDV1';
    const old = { ...v1Example, platform: 'mturk', taskId: 'ARCHIVEDV1' };
    const partKey = 'mturk|2019-01|0000';
    await db.put('archive', { v: 1, tasks: { [key]: JSON.stringify(old) } } satisfies Part, partKey);
    const bucket = ((await db.get('archiveKeys', bucketOf(key))) as Bucket | undefined) ?? {};
    await db.put('archiveKeys', { ...bucket, [key]: partKey }, bucketOf(key));
    await db.put('records', { ...((await db.get('records', COUNTS_KEY)) as object), [partKey]: 1 }, COUNTS_KEY);
    try {
      const found = await findTask(key);
      expect(found?.read.ok).toBe(true);
      const chunks = await readSpans((await splitTaskKeys(2)).spans, 500);
      const read = (await chunkTasks(chunks)).find((t) => t.taskId === 'ARCHIVEDV1');
      expect(read).toMatchObject({ v: 2, platform: 'mturk', taskId: 'ARCHIVEDV1', status: 'open', events: [] });
      expect(chunks.flatMap((c) => c.invalid)).toEqual([]);
      // One deleted above, this one planted.
      expect(await chunkTasks(chunks)).toHaveLength(before.length);
    } finally {
      await commit([del('tasks', key)]);
    }
    expect(await db.get('archive', partKey)).toBeUndefined();
    await expectCounts();
  });

  it('passes over a pass while a backup reads, and lets the next one run', async () => {
    vi.stubGlobal('navigator', { locks: fakeLocks() });
    let release!: () => void;
    const reading = withArchiveRead(() => new Promise<void>((resolve) => (release = resolve)));
    expect(await ifArchiveFree(async () => 'ran')).toBe('skipped');
    expect(await writer.archiveSettled(seed.now + 10 * ARCHIVE_AFTER_MS)).toBe(0);
    release();
    await reading;
    expect(await ifArchiveFree(async () => 'ran')).toBe('ran');
  });
});

/** Each archived task's part prefix (platform and month) and text, and how many parts each prefix has. */
async function archiveByTask() {
  const db = await database();
  const [keys, parts] = await Promise.all([db.getAllKeys('archive') as Promise<string[]>, db.getAll('archive') as Promise<Part[]>]);
  const tasks: Record<string, [string, string]> = {};
  const partsOf: Record<string, number> = {};
  keys.forEach((key, i) => {
    const prefix = key.slice(0, key.lastIndexOf('|'));
    partsOf[prefix] = (partsOf[prefix] ?? 0) + 1;
    for (const [task, text] of Object.entries(parts[i]!.tasks)) tasks[task] = [prefix, text];
  });
  return { tasks, partsOf };
}


/** `parts` imported through the writer as the options page's import does, at `now`: the plan's counts. */
async function importInto(writer: TaskWriter, parts: Awaited<ReturnType<typeof primaryData>>, now: number) {
  return writer.serial(async () => {
    const existing = await existingFor(parts);
    const plan = planImport(existing, parts);
    await writer.writeImport(plan, existing.tasks, now);
    return plan.counts;
  });
}

/** Web Locks as far as the archive uses them: one name, shared or exclusive, `ifAvailable`. */
function fakeLocks() {
  let shared = 0;
  let exclusive = false;
  return {
    async request<T>(_name: string, options: { mode?: 'shared' | 'exclusive'; ifAvailable?: boolean }, fn: (lock: object | null) => Promise<T> | T): Promise<T> {
      const free = options.mode === 'shared' ? !exclusive : !exclusive && shared === 0;
      if (!free) {
        if (options.ifAvailable) return fn(null);
        throw new Error('the fake waits for no lock');
      }
      if (options.mode === 'shared') shared++;
      else exclusive = true;
      try {
        return await fn({});
      } finally {
        if (options.mode === 'shared') shared--;
        else exclusive = false;
      }
    },
  };
}

describe('an import of settled tasks of the past', () => {
  const later = seed.now + ARCHIVE_AFTER_MS + 2 * DAY;
  let full: Awaited<ReturnType<typeof primaryData>>;

  const importAt = (writer: TaskWriter, now: number) => importInto(writer, full, now);

  beforeAll(async () => {
    await clearHistory();
    await seedFake(seed);
    full = await primaryData();
  }, 120_000);

  it('puts them straight into parts, where a pass after an import into `tasks` would put them, and reads back the same', async () => {
    // As before: every task into `tasks`, then a pass a month on.
    await clearHistory();
    const viaPass = new TaskWriter(() => seed.timeZone);
    await importAt(viaPass, seed.now);
    expect(await archivedKeys()).toEqual([]);
    await viaPass.archiveSettled(later, true);
    const passed = await archiveByTask();
    const passedDerived = await derivedDump();
    expect(Object.keys(passed.tasks).length).toBeGreaterThan(PART_SIZE);

    await clearHistory();
    const direct = new TaskWriter(() => seed.timeZone);
    const counts = await importAt(direct, later);
    expect(counts.tasks.added).toBe(full.tasks.length);
    // The parts' texts are the writer's steps after the import.
    await direct.importTexts;
    const db = await database();
    const archived = await archiveByTask();
    expect(archived.tasks).toEqual(passed.tasks);
    expect(archived.partsOf).toEqual(passed.partsOf);
    await expectCounts();
    expect(await db.count('tasks')).toBe(full.tasks.length - Object.keys(archived.tasks).length);
    // Nothing left for a pass; every reader, the derived records and a rebuild as after the pass.
    expect(await direct.archiveSettled(later, true)).toBe(0);
    expect(await derivedDump()).toEqual(passedDerived);
    expect(byKey((await primaryData()).tasks)).toEqual(byKey(full.tasks));
    await rebuild(seed.timeZone);
    expect(await derivedDump()).toEqual(passedDerived);
    // The same backup again adds nothing: the merge knows the archived keys.
    const again = await importAt(direct, later);
    expect([again.tasks.added, again.tasks.updated]).toEqual([0, 0]);
    expect((await archiveByTask()).tasks).toEqual(passed.tasks);
  }, 120_000);

  it('writes its parts without their texts, written after it; a part it adds to loses the text it had', async () => {
    await clearHistory();
    const writer = new TaskWriter(() => seed.timeZone);
    const none = { stretches: [], bonuses: [], readings: [], approvals: [], transfers: [], legacyDelays: [] };
    // Half the tasks (every other one, so that the second half falls in the same months), their texts written.
    await importInto(writer, { ...full, tasks: full.tasks.filter((_, i) => i % 2 === 0) }, later);
    await writer.importTexts;
    await expectCounts();
    const db = await database();
    const textsBefore = (await db.getAllKeys('archiveText')) as string[];
    // The other half, by the import's own writes: no text for any part it wrote, the others' as they were.
    const rest = { ...full, ...none, tasks: full.tasks.filter((_, i) => i % 2 === 1) };
    const existing = await existingFor(rest);
    await writeImport(planImport(existing, rest), existing.tasks, seed.timeZone, later);
    const [partKeys, parts, textKeys, texts] = await Promise.all([
      db.getAllKeys('archive') as Promise<string[]>, db.getAll('archive') as Promise<Part[]>,
      db.getAllKeys('archiveText') as Promise<string[]>, db.getAll('archiveText') as Promise<PartText[]>,
    ]);
    expect(textKeys.length).toBeGreaterThan(0);
    expect(textKeys.length).toBeLessThan(textsBefore.length);
    for (const [i, key] of textKeys.entries()) expect(await texts[i]!.text.text()).toBe(Object.values(parts[partKeys.indexOf(key)]!.tasks).join(','));
    // A backup meanwhile reads those parts whole: the same tasks.
    const expected = JSON.stringify(byKey(full.tasks));
    expect(JSON.stringify(byKey(await chunkTasks(await readSpans((await splitTaskKeys(2)).spans, 500))))).toBe(expected);
    while ((await writeMissingTexts()) > 0);
    await expectCounts();
    expect(JSON.stringify(byKey(await chunkTasks(await readSpans((await splitTaskKeys(2)).spans, 500))))).toBe(expected);
  }, 120_000);
});

describe('a pass in the order of the rows\' days (many loose tasks)', () => {
  const many = { ...seed, tasks: 2_600 };
  const later = many.now + ARCHIVE_AFTER_MS + 2 * DAY;
  let full: Awaited<ReturnType<typeof primaryData>>;

  /** A fresh browser holding `full`, every task loose. */
  async function loose(): Promise<TaskWriter> {
    await clearHistory();
    const writer = new TaskWriter(() => many.timeZone);
    // Imported as at the epoch: nothing is quiet yet, so nothing goes straight into the archive.
    await importInto(writer, full, 0);
    expect(await looseCount()).toBe(full.tasks.length);
    return writer;
  }

  beforeAll(async () => {
    await clearHistory();
    await seedFake(many);
    full = await primaryData();
  }, 300_000);

  it('moves the same tasks into as many parts of each month as a pass in key order, batch after batch', async () => {
    let writer = await loose();
    for (let after: string | undefined, done = false; !done; ) ({ next: after, done } = await writer.serial(() => archiveBatch(later, after)));
    const byKeys = await archiveByTask();
    const derived = await derivedDump();
    expect(Object.keys(byKeys.tasks).length).toBeGreaterThan(1_000);

    writer = await loose();
    const batches: number[] = [];
    for (let mark: DayMark | undefined, done = false; !done; ) {
      const batch = await writer.serial(() => archiveDayBatch(later, mark));
      batches.push(batch.archived);
      ({ next: mark, done } = batch);
    }
    // More than one batch: the marks carry a pass over from one to the next (a day's rows split between two).
    expect(batches.length).toBeGreaterThan(2);
    const byDays = await archiveByTask();
    expect(byDays.tasks).toEqual(byKeys.tasks);
    expect(byDays.partsOf).toEqual(byKeys.partsOf);
    await expectCounts();
    // What a pass in key order finds after it: nothing, but tasks with no day (none here).
    expect((await archiveBatch(later)).archived).toBe(0);
    expect(await derivedDump()).toEqual(derived);
    expect(byKey((await primaryData()).tasks)).toEqual(byKey(full.tasks));
  }, 300_000);

  it('is the way the writer’s pass goes while many tasks are loose, and moves what a pass in key order would', async () => {
    let writer = await loose();
    expect(full.tasks.length).toBeLessThan(DAY_ORDER_ABOVE);
    const moved = await writer.archiveSettled(later, true);
    const byKeys = await archiveByTask();
    expect(moved).toBe(Object.keys(byKeys.tasks).length);
    writer = await loose();
    // Above 1,000 loose tasks, it goes through the rows' `day` index (a cursor a batch) first.
    const original = IDBIndex.prototype.openCursor;
    let dayCursors = 0;
    vi.spyOn(IDBIndex.prototype, 'openCursor').mockImplementation(function (this: IDBIndex, ...args: Parameters<IDBIndex['openCursor']>) {
      if (this.name === 'day') dayCursors++;
      return original.apply(this, args);
    });
    try {
      expect(await writer.archiveSettled(later, true, 1_000)).toBe(moved);
    } finally {
      vi.restoreAllMocks();
    }
    expect(dayCursors).toBeGreaterThan(2);
    expect((await archiveByTask()).tasks).toEqual(byKeys.tasks);
  }, 300_000);
});
