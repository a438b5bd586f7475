import { set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { localDay, recompute } from '../../../lib/domain/summary';
import { localDate } from '../../../lib/platforms/prolific-sync';
import { platforms } from '../../../lib/platforms/registry';
import { allAggregates, allStretches, allTasks, clearHistory, db, getTaskByKey } from '../../../lib/storage/history-db';
import { allBonuses } from '../../../lib/storage/ledger-db';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { FakeBrowser } from './fake-env';

// The day a record belongs to (DESIGN.md, "Rates"): each record keeps the day it was counted under, so a change
// of time zone never moves or corrupts a past day; an expired task belongs to its deadline's day.
const GROUP = '3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0';
const usd = (minor: number) => ({ minor, currency: 'USD' });

describe('the day a task is counted under', () => {
  let b: FakeBrowser;
  let tz: string;
  let writer: TaskWriter;
  let tracker: Tracker;

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    tz = 'Europe/Paris';
    writer = new TaskWriter(() => tz);
    tracker = new Tracker(b.env(), writer, platforms);
  });

  async function work(id: string, ms: number, extra: Partial<TaskRecord> = {}) {
    const url = `https://worker.mturk.com/projects/${GROUP}/tasks/H${id}?assignment_id=${id}`;
    b.tabs = [{ id: 1, windowId: 1, url, active: true }];
    await tracker.taskSeen({ platform: 'mturk', taskId: id, title: 'Label', requesterName: 'Lab', reward: usd(50), ...extra }, b.wall, 1);
    b.advance(ms);
    b.tabs = [];
    await tracker.reevaluate();
  }

  const matchesRecompute = async () =>
    expect(await allAggregates()).toEqual(recompute(await allTasks(), await allStretches(), tz, await allBonuses()));

  it('keeps a task on its day when the time zone changes before its approval: no negative totals', async () => {
    // 23:30 in Paris on 27 November: already 28 November in Tokyo.
    b.wall = Date.UTC(2026, 10, 27, 22, 0, 0);
    await work('A1', 30 * 60_000);
    await tracker.outcome('mturk:A1', 'submitted');
    expect(await getTaskByKey('mturk:A1')).toMatchObject({ countedDay: '2026-11-27' });
    tz = 'Asia/Tokyo';
    b.advance(3_600_000);
    await writer.update('mturk:A1', (old) => (old ? { ...old, status: 'approved', approvedAt: b.wall } : null), b.wall);
    const aggregates = await allAggregates();
    expect(Object.keys(aggregates)).toEqual(['2026-11-27|mturk']);
    expect(aggregates['2026-11-27|mturk']).toMatchObject({ paidActiveMs: 30 * 60_000, approved: { USD: 50 }, pending: {} });
    await matchesRecompute();
  });

  it('counts an expired task on the day of its deadline, even when the expiry is seen the next morning', async () => {
    b.wall = Date.UTC(2026, 10, 27, 21, 0, 0); // 22:00 in Paris
    const deadline = b.wall + 110 * 60_000; // 23:50 in Paris
    await work('A2', 10 * 60_000, { acceptedAt: b.wall, timeAllottedSec: 110 * 60 });
    expect(await getTaskByKey('mturk:A2')).toMatchObject({ deadline });
    // The browser was closed over midnight: the alarm fires at start-up, at 08:00.
    b.wall = Date.UTC(2026, 10, 28, 7, 0, 0);
    await tracker.outcome('mturk:A2', 'expired');
    expect(await getTaskByKey('mturk:A2')).toMatchObject({ status: 'expired', countedDay: '2026-11-27' });
    expect((await allAggregates())['2026-11-27|mturk']).toMatchObject({ unpaidActiveMs: 10 * 60_000 });
    await matchesRecompute();
  });

  it('stamps history written before the day was kept, with the day its totals already hold', async () => {
    b.wall = Date.UTC(2026, 10, 27, 22, 0, 0);
    await work('A3', 60_000);
    await tracker.outcome('mturk:A3', 'submitted');
    const aggregatesBefore = await allAggregates();
    // As an older version stored it: no counted day, no "known pending" time.
    const { countedDay: _day, observedAt: _seen, ...legacy } = (await getTaskByKey('mturk:A3'))!;
    await clearHistory();
    await set('task:mturk:A3', legacy, db());
    await writer.upgradeHistory();
    expect(await getTaskByKey('mturk:A3')).toMatchObject({ countedDay: '2026-11-27', observedAt: legacy.endedAt });
    expect(await allAggregates()).toEqual(aggregatesBefore);
    // Stamped once: a time-zone change afterwards moves nothing.
    tz = 'Asia/Tokyo';
    await writer.update('mturk:A3', (old) => (old ? { ...old, status: 'rejected' } : null), b.wall);
    expect(Object.keys(await allAggregates())).toEqual(['2026-11-27|mturk']);
    await matchesRecompute();
  });
});

describe("Prolific's today", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it("is the worker's local day, not UTC's", () => {
    process.env.TZ = 'America/Los_Angeles';
    const evening = new Date(Date.UTC(2026, 10, 28, 5, 30)); // 21:30 on 27 November in California
    expect(localDate(evening)).toBe('2026-11-27');
    expect(localDate(evening)).toBe(localDay(evening.getTime(), 'America/Los_Angeles'));
    expect(evening.toISOString().slice(0, 10)).toBe('2026-11-28');
  });
});
