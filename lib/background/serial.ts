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

/**
 * `item` read through a copy in memory: from storage once, then again only after a change to it is announced
 * (`onChange`: storage.onChanged, which a stopped worker's successor, "delete all" or another context's write
 * fire). A read in flight when a change is announced is not kept. An announced value that is the copy's, or the
 * one being written (this context's own write, coming back before or after it answers), keeps the copy. Writes
 * go through to storage. For values read on every task page's message and every decision (issue 18,
 * docs/page-cost.md).
 */
export function mirrored<T>(item: StoredValue<T>, onChange: (listener: (value?: unknown) => void) => void): StoredValue<T> {
  let copy: { value: T } | undefined;
  // The write in flight: its own change may be announced before the write answers (the fake browser does).
  let writing: { value: T } | undefined;
  let generation = 0;
  onChange((...announced: unknown[]) => {
    const mine = (held: { value: T } | undefined) => held !== undefined && same(announced[0], held.value);
    if (announced.length > 0 && (mine(copy) || mine(writing))) return;
    generation++;
    copy = undefined;
  });
  const keep = (seen: number, value: T) => {
    if (seen === generation) copy = { value };
  };
  return {
    key: item.key,
    getValue: async () => {
      if (copy) return copy.value;
      const seen = generation;
      const value = await item.getValue();
      keep(seen, value);
      return value;
    },
    setValue: async (value) => {
      const seen = ++generation;
      copy = undefined;
      const write = { value };
      writing = write;
      try {
        await item.setValue(value);
        keep(seen, value);
      } finally {
        if (writing === write) writing = undefined;
      }
    },
  };
}

/** Two stored (JSON) values alike. */
function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
