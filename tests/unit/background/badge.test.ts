// The toolbar badge between the tracker's beats: a countdown that ticks without reading the history each second.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BadgeClock, type BadgeTimers } from '../../../lib/background/badge-clock';
import { BADGE_COLOURS, updateBadge } from '../../../lib/background/live';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { badgeFace } from '../../../lib/domain/badge-face';
import type { LiveState, LiveView } from '../../../lib/domain/live';
import { setTranslator } from '../../../lib/i18n';
import { platforms } from '../../../lib/platforms/registry';
import * as historyDb from '../../../lib/storage/history-db';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser } from './fake-env';

/** Timers driven by hand: `advance` runs what falls due, in order, letting each draw finish. */
class HandTimers implements BadgeTimers {
  at = 0;
  private due: { when: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  now = () => this.at;
  set = (fn: () => void, ms: number) => {
    this.due.push({ when: this.at + ms, fn, id: ++this.ids });
    return this.ids;
  };
  clear = (id: unknown) => {
    this.due = this.due.filter((d) => d.id !== id);
  };
  get pending(): number {
    return this.due.length;
  }
  async advance(ms: number): Promise<void> {
    const end = this.at + ms;
    for (;;) {
      await settle();
      const next = this.due.sort((a, b) => a.when - b.when)[0];
      if (!next || next.when > end) break;
      this.due.shift();
      this.at = next.when;
      next.fn();
    }
    this.at = end;
    await settle();
  }
}
/** The browser answers a badge colour as [r, g, b, a]. */
const rgba = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).concat(255);
const settle = () => new Promise((r) => setTimeout(r, 5));

const usd = (minor: number) => ({ minor, currency: 'USD' });
const view = (reward: number, over: Partial<LiveView> = {}): LiveView => ({
  activeMs: 0, idleMs: 0, running: true, reward: usd(reward), rate: null, minimum: usd(725), target: usd(1000), band: 'good', leftMs: null, ...over,
});

describe('the badge clock', () => {
  let timers: HandTimers;
  let clock: BadgeClock;
  let drawn: { at: number; text: string; tone: string; tick: boolean; task: string }[];
  const draw = (task: string) => async (state: LiveState, tick: boolean) => {
    drawn.push({ at: timers.at, ...badgeFace(state, 2), tick, task });
  };
  beforeEach(() => {
    timers = new HandTimers();
    clock = new BadgeClock(timers);
    drawn = [];
  });

  it('ticks each second near the end, turns red at the crossing, then stops', async () => {
    // $0.01 at $7.25/h: 4,968.9 ms left; "5s" until 4.5 s are left, then each second; amber under $10.00/h at
    // 3,601.8 ms; under the minimum at 4,968.9 ms (each a few ms past, rounded up to the ms).
    await clock.follow(clock.claim(), view(1), draw('a'));
    await timers.advance(10_000);
    expect(drawn.map(({ at, text, tone }) => [at, text, tone])).toEqual([
      [0, '5s', 'good'],
      [474, '4s', 'good'],
      [1474, '3s', 'good'],
      [2474, '2s', 'good'],
      [3474, '1s', 'good'],
      [3607, '1s', 'between'],
      [4974, '7.24', 'under'],
    ]);
    expect(drawn.slice(1).every((d) => d.tick)).toBe(true);
    // Under the minimum the heartbeat redraws the rate: nothing is left scheduled.
    expect(timers.pending).toBe(0);
  });

  it('ticks each minute while more than a minute is left', async () => {
    // $12.00: 5,962,732.9 ms left, "1h39" for 52.7 s more, then "1h38" each minute.
    await clock.follow(clock.claim(), view(1200), draw('a'));
    await timers.advance(3 * 60_000);
    expect(drawn.map(({ at, text }) => [at, text])).toEqual([
      [0, '1h39'],
      [52_738, '1h38'],
      [112_738, '1h37'],
      [172_738, '1h36'],
    ]);
    expect(timers.pending).toBe(1);
  });

  it('schedules nothing while nothing runs', async () => {
    await clock.follow(clock.claim(), view(1, { running: false }), draw('a'));
    await timers.advance(60_000);
    expect(drawn.map((d) => d.text)).toEqual(['5s']);
    expect(timers.pending).toBe(0);
  });

  it('follows the task of the latest beat only', async () => {
    await clock.follow(clock.claim(), view(1), draw('a'));
    await timers.advance(1000);
    // A new beat: another task in front. The first one's schedule goes with it.
    await clock.follow(clock.claim(), view(1200), draw('b'));
    await timers.advance(10_000);
    expect(drawn.map((d) => [d.task, d.text])).toEqual([
      ['a', '5s'],
      ['a', '4s'],
      ['b', '1h39'],
    ]);
    // A read that began before the latest beat and ends after it draws nothing, and schedules nothing.
    const stale = clock.claim();
    await clock.follow(clock.claim(), view(1200), draw('b'));
    await clock.follow(stale, view(1), draw('a'));
    await clock.paint(stale, () => draw('a')({ activeMs: 0, rate: null, band: 'good', leftMs: 0, showRate: false }, false));
    expect(drawn.map((d) => d.task)).toEqual(['a', 'a', 'b', 'b']);
    expect(timers.pending).toBe(1);
  });

  it('stops when a beat finds nothing in front', async () => {
    await clock.follow(clock.claim(), view(1200), draw('a'));
    await clock.paint(clock.claim(), async () => {});
    expect(timers.pending).toBe(0);
  });
});

