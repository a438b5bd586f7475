import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterRows, sortRows, taskRate, type HistoryFilter, type SortKey, type SortLabels } from '../../../lib/domain/history-list';
import type { TaskRow } from '../../../lib/storage/task-store';
import { row } from '../components/history-fixtures';

const KEYS: SortKey[] = ['date', 'platform', 'title', 'requester', 'reward', 'active', 'rate', 'outcome'];

describe('the history list, pure', () => {
  it('filtering a sorted list gives the sorted filtered list: the page sorts once and filters after', () => {
    const anyRow = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.boolean(), fc.boolean(), fc.option(fc.integer({ min: 0, max: 900 }))).map(([i, deleted, byHand, minor]) =>
      row(i, {
        ...(deleted ? { deleted: true as const } : {}), ...(byHand ? { addedByHand: true as const } : {}),
        reward: minor === null ? null : { minor, currency: i % 2 ? 'USD' : 'GBP' },
      }),
    );
    const anyFilter: fc.Arbitrary<HistoryFilter> = fc.record(
      { platform: fc.constantFrom('mturk', 'prolific'), outcome: fc.constantFrom('approved', 'rejected', 'deleted', 'byHand', 'untimed'), text: fc.constantFrom('1', 'task', 'hit2') },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 60 }), anyFilter, fc.constantFrom(...KEYS), fc.boolean(), (rows, filter, key, descending) => {
        const unique = [...new Map(rows.map((r) => [r.key, r])).values()];
        const sort = { key, descending };
        expect(filterRows(sortRows(unique, sort), filter, '2026-11-30').map((r) => r.key)).toEqual(sortRows(filterRows(unique, filter, '2026-11-30'), sort).map((r) => r.key));
      }),
    );
  });

  it('gives a rate only to timed, submitted or approved tasks with a reward, bonus included in its currency', () => {
    const base = row(0, { status: 'approved', activeMs: 600_000, reward: { minor: 100, currency: 'USD' } });
    expect(taskRate(base)).toEqual({ minor: 600, currency: 'USD' });
    expect(taskRate({ ...base, bonus: { minor: 50, currency: 'USD' } })).toEqual({ minor: 900, currency: 'USD' });
    expect(taskRate({ ...base, bonus: { minor: 50, currency: 'GBP' } })).toEqual({ minor: 600, currency: 'USD' });
    for (const over of [{ status: 'rejected' as const }, { status: 'returned' as const }, { status: 'open' as const }, { untimed: true }, { reward: null }, { activeMs: 0 }]) {
      expect(taskRate({ ...base, ...over }), JSON.stringify(over)).toBeNull();
    }
  });
});

describe('sorting by text', () => {
  // The collator's order, compared row against row: what sortRows did before it ranked the distinct texts once.
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const reference = (rows: ReturnType<typeof row>[], field: 'title' | 'requesterName' | null, descending: boolean) =>
    [...rows]
      .sort((a, b) => {
        const by = field ? collator.compare(a[field], b[field]) : 0;
        const dayA = a.day ?? '9999-12-31';
        const dayB = b.day ?? '9999-12-31';
        const date = dayA < dayB ? -1 : dayA > dayB ? 1 : (a.endedAt ?? a.updatedAt) - (b.endedAt ?? b.updatedAt);
        if (!field) return (descending ? -date : date) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
        return (descending ? -by : by) || -date || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
      })
      .map((r) => r.key);

  it('orders titles and requesters as the collator does, texts it holds equal (case, accents, numbers) by date; dates by day, then end', () => {
    const words = ['HIT 2', 'hit 10', 'Hit 2', 'Étude', 'etude', 'Survey', 'survey ', 'Zebra', '', 'a', 'A', 'ä'];
    const days = ['2024-02-29', '2026-11-30', '2026-12-01', '2025-01-09'];
    const anyRow = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.constantFrom(...words), fc.constantFrom(...words), fc.option(fc.constantFrom(...days)), fc.integer({ min: 0, max: 5 }))
      .map(([i, title, requesterName, day, end]) => {
        const r = row(i, { title, requesterName, endedAt: 1_780_000_000_000 + end * 60_000 });
        return day === null ? { ...r, day: undefined } : { ...r, day };
      });
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 80 }), fc.boolean(), (rows, descending) => {
        const unique = [...new Map(rows.map((r) => [r.key, r])).values()];
        expect(sortRows(unique, { key: 'title', descending }).map((r) => r.key)).toEqual(reference(unique, 'title', descending));
        expect(sortRows(unique, { key: 'requester', descending }).map((r) => r.key)).toEqual(reference(unique, 'requesterName', descending));
        expect(sortRows(unique, { key: 'date', descending }).map((r) => r.key)).toEqual(reference(unique, null, descending));
      }),
    );
  });
});

