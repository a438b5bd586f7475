import { get } from 'idb-keyval';
import { recompute } from '../domain/summary';
import { aggregateOps, aggregatesByKey, allStretches, allTasks, batch, db } from './history-db';
import { allBonuses } from './ledger-db';

/**
 * The shape of the daily aggregates (`agg:` records). They are derived data, so a new shape is not migrated
 * record by record: they are rebuilt once from the records they derive from.
 * - 1: totals with money per currency but time per platform only (no key stored).
 * - 2: also the paid time and money of timed tasks per currency (`timedPaidMs`, `timedEarned`), which the
 *   effective rate per currency divides (DESIGN.md, "Rates").
 */
export const AGGREGATES_VERSION = 2;
export const AGGREGATES_VERSION_KEY = 'index:aggregates-version';

/**
 * Rebuilds every daily aggregate from the stored tasks, platform stretches and bonus entries, unless they are
 * already of the current shape; answers whether it did. Run it in the writer's queue (`TaskWriter`), before
 * any write that moves an aggregate: an old total with a new contribution added would be neither shape.
 * Days are those of the current time zone, as a full recompute (the property test's reference) has them.
 */
export async function rebuildAggregates(timeZone: string): Promise<boolean> {
  const version: unknown = await get(AGGREGATES_VERSION_KEY, db());
  if (typeof version === 'number' && version >= AGGREGATES_VERSION) return false;
  const rebuilt = recompute(await allTasks(), await allStretches(), timeZone, await allBonuses());
  const [puts] = aggregateOps(rebuilt);
  // Totals of a day that the records no longer give (nothing left there) go, as a recompute has none.
  const gone = Object.keys(await aggregatesByKey()).filter((key) => !(key in rebuilt)).map((key) => `agg:${key}`);
  await batch([...puts, [AGGREGATES_VERSION_KEY, AGGREGATES_VERSION]], gone);
  return true;
}
