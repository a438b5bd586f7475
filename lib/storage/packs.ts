import { promisifyRequest } from 'idb-keyval';
import { database, PACK_TEXT, type Op } from './database';
import { approvalKeyOf, stretchKeyOf } from './item-keys';
import { platformStretchSchema } from './schemas';

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
  const stored = await readPacks(store, packs);
  const toPack = new Set<string>();
  if (pack) ops.forEach((op, i) => op.value !== undefined && packOf[i] !== null && toPack.add(id(packOf[i]!)));
  const items = new Map<string, Map<string, unknown>>();
  const itemsOf = (values: readonly unknown[]) => new Map(values.flatMap((v) => { const k = keyOf(v); return k === null ? [] : [[id(k), v] as const]; }));
  for (const [p, values] of stored) if (values !== undefined) items.set(p, itemsOf(values));
  // Days given a pack now: their loose items move in (a damaged one, whose value does not say its key, stays loose,
  // where readers report it and the writer sets it aside).
  const newPacks = [...toPack].filter((p) => !items.has(p));
  const withLoose = await daysWithLoose(store, newPacks.map((p) => packs.get(p)!));
  const moving = await Promise.all(
    newPacks.map(async (p) => {
      if (!withLoose.has(p)) return [p, []] as const;
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
  // The backup text of each month a pack changed in no longer says what its packs hold: deleted, once a month.
  const months = new Map<string, IDBValidKey>();
  for (const p of changed) {
    const values = [...items.get(p)!.values()].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    const [platform, , day] = packs.get(p)! as [string, string, number];
    if (values.length) store.put(values, packs.get(p)!);
    else store.delete(packs.get(p)!);
    const month = monthTextKey(store.name as PackedStore, platform, monthOfDay(day));
    months.set(id(month), month);
  }
  const texts = store.transaction.objectStore(PACK_TEXT);
  for (const month of months.values()) texts.delete(month);
}

/**
 * Above this many days, `writeItems` first asks which of them have a pack, and which have loose items, with one
 * read of keys per platform, and reads only those days: an import of years touches ~3,500 days of each store, in a
 * fresh browser none of them stored, where a read per day made ~10,000 requests.
 */
const FEW_DAYS = 16;

/** The days of `packs` (pack keys by id) spanned by one key range per platform: platform → [first, last] day. */
function spans(packs: Iterable<IDBValidKey>): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const key of packs) {
    const [platform, , day] = key as [string, string, number];
    const span = out.get(platform);
    if (!span) out.set(platform, [day, day]);
    else {
      span[0] = Math.min(span[0], day);
      span[1] = Math.max(span[1], day);
    }
  }
  return out;
}

/** The stored packs of `packs` (by id): a read of each, or, for many, of the keys first and then only those stored. */
async function readPacks(store: IDBObjectStore, packs: ReadonlyMap<string, IDBValidKey>): Promise<Map<string, unknown[] | undefined>> {
  let wanted = [...packs.values()];
  if (packs.size > FEW_DAYS) {
    const stored = await Promise.all(
      [...spans(packs.values())].map(([platform, [first, last]]) => request<IDBValidKey[]>(store.getAllKeys(IDBKeyRange.bound(packKey(platform, first), packKey(platform, last))))),
    );
    wanted = stored.flat().filter((key) => packs.has(id(key)));
  }
  return new Map(await Promise.all(wanted.map(async (p) => [id(p), await request<unknown[] | undefined>(store.get(p))] as const)));
}

/**
 * Which of the days `packs` name (pack keys) hold loose items, by pack id: every one of them for a few days (each is
 * then read), else found from one read of the loose keys of each platform's span.
 */
