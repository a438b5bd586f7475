// The day index by the hour (lib/storage/day-hours.ts): the writer's stretches stay loose, a rebuild or an import
// writes hours, and every reader finds each entry once, wherever it is, in the order the old indexes gave.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { commit, database, del, put, type Op } from '../../../lib/storage/database';
import { HOUR, LONG, SPAN } from '../../../lib/storage/day-hours';
import { allDayEntries, clearHistory, entriesEnding, entriesStarting } from '../../../lib/storage/history-db';
import { dayEntryKey, type DayEntry } from '../../../lib/storage/task-store';

const T0 = Date.UTC(2026, 10, 2, 9);
const MIN = 60_000;
const entry = (start: number, minutes: number, id = 'A'): DayEntry => ({ start, end: start + minutes * MIN, platform: 'mturk', taskKey: `mturk:${id}`, activeMs: minutes * MIN, idleMs: 0 });
const putOp = (e: DayEntry): Op => put('dayIndex', dayEntryKey(e), e);
const delOp = (e: DayEntry): Op => del('dayIndex', dayEntryKey(e));

/** The store's records as they are: hours (number keys) and loose entries (array keys). */
async function layout(): Promise<{ hours: number[]; loose: IDBValidKey[] }> {
  const keys = await (await database()).getAllKeys('dayIndex');
  return { hours: keys.filter((k): k is number => typeof k === 'number'), loose: keys.filter((k) => Array.isArray(k)) };
}

/** The key order of the index the hours replace. */
const keyOrder = (a: DayEntry, b: DayEntry) => a.start - b.start || (a.taskKey! < b.taskKey! ? -1 : a.taskKey! > b.taskKey! ? 1 : 0);

describe('the day index by the hour', () => {
  beforeEach(() => clearHistory());

  it('keeps a stretch the writer closes loose, and a rebuild’s or import’s in its hour’s record', async () => {
    await commit([putOp(entry(T0, 5))]);
    expect(await layout()).toEqual({ hours: [], loose: [[T0, 'mturk:A']] });
    await commit([putOp(entry(T0 + HOUR, 5, 'B'))], { pack: true });
    expect(await layout()).toEqual({ hours: [T0 / HOUR + 1], loose: [[T0, 'mturk:A']] });
    // A later stretch of an hour that has a record goes into it, never beside it.
    await commit([putOp(entry(T0 + HOUR + 10 * MIN, 5, 'C'))]);
    expect(await layout()).toEqual({ hours: [T0 / HOUR + 1], loose: [[T0, 'mturk:A']] });
    expect((await allDayEntries()).map((e) => e.taskKey)).toEqual(['mturk:A', 'mturk:B', 'mturk:C']);
  });

  it('moves an hour’s loose entries into its record when one is written there', async () => {
    await commit([putOp(entry(T0, 5)), putOp(entry(T0 + 10 * MIN, 5, 'B'))]);
    await commit([putOp(entry(T0 + 20 * MIN, 5, 'C'))], { pack: true });
    expect(await layout()).toEqual({ hours: [T0 / HOUR], loose: [] });
    expect((await (await database()).get('dayIndex', T0 / HOUR)).map((e: DayEntry) => e.taskKey)).toEqual(['mturk:A', 'mturk:B', 'mturk:C']);
    // The last entry of an hour deleted deletes the record.
    await commit(['A', 'B', 'C'].map((id, i) => delOp(entry(T0 + i * 10 * MIN, 5, id))));
    expect(await layout()).toEqual({ hours: [], loose: [] });
  });

  it('finds a stretch longer than a day from a period where it ends, and forgets it once shortened', async () => {
    const weekend = entry(T0, 60 * (SPAN + 30));
    await commit([putOp(weekend)]);
    // Long: in its hour's record (the hour made for it) and in the long ones'.
    expect(await layout()).toEqual({ hours: [LONG, T0 / HOUR], loose: [] });
    expect(await entriesEnding(weekend.end - MIN, weekend.end + MIN)).toEqual([weekend]);
    expect(await entriesStarting(T0, T0 + 1)).toEqual([weekend]);
    const shorter = { ...weekend, end: T0 + 30 * MIN };
    await commit([putOp(shorter)]);
    expect(await layout()).toEqual({ hours: [T0 / HOUR], loose: [] });
    expect(await entriesEnding(weekend.end - MIN, weekend.end + MIN)).toEqual([]);
    expect(await entriesEnding(T0, T0 + HOUR)).toEqual([shorter]);
  });

  it('refuses an entry put under another key', async () => {
    await expect(commit([put('dayIndex', [T0 + 1, 'mturk:A'], entry(T0, 5))])).rejects.toThrow('its own key');
    expect(await allDayEntries()).toEqual([]);
  });

  it('gives what one record per entry gave, whatever the writes and their layout (property)', async () => {
    // Starts over four days, some stretches longer than SPAN, two ids: puts, deletes and packed writes, in any order.
    const start = fc.integer({ min: 0, max: 4 * 24 * 60 }).map((m) => T0 + m * MIN);
    const stretch = fc.record({ start, minutes: fc.oneof(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 60 * 40 })), id: fc.constantFrom('A', 'B') });
    const step = fc.record({ ops: fc.array(fc.record({ s: stretch, remove: fc.boolean() }), { minLength: 1, maxLength: 6 }), pack: fc.boolean() });
    const query = fc.tuple(start, fc.integer({ min: 0, max: 3 * 24 * 60 }));
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), fc.array(query, { minLength: 3, maxLength: 3 }), async (steps, queries) => {
        await clearHistory();
        const model = new Map<string, DayEntry>();
        for (const { ops, pack } of steps) {
          const list: Op[] = [];
          for (const { s, remove } of ops) {
            const e = entry(s.start, s.minutes, s.id);
            const key = JSON.stringify(dayEntryKey(e));
            if (remove) model.delete(key);
            else model.set(key, e);
            list.push(remove ? delOp(e) : putOp(e));
          }
          await commit(list, { pack });
        }
        const all = [...model.values()].sort(keyOrder);
        expect(await allDayEntries()).toEqual(all);
        for (const [from, minutes] of queries) {
          const to = from + minutes * MIN;
          expect(await entriesStarting(from, to)).toEqual(all.filter((e) => e.start >= from && e.start < to));
          const ending = all.filter((e) => e.end >= from && e.end < to).sort((a, b) => a.end - b.end || keyOrder(a, b));
          expect(await entriesEnding(from, to)).toEqual(ending);
          expect(await entriesEnding(from)).toEqual(all.filter((e) => e.end >= from).sort((a, b) => a.end - b.end || keyOrder(a, b)));
        }
        // Never an hour both loose and in a record.
        const { hours, loose } = await layout();
        for (const key of loose) expect(hours).not.toContain(Math.floor((key as [number])[0] / HOUR));
      }),
      { numRuns: Number(process.env.CENTIME_PROPERTY_RUNS ?? 60) },
    );
  });
});