describe('the toolbar badge of the task in front', () => {
  const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
  const url = (id: string) => side.url.replace(side.expected.taskId, id);
  const cheap = { ...side.expected }; // $0.50
  const rich = { ...side.expected, taskId: `${side.expected.taskId.slice(0, -1)}R`, reward: usd(1200) };
  let b: FakeBrowser;
  let timers: HandTimers;
  let tracker: Tracker;
  const badge = async () => ({
    text: await fakeBrowser.action.getBadgeText({}),
    color: await fakeBrowser.action.getBadgeBackgroundColor({}),
    title: await fakeBrowser.action.getTitle({}),
  });

  beforeEach(async () => {
    await historyDb.clearHistory();
    setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key));
    b = new FakeBrowser();
    timers = new HandTimers();
    const clock = new BadgeClock(timers);
    tracker = new Tracker(b.env(), new TaskWriter(() => 'UTC'), platforms, (front, fallback, paused) => void updateBadge(tracker, front, fallback, clock, paused));
    b.tabs = [
      { id: 1, windowId: 1, url: url(cheap.taskId), active: true },
      { id: 2, windowId: 1, url: url(rich.taskId), active: false },
    ];
    await tracker.taskSeen(cheap, b.wall, 1);
    await tracker.taskSeen(rich, b.wall, 2);
  });
  afterEach(() => {
    setTranslator();
    vi.restoreAllMocks();
  });

  it('counts down, in words in its title, reads the history only on beats, and notifies once at the crossing', async () => {
    b.advance(180_000);
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    b.beat();
    // $0.50 after 3 min pays $10.00/h, the target: 248,447.2 − 180,000 ms = 68.4 s left, "1m".
    await vi.waitFor(async () => expect((await badge()).text).toBe('1m'));
    expect(await badge()).toEqual({ text: '1m', color: rgba(BADGE_COLOURS.good), title: 'badgeLeftTitle(1m|$7.25)' });
    const reads = vi.spyOn(historyDb, 'getTaskByKey');
    // "1m" down to 59.5 s left (8.95 s more), then each second.
    await timers.advance(8_953);
    expect((await badge()).text).toBe('59s');
    await timers.advance(1_000);
    expect(await badge()).toMatchObject({ text: '58s', color: rgba(BADGE_COLOURS.between) });
    await timers.advance(60_000);
    // Under: the rate, red, its title in words, and the notification, all from the clock alone.
    expect(await badge()).toEqual({ text: '7.24', color: rgba(BADGE_COLOURS.under), title: 'badgeUnderTitle($7.24|$7.25)' });
    expect(reads).not.toHaveBeenCalled();
    expect(create.mock.calls.map(([id]) => id)).toEqual([`under:mturk:${cheap.taskId}`]);
    // The page's title, set apart: a direction override in it cannot turn the rate that follows round.
    expect(((create.mock.calls[0] as unknown[])[1] as { message: string }).message).toContain(`\u2068${cheap.title}\u2069`);
    // The next beat reads it again (and notifies no more).
    b.beat();
    await vi.waitFor(() => expect(reads).toHaveBeenCalledOnce());
    await timers.advance(10);
    expect(create).toHaveBeenCalledOnce();
  });

  it('sets only what changed: a beat that shows the same sends the browser nothing', async () => {
    b.advance(20_000);
    b.beat();
    await vi.waitFor(async () => expect((await badge()).text).toBe('4m'));
    const calls = (['setBadgeText', 'setBadgeBackgroundColor', 'setTitle'] as const).map((name) => vi.spyOn(fakeBrowser.action, name));
    // Four more beats while it still shows "4m" (228 s left, then 220 s), and a decision that changes nothing.
    for (let i = 0; i < 4; i++) {
      b.advance(2_000);
      b.beat();
      await timers.advance(10);
    }
    await tracker.reevaluate();
    await timers.advance(10);
    for (const call of calls) expect(call).not.toHaveBeenCalled();
    // The minute turns: the text and its title, not the colour.
    b.advance(60_000);
    b.beat();
    await vi.waitFor(async () => expect((await badge()).text).toBe('3m'));
    expect(calls.map((call) => call.mock.calls.length)).toEqual([1, 0, 1]);
    expect(await badge()).toEqual({ text: '3m', color: rgba(BADGE_COLOURS.good), title: 'badgeLeftTitle(3m|$7.25)' });
  });

  it('colours a badge that appears before its text shows (Firefox shows text alone in its default red)', async () => {
    // Paused (grey), then resumed with no task in front: no badge, its colour still grey.
    b.tabs = b.tabs.map((t) => ({ ...t, active: false }));
    await tracker.setPaused(true);
    await vi.waitFor(async () => expect((await badge()).color).toEqual(rgba(BADGE_COLOURS.neutral)));
    await tracker.setPaused(false);
    await vi.waitFor(async () => expect((await badge()).text).toBe(''));
    // The browser answers the colour a moment late, as a busy one does: the text must wait for it.
    const order: string[] = [];
    const { setBadgeBackgroundColor, setBadgeText } = fakeBrowser.action;
    vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockImplementation(async (details) => {
      await new Promise((r) => setTimeout(r, 5));
      await setBadgeBackgroundColor.call(fakeBrowser.action, details);
      order.push(`colour ${String(details.color)}`);
    });
    vi.spyOn(fakeBrowser.action, 'setBadgeText').mockImplementation(async (details) => {
      order.push(`text ${details.text}`);
      await setBadgeText.call(fakeBrowser.action, details);
    });
    b.tabs = b.tabs.map((t) => ({ ...t, active: t.id === 2 }));
    await tracker.reevaluate();
    await vi.waitFor(async () => expect((await badge()).text).toBe('1h39'));
    expect(order).toEqual([`colour ${BADGE_COLOURS.good}`, 'text 1h39']);
  });

  it('with no minimum for the currency, says so in grey, then shows the rate after a minute', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, minRates: { GBP: 600 }, targetRates: {} });
    b.advance(20_000);
    b.beat();
    await vi.waitFor(async () => expect((await badge()).text).toBe('…'));
    expect(await badge()).toEqual({ text: '…', color: rgba(BADGE_COLOURS.neutral), title: 'badgeWaitTitle(USD)' });
    // At a minute of active time, by the clock: $0.50 in 60 s is $30.00/h.
    await timers.advance(40_005);
    expect(await badge()).toEqual({ text: '30.0', color: rgba(BADGE_COLOURS.neutral), title: 'badgeNoMinimumTitle($30.00|USD)' });
    expect(timers.pending).toBe(0);
  });

  it('says in its title that a minimum converted from the display currency is converted, and at what rate', async () => {
    const rate = { from: 'GBP', to: 'USD', rate: 1.25 };
    await saveSettings({ ...DEFAULT_SETTINGS, displayCurrency: 'GBP', minRates: { GBP: 600 }, targetRates: { GBP: 900 }, exchangeRates: [rate] });
    b.advance(95_000);
    b.beat();
    // $0.50 at £6.00 × 1.25 = $7.50/h: 240 s at most (239.84 to the rounded rate's edge), 145 s left: "2m".
    await vi.waitFor(async () => expect((await badge()).text).toBe('2m'));
    expect((await badge()).title).toBe('badgeLeftTitle(2m|$7.50) (convertedAt(1 GBP = 1.25 USD))');
  });

  it('follows the task in front as soon as the tabs change', async () => {
    await tracker.reevaluate();
    await vi.waitFor(async () => expect((await badge()).text).toBe('4m'));
    // The $12 HIT comes to the front: its badge, at once (the decision beats).
    b.tabs = b.tabs.map((t) => ({ ...t, active: t.id === 2 }));
    await tracker.reevaluate();
    await vi.waitFor(async () => expect((await badge()).text).toBe('1h39'));
    expect((await badge()).title).toBe('badgeLeftTitle(1h39|$7.25)');
    // Nothing in front: no badge, and no clock left ticking.
    b.tabs = b.tabs.map((t) => ({ ...t, active: false }));
    await tracker.reevaluate();
    await vi.waitFor(async () => expect((await badge()).text).toBe(''));
    expect(timers.pending).toBe(0);
  });

  it('says tracking is paused, in grey with its title, schedules nothing while paused, and counts again on resume', async () => {
    b.advance(20_000);
    b.beat();
    await vi.waitFor(async () => expect((await badge()).text).toBe('4m'));
    await vi.waitFor(() => expect(timers.pending).toBe(1));
    await tracker.setPaused(true);
    await vi.waitFor(async () => expect((await badge()).text).toBe('badgePaused'));
    expect(await badge()).toEqual({ text: 'badgePaused', color: rgba(BADGE_COLOURS.neutral), title: 'badgePausedTitle' });
    expect(timers.pending).toBe(0);
    await timers.advance(600_000);
    expect((await badge()).text).toBe('badgePaused');
    await tracker.setPaused(false);
    await vi.waitFor(async () => expect((await badge()).text).toBe('4m'));
    await vi.waitFor(() => expect(timers.pending).toBe(1));
  });
});
