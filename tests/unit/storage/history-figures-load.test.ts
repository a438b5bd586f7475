import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import type { Money } from '../../../lib/domain/money';
import { clearHistory } from '../../../lib/storage/history-db';
import { loadHistoryFigures, type FiguresDeps } from '../../../lib/storage/history-figures-load';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';

// The history's loader over a database the real writer filled: the daily totals, the rows' day index, the day
// index's stretches (sessions) and the open tasks, read-only. Friday 27 November 2026, UTC.
const MIN = 60_000;
const usd = (minor: number) => ({ minor, currency: 'USD' });
const at = (iso: string) => Date.parse(iso);
const stamp = (iso: string) => ({ wall: at(iso), mono: at(iso), origin: 0 });

describe('the history figures loader', () => {
  let writer: TaskWriter;
  let n = 0;
  const deps = (now: string, today = now.slice(0, 10)): FiguresDeps => ({ now: stamp(now), today, timeZone: 'UTC', settings: { ...DEFAULT_SETTINGS, displayCurrency: 'USD' } });

  /** A task in front over each [from, to], then given its outcome at the last end (or left open). */
  async function worked(platform: string, id: string, reward: Money, spans: [string, string][], status: 'submitted' | 'returned' | 'open' = 'submitted', requester = 'Lab') {
    const events: TaskRecord['events'] = [];
    spans.forEach(([from, to], i) => {
      events.push({ boot: 1, n: ++n, type: 'front', at: stamp(from) });
      const last = i === spans.length - 1;
      if (last && status === 'open') return;
      events.push(last ? { boot: 1, n: ++n, type: 'outcome', outcome: status === 'open' ? 'submitted' : status, at: stamp(to) } : { boot: 1, n: ++n, type: 'not-front', at: stamp(to) });
    });
    const end = at(spans[spans.length - 1]![1]);
    const record: TaskRecord = {
      v: 2, platform, taskId: id, title: `Task ${id}`, requesterName: requester, requesterId: `${requester}-id`, reward, firstSeenAt: at(spans[0]![0]), updatedAt: end,
      status, external: platform === 'prolific', activeMs: 0, idleMs: 0, events, ...(status === 'open' ? {} : { endedAt: end }),
    };
    await writer.serial(() => writer.update(`${platform}:${id}`, () => record, end));
  }

  beforeEach(async () => {
    await clearHistory();
    writer = new TaskWriter(() => 'UTC');
  });

  it('gives a day of two sessions across MTurk and Prolific, its figures and its requesters', async () => {
    await worked('mturk', 'A', usd(100), [['2026-11-27T09:00Z', '2026-11-27T09:10Z']]);
    await writer.addStretch('mturk', stamp('2026-11-27T09:12Z'), stamp('2026-11-27T09:15Z'), 3 * MIN);
    await worked('prolific', 'B', usd(300), [['2026-11-27T09:20Z', '2026-11-27T09:40Z']], 'submitted', 'Uni');
    await worked('mturk', 'C', usd(50), [['2026-11-27T11:00Z', '2026-11-27T11:05Z']], 'returned');
    const f = await loadHistoryFigures({ from: '2026-11-27', to: '2026-11-27', grouping: 'day', firstDay: 1 }, deps('2026-11-27T14:00Z'));
    expect(f.sessions.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString(), s.platforms, s.tasksDone])).toEqual([
      ['2026-11-27T09:00:00.000Z', '2026-11-27T09:40:00.000Z', ['mturk', 'prolific'], 2],
      ['2026-11-27T11:00:00.000Z', '2026-11-27T11:05:00.000Z', ['mturk'], 1],
    ]);
    // $4.00 over the first session's 30 min of tasks: $8.00/h effective; over 33 min of work: $7.27/h true.
    expect(f.sessions[0]!.figures.effective).toEqual([usd(800)]);
    expect(f.sessions[0]!.figures.trueRate).toEqual({ rate: usd(727), converted: false });
    expect(f.groups).toHaveLength(1);
    expect(f.groups[0]!.figures.time).toEqual({ paidActiveMs: 30 * MIN, unpaidActiveMs: 5 * MIN, platformMs: 3 * MIN, idleMs: 0 });
    // $4.00 over 38 min of work: 400 × 60 / 38 = 631.6 → $6.32/h.
    expect(f.total!.figures.trueRate).toEqual({ rate: usd(632), converted: false });
    expect(f.requesters.map((r) => [r.platform, r.requester, r.name, r.tasks, r.figures.earnings])).toEqual([
      ['mturk', 'Lab-id', 'Lab', 2, [usd(100)]],
      ['prolific', 'Uni-id', 'Uni', 1, [usd(300)]],
    ]);
    expect(f.chart.earnings).toEqual([4]);
  });

  it('reads a past range’s session whole when it runs past the range’s last midnight, and only then', async () => {
    await worked('mturk', 'D', usd(100), [['2026-11-25T23:50Z', '2026-11-26T00:10Z']]);
    await worked('mturk', 'E', usd(100), [['2026-11-26T00:20Z', '2026-11-26T00:30Z']]);
    await worked('mturk', 'F', usd(100), [['2026-11-26T09:00Z', '2026-11-26T09:10Z']]);
    const f = await loadHistoryFigures({ from: '2026-11-25', to: '2026-11-25', grouping: 'day', firstDay: 1 }, deps('2026-11-27T14:00Z'));
    // The session begun on the 25th joins both HITs (10 min apart) and ends at 00:30 on the 26th; the 26th's own
    // session (09:00) starts after the range: not shown.
    expect(f.sessions.map((s) => [new Date(s.end).toISOString(), s.tasksDone])).toEqual([['2026-11-26T00:30:00.000Z', 2]]);
    // The 25th's daily totals hold nothing: both HITs were submitted on the 26th.
    expect(f.total).toBeNull();
  });

  it('leaves a deleted task out of its requester’s figures and the rejection rates, as out of the totals', async () => {
    await worked('mturk', 'K', usd(100), [['2026-11-27T09:00Z', '2026-11-27T09:10Z']]);
    await worked('mturk', 'L', usd(50), [['2026-11-27T10:00Z', '2026-11-27T10:05Z']], 'submitted', 'Rejecter');
    // The worker marks L rejected, then deletes it: it leaves every figure (its row stays for the list's filter).
    const edited = (edits: NonNullable<TaskRecord['edits']>) => (r: TaskRecord | undefined) => ({ ...r!, edits: [...(r!.edits ?? []), ...edits] });
    const when = at('2026-11-27T12:00Z');
    await writer.serial(() => writer.update('mturk:L', edited([{ field: 'outcome', value: 'rejected', at: when }]), when));
    const rejected = await loadHistoryFigures({ from: '2026-11-27', to: '2026-11-27', grouping: 'day', firstDay: 1 }, deps('2026-11-27T14:00Z'));
    expect(rejected.requesters.map((r) => [r.requester, r.tasks, r.rejected])).toEqual([['Lab-id', 1, 0], ['Rejecter-id', 1, 1]]);
    expect([rejected.total!.decided, rejected.total!.rejected]).toEqual([1, 1]);
    await writer.serial(() => writer.update('mturk:L', edited([{ field: 'deleted', value: true, at: when + 1 }]), when + 1));
    const f = await loadHistoryFigures({ from: '2026-11-27', to: '2026-11-27', grouping: 'day', firstDay: 1 }, deps('2026-11-27T14:00Z'));
    expect(f.requesters.map((r) => [r.requester, r.tasks, r.rejected, r.figures.time.unpaidActiveMs])).toEqual([['Lab-id', 1, 0, 0]]);
    expect([f.total!.decided, f.total!.rejected, f.groups[0]!.rejected]).toEqual([0, 0, 0]);
    expect(f.total!.figures.time).toEqual({ paidActiveMs: 10 * MIN, unpaidActiveMs: 0, platformMs: 0, idleMs: 0 });
  });

  it('gives no approval delay to a deleted task, and a corrected task’s to the requester it was corrected to', async () => {
    // Three HITs submitted on the 20th (10 min each), approved on the 27th: a delay each, as recorded.
    for (const id of ['P', 'Q', 'R']) {
      await worked('mturk', id, usd(100), [['2026-11-20T09:00Z', '2026-11-20T09:10Z']], 'submitted', 'Wrong');
      const end = at('2026-11-20T09:10Z');
      await writer.serial(() => writer.update(`mturk:${id}`, (r) => ({ ...r!, observedAt: end }), end));
      const when = at('2026-11-27T10:00Z');
      await writer.serial(() => writer.update(`mturk:${id}`, (r) => ({ ...r!, status: 'approved', approvedAt: when, statusReadAt: when }), when));
    }
    const edited = (edit: NonNullable<TaskRecord['edits']>[number]) => (r: TaskRecord | undefined) => ({ ...r!, edits: [...(r!.edits ?? []), edit] });
    const when = at('2026-11-28T12:00Z');
    // P's page named the wrong requester; Q was recorded twice over and the worker deleted it.
    await writer.serial(() => writer.update('mturk:P', edited({ field: 'requester', value: { name: 'Right', id: 'Right-id' }, at: when }), when));
    await writer.serial(() => writer.update('mturk:Q', edited({ field: 'deleted', value: true, at: when }), when));
    const f = await loadHistoryFigures({ from: '2026-11-01', to: '2026-11-30', grouping: 'month', firstDay: 1 }, deps('2026-11-30T12:00Z'));
    expect(f.total!.delays.count).toBe(2);
    expect(f.groups.map((g) => g.delays.count)).toEqual([2]);
    expect(f.requesters.map((r) => [r.requester, r.tasks, r.delays.count])).toEqual([['Right-id', 1, 1], ['Wrong-id', 1, 1]]);
  });

  it('shows an open task’s time in progress only in a range that holds today', async () => {
    await worked('mturk', 'G', usd(100), [['2026-11-27T13:00Z', '']], 'open');
    const today = await loadHistoryFigures({ from: '2026-11-27', to: '2026-11-27', grouping: 'day', firstDay: 1 }, deps('2026-11-27T13:20Z'));
    expect(today.inProgressMs).toBe(20 * MIN);
    expect(today.sessions.map((s) => s.inProgressMs)).toEqual([20 * MIN]);
    const before = await loadHistoryFigures({ from: '2026-11-20', to: '2026-11-26', grouping: 'day', firstDay: 1 }, deps('2026-11-27T13:20Z'));
    expect(before.inProgressMs).toBe(0);
    expect(before.sessions).toEqual([]);
  });
});
