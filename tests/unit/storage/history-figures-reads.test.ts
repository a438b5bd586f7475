// Issue 16, item 2 (and 5: pages read, never write): the history's figures of a range read the same records
// whatever the length of the history before it, and write nothing. Two generated histories share their recent
// weeks record for record (tests/seed: a fixed density, the number of tasks only sets how far back they go); the
// storage meter (tests/support/storage-meter.ts) counts every record IndexedDB hands back.
import { beforeEach, describe, expect, it } from 'vitest';
import { commit, put } from '../../../lib/storage/database';
import { clearHistory } from '../../../lib/storage/history-db';
import { allApprovals } from '../../../lib/storage/ledger-db';
import { loadHistoryFigures, type HistoryFigures } from '../../../lib/storage/history-figures-load';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';
import { dayEntryKey, type DayEntry } from '../../../lib/storage/task-store';
import { seedFake } from '../../seed/seed-fake';
import { startMeter } from '../../support/storage-meter';

const NOW = Date.UTC(2026, 10, 27, 14);
const ymd = (day: string) => day.split('-').map((n, i) => Number(n) - (i === 1 ? 1 : 0)) as [number, number, number];

async function figuresReads(tasks: number, from: string, to: string) {
  await clearHistory();
  await seedFake({ tasks, now: NOW, timeZone: 'UTC' });
  const meter = startMeter();
  let figures: HistoryFigures;
  try {
    figures = await loadHistoryFigures(
      { from, to, grouping: 'week', firstDay: 1 },
      { now: { wall: NOW, mono: NOW, origin: 0 }, today: '2026-11-27', timeZone: 'UTC', settings: DEFAULT_SETTINGS },
    );
  } finally {
    meter.stop();
  }
  const report = meter.report();
  // The rows of the tasks whose approval delays the range holds are read too (a deleted task's is in none).
  const [start, end] = [Date.UTC(...ymd(from)), Date.UTC(...ymd(to)) + 86_400_000];
  const approved = new Set((await allApprovals()).flatMap((a) => (a.at >= start && a.at < end && a.task && a.submittedAt !== undefined ? [a.task] : []))).size;
  return { reads: Object.fromEntries(Object.entries(report.idb).map(([store, t]) => [store, t.reads])), report, figures, approved };
}

describe('the history’s figures read the range, not the history', () => {
  beforeEach(() => clearHistory());

  it('a past week and the last twelve days: the same reads with 1,500 and 3,000 tasks, and no write', { timeout: 300_000 }, async () => {
    for (const [from, to] of [['2026-11-09', '2026-11-15'], ['2026-11-16', '2026-11-27']] as const) {
      const small = await figuresReads(1_500, from, to);
      const large = await figuresReads(3_000, from, to);
      // Something was read and shown: the check is not of an empty range.
      expect(small.figures.total).not.toBeNull();
      expect(small.figures.sessions.length).toBeGreaterThan(0);
      // The approvals dated in the range differ (a longer history has older tasks approved in it): each read
      // is one of those, or the one key per platform that the skip from platform to platform reads; so do the
      // rows of their tasks.
      const { approvals: a, ...others } = large.reads;
      const { approvals: _a, ...smallOthers } = small.reads;
      expect({ ...others, rows: others.rows! - large.approved }).toEqual({ ...smallOthers, rows: smallOthers.rows! - small.approved });
      const stored = await allApprovals();
      const [start, end] = [Date.UTC(...ymd(from)), Date.UTC(...ymd(to)) + 86_400_000];
      expect(a).toBe(stored.filter((x) => x.at >= start && x.at < end).length + new Set(stored.map((x) => x.platform)).size);
      expect(large.figures.groups.map((g) => g.figures)).toEqual(small.figures.groups.map((g) => g.figures));
      expect(large.figures.sessions).toEqual(small.figures.sessions);
      expect([large.report.totals.writes, large.report.totals.deletes]).toEqual([0, 0]);
    }
  });

  it('reads a year of a busy worker: more stretches than a call takes as arguments', { timeout: 300_000 }, async () => {
    // 160,000 minutes on MTurk's pages, one every two minutes from New Year's Day: one session of the whole of it.
    // `Math.min(...starts)` over them threw "Maximum call stack size exceeded": the year showed no figures at all.
    const start = Date.UTC(2026, 0, 1);
    const entries: DayEntry[] = Array.from({ length: 160_000 }, (_, i) => ({ start: start + i * 120_000, end: start + i * 120_000 + 60_000, platform: 'mturk' }));
    await commit(entries.map((e) => put('dayIndex', dayEntryKey(e), e)));
    const figures = await loadHistoryFigures(
      { from: '2026-01-01', to: '2026-12-31', grouping: 'month', firstDay: 1 },
      { now: { wall: NOW, mono: NOW, origin: 0 }, today: '2026-11-27', timeZone: 'UTC', settings: DEFAULT_SETTINGS },
    );
    expect(figures.sessions.map((s) => [s.start, s.end, s.figures.time.platformMs])).toEqual([[start, start + 159_999 * 120_000 + 60_000, 160_000 * 60_000]]);
  });
});
