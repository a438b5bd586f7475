import { promisifyRequest } from 'idb-keyval';
import { database, type Op } from './database';

/**
 * Dated approvals and platform stretches, a day of a platform to a record when written in bulk (issue 18: IndexedDB's
 * cost is per record; an import of years wrote ~84,000 approvals and ~40,000 stretches, one record each).
 *
 * Each store then holds two kinds of records:
 * - a **loose item**, under its own key (`[platform, at, …]`, `[platform, start.wall, start.mono]`), as the writer
 *   puts one as the worker works;
 * - a **pack**: `[platform, 'd', day]` (the UTC day number of the items' time) → its items, in key order. The string
 *   `'d'` sorts after every number, so a pack never falls in a range of items' keys, and after all of its platform's
 *   loose items: a platform's records are still the range `[platform]` to `[platform, []]`.
 * A day of a platform is all loose or all in its pack, never both: a write into a day that has a pack changes the
 * pack, and a pack is made only with every loose item of its day moved in. Readers read both (`readItems`).
 * Items are the stored values as they are (a pack is an array; an item never is): readers validate them as before.
 */
export type PackedStore = 'approvals' | 'stretches';
export const PACKED: readonly PackedStore[] = ['approvals', 'stretches'];

const DAY = 86_400_000;
const dayOf = (ms: number) => Math.floor(ms / DAY);
export const packKey = (platform: string, day: number): IDBValidKey => [platform, 'd', day];
/** A record's key is a pack's. */
export const isPackKey = (key: IDBValidKey) => Array.isArray(key) && key[1] === 'd';

/** An item's key, from its stored value (what `approvalKey` and `stretchKey` give); null when it does not say it. */
export type KeyOf = (value: unknown) => IDBValidKey | null;

/** The pack an item key belongs in: its platform and the day of its time (the key's second part). */
function packOfKey(key: IDBValidKey): IDBValidKey | null {
  if (!Array.isArray(key) || typeof key[0] !== 'string' || typeof key[1] !== 'number' || !Number.isFinite(key[1])) return null;
  return packKey(key[0], dayOf(key[1]));
}

/** The loose items' keys of a pack's day. */
function looseOfPack(pack: IDBValidKey): IDBKeyRange {
  const [platform, , day] = pack as [string, string, number];
  return IDBKeyRange.bound([platform, day * DAY], [platform, (day + 1) * DAY], false, true);
}

const request = <T>(req: IDBRequest): Promise<T> => promisifyRequest(req as IDBRequest<T>);

/**
 * IndexedDB's order of the keys used here (numbers, strings and arrays of them): numbers before strings before
 * arrays, numbers by value, strings by code unit, arrays element by element. As `indexedDB.cmp`, without its
 * binding's cost per call.
 */
