import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeTransfers, newestTransfers, transferChanges, type Transfer, type TransferLists } from '../../../lib/domain/transfers';

const t = (requestedDate: string, minor: number, currency = 'USD'): Transfer => ({ requestedDate, amount: { minor, currency } });
const paidOut = (lists: TransferLists) => lists.transfers.reduce((sum, x) => sum + x.amount.minor, 0);
const none: TransferLists = { transfers: [] };

describe('a transfer read while pending, then listed as failed', () => {
  // The first reading: the $5.00 of 21 November is pending, so it has left the balance and counts as paid out.
  const first = mergeTransfers(none, { transfers: [t('2026-11-21', 500), t('2026-11-14', 2530), t('2026-11-07', 3108), t('2026-10-31', 1890)] });

  it('stops counting on the reading’s newest day', () => {
    expect(paidOut(first)).toBe(8028);
    const later = mergeTransfers(first, { transfers: [t('2026-11-14', 2530), t('2026-11-07', 3108), t('2026-10-31', 1890)], undone: [t('2026-11-21', 500)] });
    expect(paidOut(later)).toBe(7528);
    expect(later.undone).toEqual([t('2026-11-21', 500)]);
  });

  it('stops counting on a day strictly inside the reading, on its oldest day, and when it is the only row', () => {
    const inside = mergeTransfers(first, { transfers: [t('2026-11-21', 500), t('2026-11-07', 3108)], undone: [t('2026-11-14', 2530)] });
    expect(paidOut(inside)).toBe(8028 - 2530);
    const oldest = mergeTransfers(first, { transfers: [t('2026-11-21', 500), t('2026-11-14', 2530), t('2026-11-07', 3108)], undone: [t('2026-10-31', 1890)] });
    expect(paidOut(oldest)).toBe(8028 - 1890);
    const only = mergeTransfers({ transfers: [t('2026-11-21', 500)] }, { transfers: [], undone: [t('2026-11-21', 500)] });
    expect(only).toEqual({ transfers: [], undone: [t('2026-11-21', 500)] });
  });

  it('corrects a history stored by an older version, which kept no undone rows', () => {
    const stored = { transfers: [t('2026-11-14', 2530), t('2026-11-21', 500)] };
    expect(mergeTransfers(stored, { transfers: [], undone: [t('2026-11-21', 500)] }).transfers).toEqual([t('2026-11-14', 2530)]);
  });

  it('counts it again if the platform lists it as completed after all', () => {
    const failed = mergeTransfers(first, { transfers: [], undone: [t('2026-11-21', 500)] });
    expect(mergeTransfers(failed, { transfers: [t('2026-11-21', 500)] })).toEqual(first);
  });

  it('counts the money once when it is requested again, the same day or later', () => {
    const failed = mergeTransfers(first, { transfers: [], undone: [t('2026-11-21', 500)] });
    // Requested again the same day: two rows of $5.00, one failed, one paid out.
    const sameDay = mergeTransfers(failed, { transfers: [t('2026-11-21', 500)], undone: [t('2026-11-21', 500)] });
    expect(paidOut(sameDay)).toBe(8028);
    expect(sameDay.undone).toEqual([t('2026-11-21', 500)]);
    // Requested again two days later: the failed row stays failed, the new one counts.
    const later = mergeTransfers(failed, { transfers: [t('2026-11-23', 500)], undone: [t('2026-11-21', 500)] });
    expect(paidOut(later)).toBe(8028);
    // A page showing only the new row keeps the failed one as it was.
    expect(mergeTransfers(later, { transfers: [t('2026-11-23', 500)] })).toEqual(later);
  });

  it('moves only as far as a reading that saw some of a day’s equal transfers forces it', () => {
    // Two pending $5.00 transfers on the oldest day the next page shows; it shows only one of them, failed.
    const two = mergeTransfers(none, { transfers: [t('2026-11-21', 500), t('2026-11-21', 500), t('2026-11-01', 100)] });
    const partial = mergeTransfers(two, { transfers: [t('2026-11-25', 700)], undone: [t('2026-11-21', 500)] });
    expect(partial.transfers).toEqual([t('2026-11-01', 100), t('2026-11-21', 500), t('2026-11-25', 700)]);
    expect(partial.undone).toEqual([t('2026-11-21', 500)]);
    // Seen again with both rows, both failed: neither counts.
    const both = mergeTransfers(partial, { transfers: [t('2026-11-25', 700)], undone: [t('2026-11-21', 500), t('2026-11-21', 500)] });
    expect(paidOut(both)).toBe(800);
  });
});

