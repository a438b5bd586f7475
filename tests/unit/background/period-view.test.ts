import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { Money } from '../../../lib/domain/money';
import type { PeriodKind, Weekday } from '../../../lib/domain/periods';
import type { PeriodView } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory } from '../../../lib/storage/history-db';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from './fake-env';

// Today, this week and this month as the popup asks for them: the days' aggregates, the sessions from the per-day
// index, and the open tasks' time so far (DESIGN.md, "Work session"). The fake browser's now: Friday 27 November
// 2026, 14:00 UTC.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
const MIN = 60_000;
const usd = (minor: number) => ({ minor, currency: 'USD' });
const at = (iso: string) => Date.parse(iso);

describe('the period view', () => {
  let b: FakeBrowser;
  let route: Route;
  let writer: TaskWriter;
  let n = 0;
  const period = async (kind: PeriodKind, firstDay: Weekday = 1) =>
    ((await route({ type: 'ui-bg-get-period', payload: { kind, firstDay } }, popup)) as { data: PeriodView }).data;

  /** A task in front over each [from, to] (ISO instants, UTC), then submitted at the last end (or left open). */
  async function worked(platform: string, id: string, reward: Money, spans: [string, string][], status: 'submitted' | 'returned' | 'open' = 'submitted') {
    const events: TaskRecord['events'] = [];
    spans.forEach(([from, to], i) => {
      events.push({ boot: 1, n: ++n, type: 'front', at: { wall: at(from), mono: at(from), origin: 0 } });
      const last = i === spans.length - 1;
      if (last && status === 'open') return;
      const stamp = { wall: at(to), mono: at(to), origin: 0 };
      events.push(last ? { boot: 1, n: ++n, type: 'outcome', outcome: status === 'open' ? 'submitted' : status, at: stamp } : { boot: 1, n: ++n, type: 'not-front', at: stamp });
    });
    const end = at(spans[spans.length - 1]![1]);
    const record: TaskRecord = {
      v: 2, platform, taskId: id, title: `Task ${id}`, requesterName: 'Lab', reward, firstSeenAt: at(spans[0]![0]), updatedAt: end,
      status, external: platform === 'prolific', activeMs: 0, idleMs: 0, events, ...(status === 'open' ? {} : { endedAt: end }),
    };
    await writer.serial(() => writer.update(`${platform}:${id}`, () => record, end));
  }

  beforeEach(async () => {
    await clearHistory();
    await saveSettings(DEFAULT_SETTINGS);
    b = new FakeBrowser();
    writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(b.env(), writer, platforms);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  });

  it('shows a day of two sessions across MTurk and Prolific whose parts add up to the day', async () => {
    await worked('mturk', 'A', usd(100), [['2026-11-27T09:00Z', '2026-11-27T09:10Z']]);
    await writer.addStretch('mturk', { wall: at('2026-11-27T09:12Z'), mono: at('2026-11-27T09:12Z'), origin: 0 }, { wall: at('2026-11-27T09:15Z'), mono: at('2026-11-27T09:15Z'), origin: 0 }, 3 * MIN);
    await worked('prolific', 'B', usd(300), [['2026-11-27T09:20Z', '2026-11-27T09:40Z']]);
    await worked('mturk', 'C', usd(50), [['2026-11-27T11:00Z', '2026-11-27T11:05Z']], 'returned');
    const day = await period('day');
    expect(day).toMatchObject({ kind: 'day', from: '2026-11-27', to: '2026-11-27', tasksDone: 3, inProgressMs: 0, crossesMidnight: false });
    expect(day.sessions.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString(), s.platforms, s.tasksDone])).toEqual([
      ['2026-11-27T09:00:00.000Z', '2026-11-27T09:40:00.000Z', ['mturk', 'prolific'], 2],
      ['2026-11-27T11:00:00.000Z', '2026-11-27T11:05:00.000Z', ['mturk'], 1],
    ]);
    expect(day.figures!.time).toEqual({ paidActiveMs: 30 * MIN, unpaidActiveMs: 5 * MIN, platformMs: 3 * MIN, idleMs: 0 });
    expect(day.sessions[0]!.figures.time).toEqual({ paidActiveMs: 30 * MIN, unpaidActiveMs: 0, platformMs: 3 * MIN, idleMs: 0 });
    expect(day.sessions[1]!.figures.time).toEqual({ paidActiveMs: 0, unpaidActiveMs: 5 * MIN, platformMs: 0, idleMs: 0 });
    // $4.00 over 30 min of tasks: $8.00/h effective; over 33 min of work: $7.27/h true.
    expect(day.sessions[0]!.figures.effective).toEqual([usd(800)]);
    expect(day.sessions[0]!.figures.trueRate).toEqual({ rate: usd(727), converted: false });
    expect(day.figures!.earnings).toEqual([usd(400)]);
  });

  it('counts an open task in progress, today, in the period and in its session', async () => {
    await worked('mturk', 'D', usd(20), [['2026-11-27T13:50Z', '2026-11-27T14:00Z']], 'open');
    const day = await period('day');
    expect(day.inProgressMs).toBe(10 * MIN);
    expect(day.sessions).toHaveLength(1);
    expect(day.sessions[0]!.inProgressMs).toBe(10 * MIN);
    expect(day.sessions[0]!.tasks[0]).toMatchObject({ key: 'mturk:D', status: 'open', activeMs: 10 * MIN, rate: usd(120) });
    expect(day.crossesMidnight).toBe(false);
    // A day later, still open: its stretch under way began yesterday, so today has no session of it.
    b.advance(24 * 60 * MIN);
    const tomorrow = await period('day');
    expect(tomorrow.sessions).toEqual([]);
  });

  it('sums its days in the week, starting on the first day the page gives', async () => {
    await worked('mturk', 'E', usd(100), [['2026-11-23T10:00Z', '2026-11-23T10:30Z']]); // Monday
    await worked('mturk', 'F', usd(200), [['2026-11-27T10:00Z', '2026-11-27T10:20Z']]); // Friday
    await worked('mturk', 'G', usd(500), [['2026-11-22T10:00Z', '2026-11-22T10:30Z']]); // Sunday before
    const monday = await period('week', 1);
    expect([monday.from, monday.to]).toEqual(['2026-11-23', '2026-11-29']);
    expect(monday.days.map((d) => [d.day, d.figures.earnings])).toEqual([['2026-11-23', [usd(100)]], ['2026-11-27', [usd(200)]]]);
    expect(monday.figures!.earnings).toEqual([usd(300)]);
    expect(monday.figures!.time.paidActiveMs).toBe(50 * MIN);
    expect(monday.tasksDone).toBe(2);
    expect(monday.sessions).toHaveLength(2);
    const sunday = await period('week', 7);
    expect([sunday.from, sunday.to]).toEqual(['2026-11-22', '2026-11-28']);
    expect(sunday.figures!.earnings).toEqual([usd(800)]);
    const month = await period('month');
    expect([month.from, month.to, month.tasksDone]).toEqual(['2026-11-01', '2026-11-30', 3]);
  });

  it('says so when work crossed midnight: the session is on the day it starts, the task on the day it was submitted', async () => {
    await worked('mturk', 'H', usd(100), [['2026-11-26T23:50Z', '2026-11-26T23:58Z'], ['2026-11-27T00:05Z', '2026-11-27T00:10Z']]);
    const today = await period('day');
    // The task (13 min) is counted today; its session started yesterday.
    expect(today.figures!.time.paidActiveMs).toBe(13 * MIN);
    expect(today.sessions).toEqual([]);
    expect(today.crossesMidnight).toBe(true);
    const week = await period('week', 1);
    expect(week.sessions).toHaveLength(1);
    expect(week.sessions[0]!.figures.time.paidActiveMs).toBe(13 * MIN);
    expect(week.crossesMidnight).toBe(false);
  });

  it('counts the platform page worked on now in the period, its day and its session alike', async () => {
    await period('day'); // the tracker has started
    b.front = { task: null, platform: 'mturk', platformSince: b.stamp(), idle: false };
    b.advance(10 * MIN);
    for (const kind of ['day', 'week'] as const) {
      const view = await period(kind);
      expect(view.figures!.time.platformMs).toBe(10 * MIN);
      expect(view.days.map((d) => [d.day, d.figures.time.platformMs])).toEqual([['2026-11-27', 10 * MIN]]);
      expect(view.sessions.map((s) => s.figures.time.platformMs)).toEqual([10 * MIN]);
      expect(view.crossesMidnight).toBe(false);
    }
  });

  it('finds a session begun long before the period whole: it belongs to the day it started', async () => {
    // A task left in front from Wednesday evening to Friday morning, then ten minutes on the MTurk list: one session.
    await worked('mturk', 'K', usd(100), [['2026-11-25T20:00Z', '2026-11-27T09:00Z']]);
    const s = (iso: string) => ({ wall: at(iso), mono: at(iso), origin: 0 });
    await writer.addStretch('mturk', s('2026-11-27T09:00Z'), s('2026-11-27T09:10Z'), 10 * MIN);
    const today = await period('day');
    expect(today.sessions).toEqual([]);
    expect(today.crossesMidnight).toBe(true);
    const week = await period('week', 1);
    expect(week.sessions.map((x) => [new Date(x.start).toISOString(), new Date(x.end).toISOString(), x.figures.time.platformMs])).toEqual([
      ['2026-11-25T20:00:00.000Z', '2026-11-27T09:10:00.000Z', 10 * MIN],
    ]);
  });

  it('uses the gap the worker set', async () => {
    await worked('mturk', 'I', usd(100), [['2026-11-27T09:00Z', '2026-11-27T09:10Z']]);
    await worked('mturk', 'J', usd(100), [['2026-11-27T09:30Z', '2026-11-27T09:40Z']]);
    expect((await period('day')).sessions).toHaveLength(2);
    await saveSettings({ ...DEFAULT_SETTINGS, sessionGapMin: 30 });
    expect((await period('day')).sessions).toHaveLength(1);
  });
});