export function compareKeys(a: unknown, b: unknown): number {
  const rank = (x: unknown) => (typeof x === 'number' ? 0 : typeof x === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  const [x, y] = [a as unknown[], b as unknown[]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compareKeys(x[i], y[i]);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}
const id = (key: IDBValidKey) => JSON.stringify(key);

/**
 * Applies `ops` (puts and deletes by item key) to `store` within the caller's transaction: an item whose day has a
 * pack is changed in it (each pack read and written once); any other is put or deleted loose. `pack` (an import):
 * every day the ops put items in gets a pack, its loose items moved in.
 */
export async function writeItems(store: IDBObjectStore, ops: readonly Op[], keyOf: KeyOf, pack = false): Promise<void> {
  if (ops.length === 0) return;
  const packs = new Map<string, IDBValidKey>();
  const packOf = ops.map((op) => {
    if (op.key instanceof IDBKeyRange) throw new Error(`a ${store.name} op is by an item's key`);
    const p = packOfKey(op.key);
    if (p !== null) packs.set(id(p), p);
    return p;
  });
  const read = await Promise.all([...packs.values()].map(async (p) => [id(p), await request<unknown[] | undefined>(store.get(p))] as const));
  const stored = new Map(read);
  const toPack = new Set<string>();
  if (pack) ops.forEach((op, i) => op.value !== undefined && packOf[i] !== null && toPack.add(id(packOf[i]!)));
  const items = new Map<string, Map<string, unknown>>();
  const itemsOf = (values: readonly unknown[]) => new Map(values.flatMap((v) => { const k = keyOf(v); return k === null ? [] : [[id(k), v] as const]; }));
  for (const [p, values] of stored) if (values !== undefined) items.set(p, itemsOf(values));
  // Days given a pack now: their loose items move in (a damaged one, whose value does not say its key, stays loose,
  // where readers report it and the writer sets it aside).
  const moving = await Promise.all(
    [...toPack].filter((p) => !items.has(p)).map(async (p) => {
      const range = looseOfPack(packs.get(p)!);
      const [keys, values] = await Promise.all([request<IDBValidKey[]>(store.getAllKeys(range)), request<unknown[]>(store.getAll(range))]);
      return [p, values.filter((v, i) => {
        const key = keyOf(v);
        return key !== null && compareKeys(key, keys[i]) === 0;
      })] as const;
    }),
  );
  for (const [p, loose] of moving) {
    items.set(p, itemsOf(loose));
    for (const v of loose) store.delete(keyOf(v)!);
  }
  const changed = new Set<string>(moving.map(([p]) => p));
  ops.forEach((op, i) => {
    const p = packOf[i] === null ? undefined : id(packOf[i]!);
    const inPack = p === undefined ? undefined : items.get(p);
    if (!inPack) {
      if (op.value === undefined) store.delete(op.key);
      else store.put(op.value, op.key as IDBValidKey);
      return;
    }
    const key = op.key as IDBValidKey;
    if (op.value !== undefined && (keyOf(op.value) === null || compareKeys(keyOf(op.value), key) !== 0)) throw new Error(`a ${store.name} item is put under its own key`);
    if (inPack.delete(id(key))) changed.add(p!);
    // A damaged record left loose in a packed day goes when its key is deleted (setting it aside).
    if (op.value === undefined) {
      store.delete(key);
      return;
    }
    inPack.set(id(key), op.value);
    changed.add(p!);
  });
  for (const p of changed) {
    const values = [...items.get(p)!.values()].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    if (values.length) store.put(values, packs.get(p)!);
    else store.delete(packs.get(p)!);
  }
}

/** How a reader asks a store for the records of a key range (`getAll`), in its own transaction. */
export type GetAll = (range?: IDBKeyRange) => Promise<unknown[]>;

/** Every item of a store, loose or packed, in key order (one read of the whole store). */
export async function allItems(getAll: GetAll, keyOf: KeyOf): Promise<unknown[]> {
  return flatten(await getAll(), keyOf);
}

/** A platform's items whose time (the key's second part) is from `from` (included) to `to` (excluded), in key order. */
export async function itemsBetween(getAll: GetAll, keyOf: KeyOf, platform: string, from: number, to: number): Promise<unknown[]> {
  if (!(to > from)) return [];
  const lastDay = to === Infinity ? Infinity : dayOf(to - 1);
  const [loose, packs] = await Promise.all([
    getAll(IDBKeyRange.bound([platform, from], [platform, to], false, true)),
    getAll(IDBKeyRange.bound(packKey(platform, dayOf(from)), packKey(platform, lastDay))),
  ]);
  const out: unknown[] = [];
  merge(loose, packs as unknown[][], keyOf, out);
  return out.filter((v) => {
    const time = timeOf(v, keyOf);
    return time !== null && time >= from && time < to;
  });
}

const timeOf = (v: unknown, keyOf: KeyOf): number | null => ((keyOf(v) as unknown[] | null)?.[1] as number | undefined) ?? null;

/**
 * Records as `getAll` gives them (in key order: a platform's loose items, then its packs), packs opened, in key
 * order. A day is all loose or all in its pack, so a pack's items go as a block before the first loose item after its
 * day: no comparison of whole keys (84,000 approvals' `indexedDB.cmp` would take seconds).
 */
function flatten(records: readonly unknown[], keyOf: KeyOf): unknown[] {
  if (!records.some(Array.isArray)) return [...records];
  const out: unknown[] = [];
  let loose: unknown[] = [];
  let packs: unknown[][] = [];
  let platform: unknown;
  for (const record of records) {
    const first = Array.isArray(record) ? record[0] : record;
    const key = keyOf(first) as unknown[] | null;
    // An item that says no key (damaged) stays with the platform before it.
    const p = key ? key[0] : platform;
    if (p !== platform) {
      merge(loose, packs, keyOf, out);
      [loose, packs, platform] = [[], [], p];
    }
    if (Array.isArray(record)) packs.push(record);
    else loose.push(record);
  }
  merge(loose, packs, keyOf, out);
  return out;
}

/** One platform's loose items and packs, each in key order, merged into `out`. */
function merge(loose: readonly unknown[], packs: readonly unknown[][], keyOf: KeyOf, out: unknown[]): void {
  let j = 0;
  const pushPack = (pack: readonly unknown[]) => {
    for (const v of pack) out.push(v);
  };
  for (const v of loose) {
    const time = timeOf(v, keyOf);
    while (time !== null && j < packs.length && (timeOf(packs[j]![0], keyOf) ?? -Infinity) < time) pushPack(packs[j++]!);
    out.push(v);
  }
  while (j < packs.length) pushPack(packs[j++]!);
}

/** One stored item by key, loose or in its pack. */
export async function getItem(get: (key: IDBValidKey) => Promise<unknown>, keyOf: KeyOf, key: IDBValidKey): Promise<unknown> {
  const loose = await get(key);
  if (loose !== undefined) return loose;
  const p = packOfKey(key);
  const values = p === null ? undefined : ((await get(p)) as unknown[] | undefined);
  return values?.find((v) => {
    const k = keyOf(v);
    return k !== null && compareKeys(k, key) === 0;
  });
}

/**
 * The platforms of a packed store: its keys begin with them, found by skipping from one to the next (one step each;
 * an array sorts after every number and string, so `[platform, []]` is the first key past that platform's records).
 */
export async function platformsOf(store: PackedStore): Promise<string[]> {
  const platforms: string[] = [];
  let cursor = await (await database()).transaction(store).store.openKeyCursor();
  while (cursor) {
    const platform = String((cursor.key as unknown[])[0]);
    platforms.push(platform);
    cursor = await cursor.continue([platform, []]);
  }
  return platforms;
}