describe('what a reading covers', () => {
  const stored = mergeTransfers(none, { transfers: [t('2026-11-20', 500), t('2026-11-14', 300), t('2026-11-14', 300), t('2026-11-07', 200), t('2026-11-01', 100)] });

  it('replaces the days strictly inside it, whose rows it shows in full', () => {
    // The page lists one $3.00 transfer on 14 November where two were: the day is between its newest and oldest.
    const read = mergeTransfers(stored, { transfers: [t('2026-11-20', 500), t('2026-11-14', 300), t('2026-11-07', 200)] });
    expect(read.transfers).toEqual([t('2026-11-01', 100), t('2026-11-07', 200), t('2026-11-14', 300), t('2026-11-20', 500)]);
  });

  it('keeps the most rows ever read on its edge days and outside it: a page’s first rows forget nothing', () => {
    expect(mergeTransfers(stored, { transfers: [t('2026-11-20', 500), t('2026-11-14', 300)] })).toEqual(stored);
    expect(mergeTransfers(stored, { transfers: [t('2026-11-14', 300), t('2026-11-07', 200)] })).toEqual(stored);
    expect(mergeTransfers(stored, { transfers: [t('2026-11-20', 500)] })).toEqual(stored);
  });

  it('gives a merge of two stored histories no covered day: the newer says what is paid out', () => {
    const older = { transfers: [t('2026-11-20', 500), t('2026-11-14', 300), t('2026-11-07', 200)] };
    const newer = { transfers: [t('2026-11-20', 500), t('2026-11-01', 100)], undone: [t('2026-11-07', 200)] };
    expect(mergeTransfers(older, newer, 'history')).toEqual({
      transfers: [t('2026-11-01', 100), t('2026-11-14', 300), t('2026-11-20', 500)],
      undone: [t('2026-11-07', 200)],
    });
    expect(transferChanges(older, mergeTransfers(older, newer, 'history'))).toEqual({ added: 1, updated: 1 });
  });

  it('caps a reading to its newest rows by date, whatever the page’s order', () => {
    const read = { transfers: [t('2026-11-01', 100), t('2026-11-20', 500), t('2026-11-07', 200)], undone: [t('2026-11-14', 300)] };
    expect(newestTransfers(read, 3)).toEqual({ transfers: [t('2026-11-20', 500), t('2026-11-07', 200)], undone: [t('2026-11-14', 300)] });
  });
});

/**
 * The platform's list as a model: rows newest first, each paid out or undone. New transfers come on or after the
 * newest day; a row's status may change (pending to failed, failed to completed); a reading shows the list's
 * first rows (any number: the page's first rows, cut anywhere, even inside a day).
 */
type Row = { day: number; minor: number; paid: boolean };
const date = (day: number) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
const asLists = (rows: readonly Row[]): TransferLists => ({
  transfers: rows.filter((r) => r.paid).map((r) => t(date(r.day), r.minor)),
  undone: rows.filter((r) => !r.paid).map((r) => t(date(r.day), r.minor)),
});
const keyCounts = (list: readonly Transfer[]) => {
  const counts = new Map<string, number>();
  for (const x of list) counts.set(`${x.requestedDate}|${x.amount.minor}`, (counts.get(`${x.requestedDate}|${x.amount.minor}`) ?? 0) + 1);
  return counts;
};
const steps = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('new' as const), after: fc.integer({ min: 0, max: 2 }), minor: fc.constantFrom(500, 700), paid: fc.boolean() }),
    fc.record({ kind: fc.constant('flip' as const), index: fc.nat() }),
    fc.record({ kind: fc.constant('read' as const), rows: fc.nat({ max: 12 }) }),
  ),
  { maxLength: 40 },
);
const runs = { numRuns: Number(process.env.CENTIME_PROPERTY_RUNS ?? 150) };

