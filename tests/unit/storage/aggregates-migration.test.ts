// @vitest-environment node
import { readFileSync } from 'node:fs';
import { get, set, setMany } from 'idb-keyval';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { periodFigures } from '../../../lib/domain/figures';
import { recompute } from '../../../lib/domain/summary';
import { AGGREGATES_VERSION, AGGREGATES_VERSION_KEY } from '../../../lib/storage/aggregates-migration';
import { allAggregates, allStretches, allTasks, clearHistory, db, getTaskByKey } from '../../../lib/storage/history-db';
import { allBonuses } from '../../../lib/storage/ledger-db';

// A database written before the aggregates kept time per currency (tests/unit/storage/old-aggregates/v1.json):
// a £10.00 study over 20 min and a $3.00 study over 10 min on Prolific; on MTurk a returned HIT (1:05), a $0.50
// HIT never timed, 0:55 of platform time and $0.25 of bonus income; and a total left behind on the 19th.
const example = JSON.parse(readFileSync('tests/unit/storage/old-aggregates/v1.json', 'utf8')) as { records: Record<string, unknown> };
const MIN = 60_000;

describe('the daily aggregates rebuilt for rates per currency', () => {
  let writer: TaskWriter;

  beforeEach(async () => {
    await clearHistory();
    await setMany(Object.entries(example.records), db());
    writer = new TaskWriter(() => 'UTC');
  });

  it('rebuilds old totals from the tasks, stretches and bonus entries, once', async () => {
    const before = await allAggregates();
    expect(before['2026-11-20|prolific']!.timedPaidMs).toBeUndefined();
    // Read from the old totals, each currency's money is over both studies' 30 min: £20.00 and $6.00 an hour.
    expect(await writer.migrateAggregates()).toBe(true);
    const after = await allAggregates();
    expect(after).toEqual({
      '2026-11-20|prolific': {
        ...before['2026-11-20|prolific'],
        timedPaidMs: { GBP: 20 * MIN, USD: 10 * MIN },
        timedEarned: { GBP: 1000, USD: 300 },
      },
      // Nothing of MTurk's day is timed money: the untimed $0.50 is in the earnings only.
      '2026-11-20|mturk': before['2026-11-20|mturk'],
    });
    expect(after).toEqual(recompute(await allTasks(), await allStretches(), 'UTC', await allBonuses()));
    const f = periodFigures([after['2026-11-20|prolific']!], { displayCurrency: 'GBP', exchangeRates: [] });
    expect(f.effective).toEqual([{ minor: 3000, currency: 'GBP' }, { minor: 1800, currency: 'USD' }]);
    expect(await get(AGGREGATES_VERSION_KEY, db())).toBe(AGGREGATES_VERSION);

    // Once: at the next start-up the totals are left as they are.
    await set('agg:2026-11-21|mturk', { ...after['2026-11-20|mturk'] }, db());
    expect(await writer.migrateAggregates()).toBe(false);
    expect(Object.keys(await allAggregates())).toContain('2026-11-21|mturk');
  });

  it('runs in the writer’s queue: a write queued at once lands on the rebuilt totals, not under them', async () => {
    const migrated = writer.migrateAggregates();
    const key = 'prolific:665f2b7c9d0e1f2a3b4c5d6e';
    // The study approved while the rebuild runs.
    const approved = writer.serial(() => writer.update(key, (old) => (old ? { ...old, status: 'approved', approvedAt: old.updatedAt } : null), Date.UTC(2026, 10, 21)));
    await Promise.all([migrated, approved]);
    expect(await getTaskByKey(key)).toMatchObject({ status: 'approved' });
    const after = await allAggregates();
    expect(after['2026-11-20|prolific']).toMatchObject({ approved: { GBP: 1000 }, pending: { USD: 300 }, timedEarned: { GBP: 1000, USD: 300 } });
    expect(after).toEqual(recompute(await allTasks(), await allStretches(), 'UTC', await allBonuses()));
  });
});
