import { applyContribution, stretchContribution, taskContribution, type Aggregates, type Contribution, type DayTotals } from '../domain/summary';
import { commit, del, type Op } from '../storage/database';
import { aggregateOps, findTask, getAggregates, readStretchRaw, type AggregateWrites } from '../storage/history-db';
import { lenientStretch, lenientTask, quarantine } from '../storage/quarantine';
import { platformStretchSchema } from '../storage/schemas';
import { summaryOps } from '../storage/summaries';
import { dayEntryKey, removeTaskOps, type DayEntry } from '../storage/task-store';

export interface SetAsideContext {
  timeZone: string;
  /** The writer's open-task keys (changed in place when the record leaves them). */
  open: Set<string>;
}

/**
 * Sets an invalid task or stretch record aside. Runs inside the writer's queue only, and reads the record again
 * first: one that reads fine by now (rewritten since a read reported it) stays. The copy goes to quarantine
 * before anything is deleted, so a failure in between leaves it twice, never lost; then one transaction
 * deletes the record (a task: its header, events, row, day-index entries and pending item) and subtracts what it
 * added to its day. Returns whether it set the record aside.
 * The dated approvals keep what the task lent them: they are the platform's, not the record's.
 */
export async function setAsideRecord(dbKey: string, ctx: SetAsideContext, _found?: unknown): Promise<boolean> {
  const task = dbKey.startsWith('task:') ? dbKey.slice('task:'.length) : null;
  const stretch = dbKey.startsWith('stretch:') ? (JSON.parse(dbKey.slice('stretch:'.length)) as IDBValidKey) : null;
  let raw: unknown;
  let entries: DayEntry[] = [];
  let problem: string;
  if (task !== null) {
    const current = await findTask(task);
    if (!current || current.read.ok) return false;
    ({ raw, entries } = current);
    problem = current.read.error;
  } else if (stretch !== null) {
    raw = await readStretchRaw(stretch);
    if (raw === undefined) return false;
    const parsed = platformStretchSchema.safeParse(raw);
    if (parsed.success) return false;
    problem = `platform stretch: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  } else return false;
  await quarantine({ source: dbKey, reason: problem, raw, at: Date.now() });
  const contribution = task !== null ? taskShare(raw, ctx.timeZone) : stretchShare(raw, ctx.timeZone);
  const ops: Op[] = contribution ? await withoutShare(contribution) : [];
  if (task !== null) {
    ctx.open.delete(task);
    ops.push(...removeTaskOps(task, entries));
  } else {
    ops.push(del('stretches', stretch!));
    // Its entry in the day index, where the record still says which it is.
    const lenient = lenientStretch(raw);
    if (lenient) ops.push(del('dayIndex', dayEntryKey({ start: lenient.start.wall, end: lenient.start.wall, platform: lenient.platform })));
  }
  await commit(ops);
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
 * The writes of the day's totals without `c`. A share its day does not hold (subtracting it would leave a
 * negative figure: the record was damaged, or never counted there) changes nothing.
 */
async function withoutShare(c: Contribution): Promise<Op[]> {
  const was: Aggregates = await getAggregates([c.key]);
  if (!was[c.key]) return [];
  const aggregates = structuredClone(was);
  applyContribution(aggregates, c, -1);
  const left = aggregates[c.key];
  if (left && negative(left)) return [];
  const writes: AggregateWrites = { [c.key]: left ?? null };
  return [...aggregateOps(writes), ...(await summaryOps([c.key], was, aggregates))];
}

function negative(t: DayTotals): boolean {
  const money = [t.earned, t.pending, t.approved, t.bonus ?? {}].flatMap((m) => Object.values(m));
  return [t.paidActiveMs, t.unpaidActiveMs, t.idleMs, t.platformMs, t.tasks, ...money].some((n) => n < 0);
}