async function daysWithLoose(store: IDBObjectStore, packs: readonly IDBValidKey[]): Promise<Set<string>> {
  if (packs.length <= FEW_DAYS) return new Set(packs.map(id));
  const found = new Set<string>();
  await Promise.all(
    [...spans(packs)].map(async ([platform, [first, last]]) => {
      const keys = await request<IDBValidKey[]>(store.getAllKeys(IDBKeyRange.bound([platform, first * DAY], [platform, (last + 1) * DAY], false, true)));
      for (const key of keys) {
        const p = packOfKey(key);
        if (p !== null) found.add(id(p));
      }
    }),
  );
  return found;
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

/**
 * A `packText` record, under `[store, platform, month]` (`monthOfDay`): the items of a platform's month of packs as
 * the backup's list writes them (`entryText`), joined by commas, in key order, as one Blob, with the days of the
 * packs it was made of (issue 18: a backup of 100,000 tasks read ~84,000 approvals and ~40,000 stretches out of
 * ~3,500 packs, ~25 MB through IndexedDB's replies, which held back the Workers' own; a Blob per pack, ~3,500 of them,
 * cost more than it saved). The archive pass writes it (`writeMonthTexts`) for a month a month past, all of whose
 * items are packed; `writeItems` deletes it whenever it changes a pack of that month. A backup uses it only while its
 * days are still the month's packs and no loose item lies in the month (`itemsBackupText`), else reads the packs.
 */
export interface MonthText {
  /** How many items the text holds (an item a backup leaves out is not counted). */
  count: number;
  /** The days of the packs it was made of, in order. */
  days: number[];
  text: Blob;
}

/** A UTC day number's month, as a number (year × 12 + month). */
export function monthOfDay(day: number): number {
  const date = new Date(day * DAY);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

const monthStart = (month: number) => Date.UTC(Math.floor(month / 12), month % 12, 1);
const monthTextKey = (store: PackedStore, platform: string, month: number): IDBValidKey => [store, platform, month];

/**
 * An item as the backup's list writes it, or null for one the backup leaves out: an approval as `allApprovals`
 * gives it, `{ platform, approval }` (lib/storage/backup-read.ts); a stretch validated, as `allStretches` gives it.
 */
export function entryText(store: PackedStore, value: unknown): string | null {
  if (store === 'stretches') {
    const parsed = platformStretchSchema.safeParse(value);
    return parsed.success ? JSON.stringify(parsed.data) : null;
  }
  const { platform, ...approval } = value as { platform: string };
  return JSON.stringify({ platform, approval });
}

function isMonthText(value: unknown): value is MonthText {
  if (typeof value !== 'object' || value === null) return false;
  const { count, days, text } = value as Partial<MonthText>;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 && Array.isArray(days) && days.every(Number.isSafeInteger) && typeof Blob !== 'undefined' && text instanceof Blob;
}

/** How a packed store's items say their key. */
export const keyOfStore = (store: PackedStore): KeyOf => (store === 'approvals' ? approvalKeyOf : stretchKeyOf);

/**
 * Every item of a packed store as the backup's list writes it (`entryText`, in key order: what `allApprovals` and
 * `allStretches` give), as parts of the file with commas between, and how many items. A month whose text still holds
 * (its days are its packs', no loose item in it) is that Blob, its packs never read; loose items and other packs are
 * read and written here. An item the backup leaves out (a stretch that fails validation) is left out here too.
 */
export async function itemsBackupText(store: PackedStore): Promise<{ parts: BlobPart[]; count: number }> {
  const db = await database();
  const tx = db.transaction([store, PACK_TEXT], 'readonly');
  const items = tx.objectStore(store);
  const textRange = IDBKeyRange.bound([store], [store, []]);
  const [keys, textKeys, textValues] = await Promise.all([items.getAllKeys(), tx.objectStore(PACK_TEXT).getAllKeys(textRange), tx.objectStore(PACK_TEXT).getAll(textRange)]);
  // Per platform: its loose keys (a number second) and its packs' days, by month.
  const platforms = new Map<string, { looseMonths: Set<number>; packDays: Map<number, number[]> }>();
  for (const key of keys) {
    if (!Array.isArray(key) || typeof key[0] !== 'string') continue;
    let p = platforms.get(key[0]);
    if (!p) platforms.set(key[0], (p = { looseMonths: new Set(), packDays: new Map() }));
    if (isPackKey(key)) {
      const day = key[2] as number;
      const month = monthOfDay(day);
      p.packDays.set(month, [...(p.packDays.get(month) ?? []), day]);
    } else if (typeof key[1] === 'number') p.looseMonths.add(monthOfDay(Math.floor(key[1] / DAY)));
  }
  // The month texts that still hold.
  const monthText = new Map<string, MonthText>();
  textKeys.forEach((key, i) => {
    const [, platform, month] = key as [string, string, number];
    const text = textValues[i];
    const p = platforms.get(platform);
    if (!p || !isMonthText(text) || p.looseMonths.has(month) || text.days.join() !== (p.packDays.get(month) ?? []).join()) return;
    monthText.set(`${platform}|${month}`, text);
  });
  // Loose items of each platform, and the packs no month text stands for, read at once.
  const names = [...platforms.keys()];
  const unread = keys.filter((key) => isPackKey(key) && !monthText.has(`${(key as unknown[])[0]}|${monthOfDay((key as number[])[2]!)}`));
  const [loose, read] = await Promise.all([
    Promise.all(names.map((platform) => items.getAll(IDBKeyRange.bound([platform], [platform, 'd'], false, true)))),
    Promise.all(unread.map((key) => items.get(key))).then((values) => new Map(values.map((v, i) => [id(unread[i]!), v] as const))),
  ]);
  const keyOf = keyOfStore(store);
  const parts: BlobPart[] = [];
  let pending: string[] = [];
  let count = 0;
  const flush = () => {
    if (pending.length) parts.push(`${count > pending.length ? ',' : ''}${pending.join(',')}`);
    pending = [];
  };
  const addItem = (v: unknown) => {
    const text = entryText(store, v);
    if (text === null) return;
    pending.push(text);
    count++;
  };
  for (const [i, platform] of names.entries()) {
    // Blocks in order: a month with its text, or a pack of another month; each before the loose items after it.
    const blocks: { time: number; add: () => void }[] = [];
    for (const [month, days] of platforms.get(platform)!.packDays) {
      const text = monthText.get(`${platform}|${month}`);
      if (text) {
        blocks.push({ time: monthStart(month), add: () => {
          if (text.count === 0) return;
          flush();
          if (count > 0) parts.push(',');
          parts.push(text.text);
          count += text.count;
        } });
      } else {
        for (const day of days) blocks.push({ time: day * DAY, add: () => {
          const values = read.get(id(packKey(platform, day)));
          if (Array.isArray(values)) for (const v of values) addItem(v);
        } });
      }
    }
    blocks.sort((a, b) => a.time - b.time);
    let j = 0;
    for (const v of loose[i]!) {
      const time = timeOf(v, keyOf);
      // A block goes before the first loose item after it (its days are never a loose item's).
      while (time !== null && j < blocks.length && blocks[j]!.time < time) blocks[j++]!.add();
      addItem(v);
    }
    while (j < blocks.length) blocks[j++]!.add();
  }
  flush();
  return { parts, count };
}

/**
 * One step of the archive pass: up to `batch` months of a platform's packs get their backup text (`MonthText`): each
 * month that ended a month or more before `now`, with packs, no text, and no loose item. Answers how many it wrote; 0
 * when none is left.
 */
export async function writeMonthTexts(now: number, batch = 20): Promise<number> {
  const db = await database();
  const lastMonth = monthOfDay(Math.floor((now - 31 * DAY) / DAY)) - 1;
  for (const store of PACKED) {
    const tx = db.transaction([store, PACK_TEXT], 'readwrite');
    const items = tx.objectStore(store);
    const texts = tx.objectStore(PACK_TEXT);
    const [keys, textKeys] = await Promise.all([items.getAllKeys(), texts.getAllKeys(IDBKeyRange.bound([store], [store, []]))]);
    const have = new Set(textKeys.map((key) => `${(key as unknown[])[1]}|${(key as unknown[])[2]}`));
    const looseMonths = new Set<string>();
    const months = new Map<string, { platform: string; month: number }>();
    for (const key of keys) {
      if (!Array.isArray(key) || typeof key[0] !== 'string') continue;
      if (isPackKey(key)) {
        const month = monthOfDay(key[2] as number);
        if (month <= lastMonth) months.set(`${key[0]}|${month}`, { platform: key[0], month });
      } else if (typeof key[1] === 'number') looseMonths.add(`${key[0]}|${monthOfDay(Math.floor(key[1] / DAY))}`);
    }
    const todo = [...months].filter(([m]) => !have.has(m) && !looseMonths.has(m)).slice(0, batch);
    if (todo.length === 0) {
      await tx.done;
      continue;
    }
    await Promise.all(
      todo.map(async ([, { platform, month }]) => {
        const range = IDBKeyRange.bound(packKey(platform, Math.floor(monthStart(month) / DAY)), packKey(platform, Math.floor(monthStart(month + 1) / DAY)), false, true);
        const [packKeys, packs] = await Promise.all([items.getAllKeys(range), items.getAll(range)]);
        const entries: string[] = [];
        for (const pack of packs) if (Array.isArray(pack)) for (const v of pack) {
          const text = entryText(store, v);
          if (text !== null) entries.push(text);
        }
        const text: MonthText = { count: entries.length, days: packKeys.map((key) => (key as number[])[2]!), text: new Blob([entries.join(',')], { type: 'application/json' }) };
        await texts.put(text, monthTextKey(store, platform, month));
      }),
    );
    await tx.done;
    return todo.length;
  }
  return 0;
}
