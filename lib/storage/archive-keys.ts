import { promisifyRequest } from 'idb-keyval';

const request = (req: IDBRequest): Promise<unknown> => promisifyRequest(req);

/**
 * Where the archive keeps a task (lib/storage/archive.ts): each task key belongs to one of `BUCKETS` records of
 * `archiveKeys` (a hash of the key), which maps the archived keys of that bucket to the part holding them. Finding
 * an archived task is two reads (its bucket, its part), whatever the length of the history.
 */
export const BUCKETS = 1024;

/** An `archiveKeys` record: task key → part key. */
export type Bucket = Record<string, string>;
/**
 * How many tasks each part holds, in one `records` entry written in the same transactions as the parts: counting
 * the archive (a backup's progress, its split between Workers) reads this one record, where reading the 1,024
 * buckets took 0.35–0.6 s with 100,000 tasks in Chromium.
 */
export const COUNTS_KEY = 'index:archive-counts';
export type Counts = Record<string, number>;
/**
 * An `archive` record: a few hundred settled tasks, by key, each as the JSON text a backup writes of it (the
 * stored record upgraded to version `v` and validated when it moved in, less its derived figures; timeline
 * included). Parsed, a text is a stored task record of version `v`.
 */
export interface Part {
  v: number;
  tasks: Record<string, string>;
}

/**
 * An `archiveText` record, under its part's key: the part's texts joined by commas, in the part's order, as one Blob
 * (what a backup writes of the part: issue 18). Written with the part in every transaction that writes it, by
 * `writePart`; a part written before version 7 of the database has none until the archive pass writes it
 * (`writeMissingTexts`). A backup joins these Blobs as they are: the browser copies no text of them into a page,
 * where reading 88,000 texts out of the parts took ~3.4 s of a backup's ~7 s. Derived from the part: the part stays
 * what every other reader reads.
 */
export interface PartText {
  /** The part's version (its texts are backup text only at the current one). */
  v: number;
  /** How many tasks the text holds. */
  count: number;
  text: Blob;
}

/** The text record of `part`: its texts joined by commas, in its order. */
export function partTextOf(part: Part): PartText {
  const texts: string[] = [];
  for (const key in part.tasks) texts.push(part.tasks[key]!);
  return { v: part.v, count: texts.length, text: new Blob([texts.join(',')], { type: 'application/json' }) };
}

/**
 * Writes `part` under `key` with its text, within `tx` (read-write over `archive` and `archiveText`); an empty part
 * is deleted, with its text. `withText: false` (an import) deletes its text instead, for the archive pass to write
 * (`writeMissingTexts`): a backup meanwhile reads the part whole.
 */
export function writePart(tx: IDBTransaction, key: string, part: Part, withText = true): Promise<unknown> {
  const empty = Object.keys(part.tasks).length === 0;
  if (empty || !withText) {
    tx.objectStore('archiveText').delete(key);
    return request(empty ? tx.objectStore('archive').delete(key) : tx.objectStore('archive').put(part, key));
  }
  tx.objectStore('archiveText').put(partTextOf(part), key);
  return request(tx.objectStore('archive').put(part, key));
}

/** The bucket of a task key (FNV-1a over its UTF-16 code units). */
export function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
}

/**
 * Takes `keys` out of the archive within `tx` (read-write over `archive`, `archiveText`, `archiveKeys` and
 * `records`), wherever they are archived: a task written or deleted by key is then stored in one place only (`commit`
 * calls it for every task it writes). Reads only the buckets of those keys, and the parts of the archived ones. A failure aborts `tx`.
 */
export async function unarchive(tx: IDBTransaction, keys: readonly string[]): Promise<void> {
  try {
    const buckets = tx.objectStore('archiveKeys');
    const parts = tx.objectStore('archive');
    const byBucket = new Map<number, string[]>();
    for (const key of keys) {
      const b = bucketOf(key);
      const list = byBucket.get(b);
      if (list) list.push(key);
      else byBucket.set(b, [key]);
    }
    const fromPart = new Map<string, string[]>();
    await Promise.all(
      [...byBucket].map(async ([b, wanted]) => {
        const bucket = (await request(buckets.get(b))) as Bucket | undefined;
        if (!bucket) return;
        let changed = false;
        for (const key of wanted) {
          const part = bucket[key];
          if (part === undefined) continue;
          delete bucket[key];
          changed = true;
          const list = fromPart.get(part);
          if (list) list.push(key);
          else fromPart.set(part, [key]);
        }
        if (changed) await request(Object.keys(bucket).length ? buckets.put(bucket, b) : buckets.delete(b));
      }),
    );
    if (fromPart.size === 0) return;
    const records = tx.objectStore('records');
    const countsRead = request(records.get(COUNTS_KEY));
    const left = new Map<string, number>();
    await Promise.all(
      [...fromPart].map(async ([partKey, gone]) => {
        const part = (await request(parts.get(partKey))) as Part | undefined;
        if (!part) return;
        for (const key of gone) delete part.tasks[key];
        left.set(partKey, Object.keys(part.tasks).length);
        await writePart(tx, partKey, part);
      }),
    );
    // Each changed part's count as the part now holds it.
    const counts = ((await countsRead) as Counts | undefined) ?? {};
    for (const [partKey, size] of left) {
      if (size) counts[partKey] = size;
      else delete counts[partKey];
    }
    await request(records.put(counts, COUNTS_KEY));
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: the error is what matters.
    }
    throw error;
  }
}
