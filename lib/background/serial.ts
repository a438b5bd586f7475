/**
 * One queue per name: work given the same name runs one at a time, in the order it was given, so that two
 * read-modify-writes of the same stored value (two tabs claiming at once) never interleave and drop one.
 * In memory: it serialises within the one background context, the only writer of the values it guards
 * (storage.session is not exposed to content scripts, and extension pages do not write these values).
 */
const tails = new Map<string, Promise<unknown>>();

/** Runs `work` once everything queued under `name` before it has settled; a failure does not block the next. */
export function serialized<T>(name: string, work: () => Promise<T>): Promise<T> {
  const run = (tails.get(name) ?? Promise.resolve()).then(work, work);
  const tail = run.catch(() => undefined);
  tails.set(name, tail);
  // Forget an idle queue, so that names used once (per-task keys) do not pile up.
  void tail.then(() => {
    if (tails.get(name) === tail) tails.delete(name);
  });
  return run;
}

/** A stored value's read-modify-write, through the queue of its key. */
export interface StoredValue<T> {
  readonly key: string;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/**
 * Changes `item` through its key's queue: `change` sees every earlier change. Returning the value it was given
 * writes nothing. Resolves with the value now stored.
 */
export function updateStored<T>(item: StoredValue<T>, change: (value: T) => T): Promise<T> {
  return serialized(item.key, async () => {
    const value = await item.getValue();
    const next = change(value);
    if (next !== value) await item.setValue(next);
    return next;
  });
}

/** Reads `item` after every change queued before the read. */
export function readStored<T>(item: StoredValue<T>): Promise<T> {
  return serialized(item.key, () => item.getValue());
}
