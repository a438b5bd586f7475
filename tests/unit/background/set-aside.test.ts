// A task record that no longer reads is set aside with everything derived from it: its day's totals and the
// open and pending indexes must then be what the remaining history gives.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { recompute } from '../../../lib/domain/summary';
import type { Stamp } from '../../../lib/domain/task-timer';
import { allAggregates, allDayEntries, allStretches, allTasks, clearHistory, dayEntries, getTasks, openTaskKeys } from '../../../lib/storage/history-db';
import { allBonuses, pendingItems } from '../../../lib/storage/ledger-db';
import { clearQuarantine, quarantineCount } from '../../../lib/storage/quarantine';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { plantStretch, plantTask, storedTask, storedStretchKeys } from '../storage/raw-records';

const NOON = Date.UTC(2026, 10, 2, 12, 0, 0);
const stamp = (wall: number): Stamp => ({ wall, mono: wall, origin: 0 });
const key = (id: string) => `mturk:${id}`;

describe('setting an invalid task aside', () => {
  let timeZone = 'UTC';
  let writer: TaskWriter;
  let n = 0;

  /** A task worked `activeMs` from `start`, then ended with `status` (or left open). */
  async function task(id: string, start: number, activeMs: number, status: TaskRecord['status'], extra: Partial<TaskRecord> = {}) {
    const end = start + activeMs;
    const events: TaskRecord['events'] = [
      { boot: 1, n: ++n, type: 'active', at: stamp(start) },
      { boot: 1, n: ++n, type: 'front', at: stamp(start) },
    ];
    const outcome = status === 'approved' || status === 'rejected' ? 'submitted' : status;
    if (outcome !== 'open') events.push({ boot: 1, n: ++n, type: 'outcome', outcome, at: stamp(end) });
    await writer.serial(() =>
      writer.update(key(id), () => ({
        v: 2, platform: 'mturk', taskId: id, title: id, requesterName: 'Lab', reward: { minor: 50, currency: 'USD' },
        firstSeenAt: start, updatedAt: start, status, external: false, events, activeMs: 0, idleMs: 0,
        ...(status === 'open' ? {} : { endedAt: end }), ...extra,
      }), end),
    );
  }

  /** Damages stored records in place, then lets a read meet them (the writer sets them aside in its queue). */
  async function damage(changes: Record<string, (record: Record<string, unknown>) => Record<string, unknown>>) {
    for (const [id, change] of Object.entries(changes)) {
      await plantTask(key(id), change((await storedTask(key(id)))!));
    }
    await getTasks(Object.keys(changes).map(key));
    await writer.serial(async () => {});
  }

  const open = async () => [...(await writer.open())].sort();
  const remainingOpen = async () => (await allTasks()).filter((t) => t.status === 'open').map((t) => key(t.taskId)).sort();

  beforeEach(async () => {
    await clearHistory();
    await clearQuarantine();
    timeZone = 'UTC';
    writer = new TaskWriter(() => timeZone);
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // "kept aside invalid …"
  });

  it('takes it out of its day, the open index and the pending index: what is left equals a recompute', async () => {
    await task('SUBMITTED', NOON, 60_000, 'submitted');
    await task('RETURNED', NOON + 3_600_000, 30_000, 'returned');
    await task('APPROVED', NOON - 86_400_000, 90_000, 'approved', { bonus: { minor: 25, currency: 'USD' }, approvedAt: NOON });
    await task('UNTIMED', NOON, 0, 'submitted', { untimed: true, day: '2026-11-01', events: [] });
    await task('KEPT', NOON + 60_000, 45_000, 'submitted');
    await task('OPEN', NOON + 7_200_000, 20_000, 'open');
    await task('STILL-OPEN', NOON + 7_200_000, 10_000, 'open');
    await writer.addStretch('mturk', stamp(NOON - 120_000), stamp(NOON), 120_000);
    expect((await pendingItems()).map((p) => p.key).sort()).toEqual(['SUBMITTED', 'UNTIMED', 'KEPT'].map(key).sort());
    const stretchIds = async () => (await allDayEntries()).map((e) => e.taskKey ?? `@${e.platform}`).sort();
    expect(await stretchIds()).toEqual(['@mturk', ...['APPROVED', 'KEPT', 'RETURNED', 'SUBMITTED'].map(key)]);

    await damage({
      SUBMITTED: (r) => ({ ...r, v: 99 }), // written by a newer Centime
      RETURNED: (r) => ({ ...r, title: 42 }),
      APPROVED: (r) => ({ ...r, events: [{ boot: 1, n: 1, type: 'lost', at: 'then' }] }),
      UNTIMED: (r) => ({ ...r, requesterName: null }),
      OPEN: (r) => ({ ...r, firstSeenAt: -1 }),
    });

    expect(await quarantineCount()).toBe(5);
    expect((await allTasks()).map((t) => t.taskId).sort()).toEqual(['KEPT', 'STILL-OPEN']);
    expect(await allAggregates()).toEqual(recompute(await allTasks(), await allStretches(), 'UTC', await allBonuses()));
    expect((await openTaskKeys()).sort()).toEqual(await remainingOpen());
    expect(await open()).toEqual(await remainingOpen());
    expect((await pendingItems()).map((p) => p.key)).toEqual([key('KEPT')]);
    // Their stretches leave the day index with them: found in the hours their events span, or, where the record
    // holds no time any more (APPROVED's), in every hour.
    expect(await stretchIds()).toEqual(['@mturk', key('KEPT')]);
  });

  it('takes it from the day it was counted under, whatever the time zone is now', async () => {
    await task('LATE', Date.UTC(2026, 10, 2, 22, 0, 0), 60_000, 'submitted'); // 2 November in UTC
    await task('KEPT', NOON, 45_000, 'submitted');
    timeZone = 'Pacific/Kiritimati'; // UTC+14: already 3 November there
    await damage({ LATE: (r) => ({ ...r, v: 99, countedDay: '2026-11-02' }) });
    expect(await allAggregates()).toEqual(recompute(await allTasks(), [], 'UTC'));
  });

  it('leaves the totals as they are when the record no longer says what it added, and never makes them negative', async () => {
    await task('GARBLED', NOON, 60_000, 'submitted');
    await task('NEVER-COUNTED', NOON, 30_000, 'open');
    const before = await allAggregates();
    await damage({
      GARBLED: (r) => ({ ...r, endedAt: 'a minute ago' }),
      // Says it was submitted with $5.00, which its day never held (it was open when last written).
      'NEVER-COUNTED': (r) => ({ ...r, v: 99, status: 'submitted', endedAt: NOON + 30_000, activeMs: 30_000, reward: { minor: 500, currency: 'USD' } }),
    });
    expect(await allTasks()).toEqual([]);
    expect(await allAggregates()).toEqual(before);
    expect(await pendingItems()).toEqual([]);
    expect(await openTaskKeys()).toEqual([]);
    expect(await open()).toEqual([]);
  });

  it('sets a platform-time stretch aside with its time', async () => {
    await writer.addStretch('mturk', stamp(NOON), stamp(NOON + 60_000), 60_000);
    await writer.addStretch('mturk', stamp(NOON + 120_000), stamp(NOON + 150_000), 30_000);
    const damaged = ['mturk', NOON, NOON];
    const [first] = await allStretches();
    await plantStretch(damaged, { ...first, end: 'later' });
    await allStretches();
    await writer.serial(async () => {});
    expect(await storedStretchKeys()).toEqual([['mturk', NOON + 120_000, NOON + 120_000]]);
    // Its day-index entry goes with it: the day's sessions no longer hold its time.
    expect((await dayEntries('2026-11-02', 'UTC')).map((e) => e.start)).toEqual([NOON + 120_000]);
    expect(await quarantineCount()).toBe(1);
    expect(await allAggregates()).toEqual(recompute([], await allStretches(), 'UTC'));
  });
});