describe('sorting every key', () => {
  // The comparator sortRows used before it moved its values into typed arrays (issue 18): a row with its values
  // computed once, texts ranked with the collator, amounts as [currency, minor].
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  type Value = number | string | [string, number] | null;
  const valueOf = (r: TaskRow, key: SortKey, labels?: SortLabels): Value => {
    if (key === 'date') return 0;
    if (key === 'platform') return labels ? labels.platform(r.platform) : r.platform;
    if (key === 'title') return r.title;
    if (key === 'requester') return r.requesterName;
    if (key === 'outcome') return labels ? labels.outcome(r.status) : r.status;
    if (key === 'active') return r.activeMs;
    const amount = key === 'reward' ? r.reward : taskRate(r);
    return amount ? [amount.currency, amount.minor] : null;
  };
  const reference = (rows: readonly TaskRow[], key: SortKey, descending: boolean, labels?: SortLabels) => {
    const words = key === 'title' || key === 'requester' || (labels !== undefined && (key === 'platform' || key === 'outcome'));
    const sign = descending ? -1 : 1;
    const dayOf = (r: TaskRow) => r.day ?? '9999-12-31';
    const date = (a: TaskRow, b: TaskRow) => (dayOf(a) < dayOf(b) ? -1 : dayOf(a) > dayOf(b) ? 1 : (a.endedAt ?? a.updatedAt) - (b.endedAt ?? b.updatedAt));
    const compare = (a: NonNullable<Value>, b: NonNullable<Value>): number => {
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (typeof a === 'string' && typeof b === 'string') return words ? collator.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
      const [ca, ma] = a as [string, number];
      const [cb, mb] = b as [string, number];
      return ca < cb ? -1 : ca > cb ? 1 : ma - mb;
    };
    return [...rows]
      .sort((a, b) => {
        const va = valueOf(a, key, labels);
        const vb = valueOf(b, key, labels);
        if ((va === null) !== (vb === null)) return va === null ? 1 : -1;
        const by = key === 'date' ? date(a, b) : va === null || vb === null ? 0 : compare(va, vb);
        return sign * by || -date(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
      })
      .map((r) => r.key);
  };

  it('gives the order of the previous comparator for every key and direction: no value last, ties by date then key', () => {
    const anyRow = fc
      .record({
        i: fc.integer({ min: 0, max: 400 }),
        platform: fc.constantFrom('mturk', 'prolific', 'custom:b', 'custom:a'),
        title: fc.constantFrom('HIT 2', 'hit 10', 'Étude', 'etude', '', 'Zebra', 'a'),
        requesterName: fc.constantFrom('Lab', 'lab', 'Ölab', 'Z'),
        status: fc.constantFrom('open', 'submitted', 'approved', 'rejected', 'returned', 'expired'),
        reward: fc.option(fc.record({ minor: fc.integer({ min: 0, max: 3 }), currency: fc.constantFrom('USD', 'GBP', 'EUR') })),
        bonus: fc.option(fc.record({ minor: fc.integer({ min: 0, max: 3 }), currency: fc.constantFrom('USD', 'GBP') })),
        activeMs: fc.integer({ min: 0, max: 4 }).map((m) => m * 30_000),
        untimed: fc.boolean(),
        day: fc.option(fc.constantFrom('2024-02-29', '2026-11-30', '2025-01-09')),
        end: fc.option(fc.integer({ min: 0, max: 3 })),
      })
      .map(({ i, day, end, bonus, untimed, status, ...over }) => {
        const r = row(i, { ...over, status: status as TaskRow['status'], updatedAt: 1_780_000_000_000 + i });
        const { endedAt: _e, day: _d, bonus: _b, untimed: _u, ...rest } = r;
        return {
          ...rest,
          ...(day === null ? {} : { day }),
          ...(end === null ? {} : { endedAt: 1_780_000_000_000 + end * 60_000 }),
          ...(bonus === null ? {} : { bonus }),
          ...(untimed ? { untimed: true as const } : {}),
        } satisfies TaskRow;
      });
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 80 }), fc.constantFrom(...KEYS), fc.boolean(), (rows, key, descending) => {
        const unique = [...new Map(rows.map((r) => [r.key, r])).values()];
        expect(sortRows(unique, { key, descending }).map((r) => r.key)).toEqual(reference(unique, key, descending));
        // The list's dates and tie order are made once: a second sort of the same list, and a list changed since
        // (a new list: one task's date moved, one task gone), sort as the reference does.
        expect(sortRows(unique, { key, descending: !descending }).map((r) => r.key)).toEqual(reference(unique, key, !descending));
        const changed = unique.slice(1).map((r, i) => (i === 0 ? { ...r, endedAt: 1_779_000_000_000, day: '2023-05-01' } : r));
        expect(sortRows(changed, { key, descending }).map((r) => r.key)).toEqual(reference(changed, key, descending));
      }),
      { numRuns: 400 },
    );
  });

  it('sorts platforms and outcomes by the words the list shows, when given them', () => {
    // The worker's names for custom sites (two the collator holds equal: newest first), and outcomes in French:
    // neither in the ids' order.
    const labels: SortLabels = {
      platform: (id) => ({ mturk: 'Amazon Mechanical Turk', prolific: 'Prolific', 'custom:b': 'appen', 'custom:a': 'Zoo', 'custom:c': 'Appen' })[id] ?? id,
      outcome: (status) => ({ open: 'En cours', submitted: 'Envoyée', approved: 'Approuvée', rejected: 'Refusée', returned: 'Rendue', expired: 'Expirée' })[status] ?? status,
    };
    const rows = ['custom:a', 'prolific', 'custom:b', 'mturk', 'custom:c'].map((platform, i) =>
      row(i, { platform, status: (['open', 'submitted', 'approved', 'rejected', 'returned'] as const)[i]!, updatedAt: 1_780_000_000_000 + i }),
    );
    expect(sortRows(rows, { key: 'platform', descending: false }, labels).map((r) => labels.platform(r.platform))).toEqual(['Amazon Mechanical Turk', 'appen', 'Appen', 'Prolific', 'Zoo']);
    expect(sortRows(rows, { key: 'outcome', descending: false }, labels).map((r) => labels.outcome(r.status))).toEqual(['Approuvée', 'En cours', 'Envoyée', 'Refusée', 'Rendue']);
    fc.assert(
      fc.property(fc.array(fc.record({ i: fc.integer({ min: 0, max: 60 }), platform: fc.constantFrom('mturk', 'prolific', 'custom:a', 'custom:b', 'custom:c'), status: fc.constantFrom('open', 'submitted', 'approved', 'rejected', 'returned', 'expired'), end: fc.integer({ min: 0, max: 3 }) }), { maxLength: 40 }), fc.constantFrom<SortKey>('platform', 'outcome'), fc.boolean(), (specs, key, descending) => {
        const list = [...new Map(specs.map(({ i, platform, status, end }) => [i, row(i, { platform, status: status as TaskRow['status'], updatedAt: 1_780_000_000_000 + i, endedAt: 1_780_000_000_000 + end * 60_000 })])).values()];
        expect(sortRows(list, { key, descending }, labels).map((r) => r.key)).toEqual(reference(list, key, descending, labels));
      }),
      { numRuns: 200 },
    );
  });
});
