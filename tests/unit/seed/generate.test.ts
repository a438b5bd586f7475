import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countedDayOf, localDay } from '../../../lib/domain/summary';
import { orderEvents, replay } from '../../../lib/domain/task-timer';
import { bonusEntrySchema } from '../../../lib/storage/ledger-db';
import { transfersSchema } from '../../../lib/storage/transfers-db';
import { dashboardReadingSchema, platformStretchSchema, taskRecordSchema, type TaskRecord } from '../../../lib/storage/schemas';
import { DAY, previousDay } from '../../seed/calendar';
import { HOSTILE_TITLE } from '../../seed/catalog';
import { generateAll, historyDays, type SeedOptions } from '../../seed/generate';
import { keyOf } from '../../seed/resolve';

// A Friday afternoon in Paris, in the middle of a session: some work is under way.
const NOW = Date.parse('2026-11-27T13:10:00Z');
const base: SeedOptions = { tasks: 3_000, now: NOW, timeZone: 'Europe/Paris' };
// Storage v2 has no zod schema for approvals (they are written by the writer only): their shape, as `Approval`.
const wall = z.number().int().nonnegative();
const approvalSchema = z.strictObject({
  at: wall, minor: z.number().int().positive(), currency: z.string().length(3), knownAt: wall.optional(), task: z.string().min(3),
  requesterId: z.string().optional(), submittedAt: wall.optional(),
});
const history = generateAll(base);

