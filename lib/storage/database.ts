import { openDB, unwrap, type IDBPDatabase } from 'idb';
import { promisifyRequest, type UseStore } from 'idb-keyval';
import { unarchive } from './archive-keys';
import { writeDayEntries } from './day-hours';
import { approvalKeyOf, stretchKeyOf } from './item-keys';
import { writeItems } from './packs';

/**
 * The one IndexedDB database of history (docs/storage.md). `idb` for the object stores with compound keys and
 * indexes; idb-keyval, over the same connection, for the key–value records (`records`). Only the background
 * and extension pages import this: in a content script it would open the website's database.
 */
export const DB_NAME = 'centime';
export const DB_VERSION = 7;

/** Primary stores: what the worker did. */
export const PRIMARY = ['tasks', 'events', 'stretches', 'bonuses', 'readings', 'approvals'] as const;
/** Derived stores: `rebuild()` recreates them from the primary ones. */
export const DERIVED = ['days', 'dayIndex', 'rows', 'pending'] as const;
/**
 * Settled tasks of the past, many to a record (lib/storage/archive.ts): primary records like `tasks`, found by key
 * through `archiveKeys`, with each part's backup text in `archiveText` (lib/storage/archive-keys.ts); only the
 * archive's own writes change them.
 */
export const ARCHIVE = ['archive', 'archiveKeys', 'archiveText'] as const;
/**
 * The backup text of a platform's month of packed approvals or stretches (lib/storage/packs.ts, `MonthText`), written
 * by the archive pass and deleted by any change of a pack of that month.
 */
export const PACK_TEXT = 'packText';
export type StoreName = (typeof PRIMARY)[number] | (typeof DERIVED)[number] | (typeof ARCHIVE)[number] | typeof PACK_TEXT | 'records';
export const ALL_STORES: StoreName[] = [...PRIMARY, ...DERIVED, ...ARCHIVE, PACK_TEXT, 'records'];

let opened: Promise<IDBPDatabase> | undefined;

/**
 * How many write transactions over tasks or their events this context has opened. A read that notes it as its own
 * transaction opens, and finds it unchanged later, saw every write to tasks there has been since (IndexedDB
 * orders a read after the writes opened before it): the writer's early read of a task relies on it (task-writer.ts).
 */
let taskWriteCount = 0;
export const taskWrites = () => taskWriteCount;
/** Call as a write transaction over `tasks` or `events` is opened, in the same turn. */
export function noteTaskWrite(stores: readonly string[]): void {
  if (stores.includes('tasks') || stores.includes('events') || stores.includes('archive')) taskWriteCount++;
}

export function database(): Promise<IDBPDatabase> {
  return (opened ??= openDB(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // Version 1 was idb-keyval's single `records` store: it stays, for key–value records and until the
      // history in it has moved (migrate-v1.ts).
      if (oldVersion < 1) db.createObjectStore('records');
      if (oldVersion < 2) createStores(db);
      // Version 3: stretches by their end, so that a work session begun long before a period is found whole.
      if (oldVersion < 3) tx.objectStore('dayIndex').createIndex('end', 'end');
      // Version 4: indexes no reader needs (issue 18). Each was one more entry to write at every change of a task
      // (an open task's row is written at each of its events) and at each record an import writes. Rows:
      // statusDay (the statement reads the approved rows through `status`), platform (a platform's rows are a
      // range of their keys, `platform:taskId`) and requester (never read); approvals: requester (never read:
      // approval delays are derived records, `delays:<platform>:<requester>`).
      if (oldVersion < 4) {
        for (const name of DROPPED_ROW_INDEXES) tx.objectStore('rows').deleteIndex(name);
        tx.objectStore('approvals').deleteIndex('requester');
      }
      // Version 5: settled tasks of the past, a few hundred to a record (issue 18: IndexedDB's cost is per record).
      if (oldVersion < 5) for (const name of ['archive', 'archiveKeys']) db.createObjectStore(name);
      // Version 6: the day index by the hour (lib/storage/day-hours.ts): one record per hour of work, no index,
      // where each stretch was a record with two index entries. Derived: emptied here, made again by the rebuild
      // that derived version 6 asks at start-up.
      if (oldVersion < 6) {
        const dayIndex = tx.objectStore('dayIndex');
        void dayIndex.clear();
        dayIndex.deleteIndex('task');
        dayIndex.deleteIndex('end');
      }
      // Version 7: the backup text, as one Blob, of each of the archive's parts (lib/storage/archive-keys.ts,
      // `PartText`) and of each platform's month of packed approvals or stretches (packs.ts, `MonthText`). The
      // archive pass writes them for what was stored before; meanwhile a backup reads those records as before.
      if (oldVersion < 7) {
        db.createObjectStore('archiveText');
        db.createObjectStore(PACK_TEXT);
      }
    },
    blocking() {
      // A newer Centime (after an update) wants the database: let it have it.
      void opened?.then((db) => db.close());
      opened = undefined;
    },
  }));
}

/** The rows' indexes that version 2 made and version 4 deleted (version 4 deleted the approvals' `requester` too). */
const DROPPED_ROW_INDEXES = ['statusDay', 'platform', 'requester'] as const;

