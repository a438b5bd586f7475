import { applyContribution, stretchContribution, taskContribution, type Aggregates, type Contribution, type DayTotals } from '../domain/summary';
import { getAggregates, readRaw, recordProblem, removeRecord, type AggregateWrites } from '../storage/history-db';
import { pendingKey } from '../storage/ledger-db';
import { lenientStretch, lenientTask, quarantine } from '../storage/quarantine';

export interface SetAsideContext {
  timeZone: string;
  /** The writer's open-task keys (changed in place when the record leaves them). */
  open: Set<string>;
}

/**
 * Sets an invalid task or stretch record aside. Runs inside the writer's queue only, and reads the record again
 * first: one that reads fine by now (rewritten since a read reported it) stays. The copy goes to quarantine
 * before anything is deleted, so a failure in between leaves it twice, never lost; then one transaction
 * deletes the record, takes it out of the open and pending indexes and subtracts what it added to its day.
 * Returns whether it set the record aside. `found` is the raw value when the caller just read it.
 * The estimates' samples, recent approvals and approval delays keep what the task lent them: they hold bare
 * numbers, not which task each came from.
 */
export async function setAsideRecord(dbKey: string, ctx: SetAsideContext, found?: { raw: unknown }): Promise<boolean> {
  const raw = found ? found.raw : await readRaw(dbKey);
  if (raw === undefined) return false;
  const problem = recordProblem(dbKey, raw);
  if (problem === null) return false;
  await quarantine({ source: dbKey, reason: problem, raw, at: Date.now() });
  const task = dbKey.startsWith('task:') ? dbKey.slice('task:'.length) : null;
  const contribution = task !== null ? taskShare(raw, ctx.timeZone) : stretchShare(raw, ctx.timeZone);
  const aggregates = contribution ? await withoutShare(contribution) : {};
  const wasOpen = task !== null && ctx.open.delete(task);
  await removeRecord(dbKey, aggregates, wasOpen ? [...ctx.open] : undefined, task !== null ? [pendingKey(task)] : []);
  return true;
}

// What the record added to its day's totals, as far as it still says (see lenientTask). When it does not say
// enough, its day keeps the figures it added: they stay until the aggregates are rebuilt from the tasks, and the
// quarantined copy holds what a person (or a later version) needs to account for them.
function taskShare(raw: unknown, timeZone: string): Contribution | null {
  const task = lenientTask(raw);
  return task ? taskContribution(task, timeZone) : null;
}

function stretchShare(raw: unknown, timeZone: string): Contribution | null {
  const stretch = lenientStretch(raw);
  return stretch ? stretchContribution(stretch, timeZone) : null;
}

/**
 * The day's totals without `c`. A share its day does not hold (subtracting it would leave a negative figure:
 * the record was damaged, or never counted there) changes nothing.
 */
async function withoutShare(c: Contribution): Promise<AggregateWrites> {
  const aggregates: Aggregates = await getAggregates([c.key]);
  if (!aggregates[c.key]) return {};
  applyContribution(aggregates, c, -1);
  const left = aggregates[c.key];
  if (left && negative(left)) return {};
  return { [c.key]: left ?? null };
}

function negative(t: DayTotals): boolean {
  const money = [t.earned, t.pending, t.approved, t.bonus ?? {}].flatMap((m) => Object.values(m));
  return [t.paidActiveMs, t.unpaidActiveMs, t.idleMs, t.platformMs, t.tasks, ...money].some((n) => n < 0);
}