describe('the seed generator', () => {
  it('gives the same history for the same options, and another for another seed', () => {
    expect(generateAll({ ...base, tasks: 500 })).toEqual(generateAll({ ...base, tasks: 500 }));
    const other = generateAll({ ...base, tasks: 500, seed: 2 });
    expect(other.tasks.map(keyOf)).not.toEqual(generateAll({ ...base, tasks: 500 }).tasks.map(keyOf));
  });

  it('makes exactly the number of tasks asked for, each once, every record as the schemas accept it', () => {
    expect(history.tasks).toHaveLength(3_000);
    expect(new Set(history.tasks.map(keyOf)).size).toBe(3_000);
    for (const task of history.tasks) expect(taskRecordSchema.parse(task)).toEqual(task);
    for (const s of history.stretches) expect(platformStretchSchema.parse(s)).toEqual(s);
    for (const { entry } of history.bonuses) expect(bonusEntrySchema.parse(entry)).toEqual(entry);
    for (const { reading } of history.readings) expect(dashboardReadingSchema.parse(reading)).toEqual(reading);
    for (const { at, transfers } of history.transfers) expect(transfersSchema.parse({ at, transfers })).toEqual({ at, transfers });
    for (const { approval } of history.approvals) expect(approvalSchema.parse(approval)).toEqual(approval);
    const everything = [...history.tasks.map((t) => t.updatedAt), ...history.stretches.map((s) => s.end.wall), ...history.readings.map((r) => r.reading.at), ...history.approvals.map((a) => a.approval.at)];
    expect(Math.max(...everything)).toBeLessThanOrEqual(NOW);
  });

  it("derives each task's times and day as the tracker and the writer do", () => {
    for (const task of history.tasks) {
      const state = replay(task.events);
      expect([task.activeMs, task.idleMs]).toEqual([Math.round(state.activeMs), Math.round(state.idleMs)]);
      expect(orderEvents(task.events)).toHaveLength(task.events.length);
      const { countedDay, ...uncounted } = task;
      expect(countedDay).toBe(countedDayOf(uncounted, 'Europe/Paris'));
      if (task.untimed) continue;
      // [active, front] at one stamp when it comes to the front; the outcome, if any, last and at its end.
      expect(task.events.slice(0, 2).map((e) => e.type)).toEqual(['active', 'front']);
      expect(task.events[1]!.at).toEqual(task.events[0]!.at);
      const outcome = orderEvents(task.events).at(-1)!;
      if (task.status === 'open') expect(state).toMatchObject({ outcome: null, front: false });
      else expect([outcome.type, outcome.at.wall]).toEqual(['outcome', task.endedAt]);
      if (task.status === 'expired') expect(task.endedAt).toBe(task.deadline);
    }
  });

  it('pays only what was approved: each dated approval names an approved task and its money', () => {
    const byKey = new Map(history.tasks.map((t) => [keyOf(t), t]));
    expect(history.approvals.length).toBeGreaterThan(1_000);
    for (const { platform, approval } of history.approvals) {
      const task = byKey.get(approval.task!)!;
      expect(task).toMatchObject({ platform, status: 'approved' });
      expect([task.reward, task.bonus]).toContainEqual({ minor: approval.minor, currency: approval.currency });
      expect(approval.knownAt).toBeLessThanOrEqual(approval.at);
      // The reward of a timed task names its requester and submission (the next payment dates come from them).
      if (approval.submittedAt !== undefined) expect([approval.requesterId, approval.submittedAt, approval.minor]).toEqual([task.requesterId, task.endedAt, task.reward!.minor]);
      else expect(task.untimed || !task.requesterId || approval.minor === task.bonus?.minor).toBe(true);
    }
  });

  it('sets how far back the history goes by its size: today and the 14 days before it are the same for 1,000 and 100,000 tasks', { timeout: 120_000 }, () => {
    const small = generateAll({ ...base, tasks: 1_000 });
    const large = generateAll({ ...base, tasks: 100_000 });
    let from = localDay(NOW, 'Europe/Paris');
    for (let i = 0; i < 14; i++) from = previousDay(from);
    const recent = (tasks: TaskRecord[]) => tasks.filter((t) => localDay(t.firstSeenAt, 'Europe/Paris') >= from).sort((a, b) => a.firstSeenAt - b.firstSeenAt);
    const perDay = (tasks: TaskRecord[]) => {
      const counts: Record<string, number> = {};
      for (const t of recent(tasks)) counts[localDay(t.firstSeenAt, 'Europe/Paris')] = (counts[localDay(t.firstSeenAt, 'Europe/Paris')] ?? 0) + 1;
      return counts;
    };
    // 15 days, of which the working ones (Sundays and every other Saturday off) each hold their tasks.
    expect(Object.keys(perDay(small.tasks)).length).toBeGreaterThanOrEqual(11);
    expect(perDay(small.tasks)).toEqual(perDay(large.tasks));
    expect(recent(small.tasks)).toEqual(recent(large.tasks));
    const stretches = (h: typeof small) => h.stretches.filter((s) => localDay(s.start.wall, 'Europe/Paris') >= from);
    expect(stretches(small)).toEqual(stretches(large));
    // Years of history behind the same recent weeks.
    expect(large.tasks).toHaveLength(100_000);
    const span = (tasks: TaskRecord[]) => (NOW - Math.min(...tasks.map((t) => t.firstSeenAt))) / DAY;
    expect(span(small.tasks)).toBeLessThan(21);
    expect(span(large.tasks)).toBeGreaterThan(3 * 365);
    expect(historyDays({ ...base, tasks: 100_000 }).length).toBeCloseTo(span(large.tasks), -1);
  });

  it('looks like years of real work: platforms, currencies, outcomes, late approvals, pending items, money moves', () => {
    const tasks = history.tasks;
    const count = (pred: (t: TaskRecord) => boolean) => tasks.filter(pred).length;
    const kinds = new Set(tasks.map((t) => `${t.platform} ${t.reward?.currency ?? '-'}`));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['custom:clickworker EUR', 'manual -', 'manual USD', 'mturk USD', 'prolific GBP', 'prolific USD']));
    for (const status of ['open', 'submitted', 'approved', 'rejected', 'returned', 'expired'] as const) expect(count((t) => t.status === status)).toBeGreaterThan(0);
    const late = count((t) => t.approvedAt !== undefined && t.approvedAt - t.endedAt! > 3 * DAY && !t.untimed);
    expect(late / count((t) => t.status === 'approved')).toBeGreaterThan(0.15);
    // Pending: recent ones, and a few MTurk HITs pending past the 30-day auto-approval (presumably approved).
    expect(count((t) => t.status === 'submitted' && t.platform === 'mturk' && t.endedAt! > NOW - 30 * DAY)).toBeGreaterThan(20);
    const presumed = count((t) => t.status === 'submitted' && t.platform === 'mturk' && t.endedAt! < NOW - 30 * DAY);
    expect(presumed).toBeGreaterThan(0);
    expect(presumed).toBeLessThan(count((t) => t.platform === 'mturk') * 0.03);
    expect(count((t) => t.untimed === true && t.platform === 'mturk')).toBeGreaterThan(5);
    expect(count((t) => t.bonus !== undefined)).toBeGreaterThan(0);
    expect(count((t) => t.title === HOSTILE_TITLE)).toBeGreaterThan(0);
    expect(count((t) => /<.*".*,/.test(t.requesterName))).toBeGreaterThan(0);
    // MTurk transfers every week or two; Prolific cash-outs in both currencies; bonus income from the dashboard.
    const transfers = history.transfers.at(-1)!.transfers.map((t) => Date.parse(t.requestedDate));
    for (let i = 1; i < transfers.length; i++) expect((transfers[i]! - transfers[i - 1]!) / DAY).toBeGreaterThanOrEqual(7);
    expect((transfers.at(-1)! - transfers[0]!) / DAY / (transfers.length - 1)).toBeLessThan(14);
    const cashOuts = history.readings.filter((r) => r.platform === 'prolific').map((r) => r.reading.available.currency);
    expect(new Set(cashOuts)).toEqual(new Set(['GBP', 'USD']));
    expect(history.bonuses.length).toBeGreaterThan(0);
  });

  it('works in sessions of one to four hours, tasks back to back with platform time between them', () => {
    const spans: [number, number][] = history.stretches.map((s) => [s.start.wall, s.end.wall]);
    for (const task of history.tasks) {
      let since: number | null = null;
      for (const e of task.events) {
        if (e.type === 'front') since = e.at.wall;
        else if ((e.type === 'not-front' || e.type === 'outcome') && since !== null) spans.push([since, e.at.wall]);
        if (e.type !== 'front' && e.type !== 'active' && e.type !== 'idle') since = null;
      }
    }
    spans.sort((a, b) => a[0] - b[0]);
    const sessions: number[] = [];
    let current: [number, number] | null = null;
    for (const [start, end] of spans) {
      if (current && start <= current[1] + 15 * 60_000) current[1] = Math.max(current[1], end);
      else {
        if (current) sessions.push(current[1] - current[0]);
        current = [start, end];
      }
    }
    sessions.sort((a, b) => a - b);
    const hours = (q: number) => sessions[Math.floor(q * (sessions.length - 1))]! / 3_600_000;
    expect(hours(0.5)).toBeGreaterThan(1.5);
    expect(hours(0.5)).toBeLessThan(3.5);
    expect(hours(0.2)).toBeGreaterThan(0.9);
    expect(hours(0.8)).toBeLessThan(4.5);
    expect(history.stretches.length / history.tasks.length).toBeGreaterThan(0.3);
  });
});