/** The stores and indexes of version 2 (version 4 deletes four of them: see `upgrade`). */
function createStores(db: IDBPDatabase): void {
  for (const name of ['tasks', 'events', 'stretches', 'bonuses', 'readings', 'days'] as const) db.createObjectStore(name);
  // Version 2 meant each requester's approval delays to be read through this index; version 4 deleted it.
  db.createObjectStore('approvals').createIndex('requester', ['requesterId', 'at']);
  db.createObjectStore('pending').createIndex('submittedAt', 'submittedAt');
  db.createObjectStore('dayIndex').createIndex('task', 'taskKey');
  const rows = db.createObjectStore('rows');
  rows.createIndex('day', 'day');
  rows.createIndex('status', 'status');
  rows.createIndex('statusDay', ['status', 'day']);
  rows.createIndex('platform', ['platform', 'day']);
  rows.createIndex('requester', ['requester', 'day']);
  rows.createIndex('group', ['groupId', 'endedAt']);
  rows.createIndex('requesterEnded', ['requesterId', 'endedAt']);
}

/** idb-keyval's store, over the same connection: `get(key, kv())`. */
export const kv = (): UseStore => (mode, callback) =>
  database().then((db) => callback(unwrap(db).transaction('records', mode).objectStore('records')));

/** A write: a put (with `value`) or a delete (without), in one of the stores. */
export interface Op {
  store: StoreName;
  /** A key range deletes every record in it. */
  key: IDBValidKey | IDBKeyRange;
  value?: unknown;
}

export const put = (store: StoreName, key: IDBValidKey, value: unknown): Op => ({ store, key, value });
export const del = (store: StoreName, key: IDBValidKey | IDBKeyRange): Op => ({ store, key });

export interface CommitOptions {
  /** More writes into the archive's stores, once the ops and `unarchive` are issued and done. */
  archived?: (tx: IDBTransaction) => Promise<void>;
  /**
   * A bulk write (a rebuild, an import): every hour of the day index the ops touch gets its record
   * (lib/storage/day-hours.ts), and every day of a platform they put approvals or stretches in, its pack
   * (lib/storage/packs.ts).
   */
  pack?: boolean;
}

/**
 * Every op in one transaction: primary records and the derived ones they move land together or not at all. A task
 * written or deleted by key leaves the archive in the same transaction (`unarchive`): a task is stored in one place.
 * `archived`: more writes into the archive's stores in the same transaction, once the ops and `unarchive` are issued
 * and done (the import's settled tasks going straight into parts); a failure there aborts the whole transaction.
 */
export async function commit(ops: readonly Op[], { archived, pack = false }: CommitOptions = {}): Promise<void> {
  if (ops.length === 0 && !archived) return;
  const db = unwrap(await database());
  const taskKeys = ops.flatMap((op) => (op.store === 'tasks' && typeof op.key === 'string' ? [op.key] : []));
  const archive = taskKeys.length > 0 || archived !== undefined;
  // A write of approvals or stretches may change a pack, which deletes its month's text (packs.ts).
  const packed = ops.some((op) => op.store === 'approvals' || op.store === 'stretches');
  const stores = [...new Set([...ops.map((op) => op.store), ...(archive ? [...ARCHIVE, 'records' as const] : []), ...(packed ? [PACK_TEXT] : [])])];
  const tx = db.transaction(stores, 'readwrite');
  noteTaskWrite(stores);
  // The day index's ops name entries, which may live in hour records (day-hours.ts), and those of approvals and
  // stretches items, which may live in packs (packs.ts): applied by reading those records.
  const entryOps: Op[] = [];
  const itemOps = { approvals: [] as Op[], stretches: [] as Op[] };
  const plain: Op[] = [];
  for (const op of ops) {
    if (op.store === 'dayIndex') entryOps.push(op);
    else if (op.store === 'approvals' || op.store === 'stretches') itemOps[op.store].push(op);
    else plain.push(op);
  }
  try {
    for (const op of plain) {
      const store = tx.objectStore(op.store);
      if ('value' in op && op.value !== undefined) store.put(op.value, op.key as IDBValidKey);
      else store.delete(op.key);
    }
  } catch (error) {
    // A value that cannot be stored (a key or a clone refused) throws here: nothing of the transaction lands.
    tx.abort();
    throw error;
  }
  const done = promisifyRequest(tx);
  // Unarchiving and archiving one after the other: both rewrite buckets and the parts' counts.
  const steps = async () => {
    try {
      await Promise.all([
        entryOps.length ? writeDayEntries(tx.objectStore('dayIndex'), entryOps, pack) : undefined,
        itemOps.approvals.length ? writeItems(tx.objectStore('approvals'), itemOps.approvals, approvalKeyOf, pack) : undefined,
        itemOps.stretches.length ? writeItems(tx.objectStore('stretches'), itemOps.stretches, stretchKeyOf, pack) : undefined,
        (async () => {
          if (taskKeys.length) await unarchive(tx, taskKeys);
          if (archived) await archived(tx);
        })(),
      ]);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted: the error is what matters.
      }
      throw error;
    }
  };
  if (archive || entryOps.length || itemOps.approvals.length || itemOps.stretches.length) await Promise.all([steps(), done]);
  else await done;
}

/** Tests only: empties every store (the connection stays open). */
export async function clearDatabase(): Promise<void> {
  const db = unwrap(await database());
  const tx = db.transaction(ALL_STORES, 'readwrite');
  noteTaskWrite(ALL_STORES);
  for (const name of ALL_STORES) tx.objectStore(name).clear();
  await promisifyRequest(tx);
}