describe('readings of a changing list (property)', () => {
  it('forgets nothing, doubles nothing, and counts as paid out what the last reading that showed all of a transfer’s rows said', () => {
    fc.assert(
      fc.property(steps, (plan) => {
        let list: Row[] = [];
        let stored: TransferLists = none;
        const mostRead = new Map<string, number>();
        for (const step of plan) {
          if (step.kind === 'new') list = [{ day: (list[0]?.day ?? 0) + step.after, minor: step.minor, paid: step.paid }, ...list];
          else if (step.kind === 'flip' && list.length) list = list.map((r, i) => (i === step.index % list.length ? { ...r, paid: !r.paid } : r));
          else if (step.kind === 'read') {
            const read = asLists(list.slice(0, step.rows));
            stored = mergeTransfers(stored, read);
            // Reading it again changes nothing.
            expect(mergeTransfers(stored, read)).toEqual(stored);
            const all = keyCounts([...read.transfers, ...read.undone!]);
            for (const [key, n] of all) mostRead.set(key, Math.max(mostRead.get(key) ?? 0, n));
            const truth = asLists(list);
            const [listed, listedPaid] = [keyCounts([...truth.transfers, ...truth.undone!]), keyCounts(truth.transfers)];
            const [kept, keptPaid] = [keyCounts([...stored.transfers, ...stored.undone!]), keyCounts(stored.transfers)];
            for (const [key, n] of kept) {
              // Never more rows than the platform lists, never fewer than any one reading showed.
              expect(n).toBeLessThanOrEqual(listed.get(key) ?? 0);
              expect(n).toBeGreaterThanOrEqual(mostRead.get(key) ?? 0);
            }
            for (const key of mostRead.keys()) expect(kept.has(key)).toBe(true);
            // Every transfer this reading showed in full is paid out exactly as the platform now says.
            for (const [key, n] of all) if (n === listed.get(key)) expect(keptPaid.get(key) ?? 0).toBe(listedPaid.get(key) ?? 0);
          }
        }
        // A reading of the whole list leaves exactly the list.
        const whole = mergeTransfers(stored, asLists(list));
        const truth = asLists(list);
        expect([keyCounts(whole.transfers), keyCounts(whole.undone)]).toEqual([keyCounts(truth.transfers), keyCounts(truth.undone!)]);
      }),
      runs,
    );
  });

  it('merges as the multiset of maxima did whenever no transfer is undone', () => {
    const oldMerge = (known: readonly Transfer[], read: readonly Transfer[]) => {
      const [a, b] = [keyCounts(known), keyCounts(read)];
      return new Map([...a, ...[...b].map(([key, n]) => [key, Math.max(n, a.get(key) ?? 0)] as const)]);
    };
    fc.assert(
      fc.property(steps, (plan) => {
        let list: Row[] = [];
        let stored: TransferLists = none;
        for (const step of plan) {
          if (step.kind === 'new') list = [{ day: (list[0]?.day ?? 0) + step.after, minor: step.minor, paid: true }, ...list];
          else if (step.kind === 'read') {
            const read = asLists(list.slice(0, step.rows));
            const expected = oldMerge(stored.transfers, read.transfers);
            stored = mergeTransfers(stored, read);
            expect(keyCounts(stored.transfers)).toEqual(expected);
            expect(stored.undone).toEqual([]);
          }
        }
      }),
      runs,
    );
  });
});
