import { commit, database, put, type Op } from './database';
import { isPackKey, keyOfStore, platformsOf } from './packs';

/**
 * The archive pass's last step (lib/background/task-writer.ts, `archiveSettled`): approvals, platform stretches and
 * day-index entries of days more than `AGE` ago that the writer left loose, one record each, moved into their day's
 * pack or hour's record (lib/storage/packs.ts, day-hours.ts), `BATCH` items a step of the writer's queue. An
 * import already writes them so; this does it for what the worker did, a month on, so that a backup reads a few
 * thousand records instead of ~124,000 and later writes of those days (rare: a late approval) change their pack.
 */
export const AGE = 30 * 86_400_000;
export const BATCH = 2_000;

/**
 * One step: up to `BATCH` loose items older than `now - AGE` of one store (and platform), written again in bulk,
 * which packs their days (their loose copies go in the same transaction). Answers how many it moved; 0 when none
 * is left.
 */
export async function packOldBatch(now: number, batch = BATCH): Promise<number> {
  const cutoff = now - AGE;
  const db = await database();
  for (const store of ['approvals', 'stretches'] as const) {
    for (const platform of await platformsOf(store)) {
      const range = IDBKeyRange.bound([platform, -Infinity], [platform, cutoff], false, true);
      const tx = db.transaction(store);
      const [keys, values] = await Promise.all([tx.store.getAllKeys(range, batch), tx.store.getAll(range, batch)]);
      // A damaged item (its value does not say its key) stays loose: readers report it, the writer sets it aside.
      const ops: Op[] = keys.flatMap((key, i) => (!isPackKey(key) && keyOfStore(store)(values[i]) !== null ? [put(store, key, values[i])] : []));
      if (ops.length) {
        await commit(ops, { pack: true });
        return ops.length;
      }
    }
  }
  // The day index's loose entries (`[start, id]`; its hours are number keys, below every array).
  const range = IDBKeyRange.bound([-Infinity], [cutoff], false, true);
  const tx = db.transaction('dayIndex');
  const [keys, values] = await Promise.all([tx.store.getAllKeys(range, batch), tx.store.getAll(range, batch)]);
  if (keys.length === 0) return 0;
  await commit(keys.map((key, i) => put('dayIndex', key, values[i])), { pack: true });
  return keys.length;
}
