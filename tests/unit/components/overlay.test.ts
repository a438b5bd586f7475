// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LiveView } from '../../../lib/domain/live';
import { setTranslator } from '../../../lib/i18n';
import { Overlay } from '../../../lib/runtime/overlay';
import type { OverlayLive, OverlayPlace } from '../../../lib/runtime/overlay-message';
import { moneyPattern } from '../../../lib/domain/money-pattern';
import { overlayWords } from '../../../lib/background/overlay-view';
import { timeLeftMs } from '../../../lib/domain/time-left';

/** The background's view; its time left follows from its reward, minimum and active time unless given. */
const view = (over: Partial<LiveView>): LiveView => {
  const v: LiveView = {
    activeMs: 60_000,
    idleMs: 0,
    running: true,
    reward: { minor: 1, currency: 'USD' },
    rate: { minor: 60, currency: 'USD' },
    minimum: { minor: 725, currency: 'USD' },
    target: { minor: 1000, currency: 'USD' },
    band: 'under',
    leftMs: null,
    ...over,
  };
  return 'leftMs' in over ? v : { ...v, leftMs: timeLeftMs(v.reward, v.minimum, v.activeMs) };
};

const AT = 1_000_000;
/** What the background sends: the view at `AT`, its words and amounts written there. */
const live = (over: Partial<LiveView> = {}, place: Partial<OverlayPlace> = {}): OverlayLive => ({
  view: view(over),
  at: AT,
  words: overlayWords(view(over), 'en-US'),
  pattern: moneyPattern(view(over).reward?.currency ?? 'USD', 'en-US'),
  place: { x: 16, y: 16, collapsed: false, ...place },
});
const usd = (minor: number) => ({ minor, currency: 'USD' });
/** A $12.00 HIT as it starts: 5,962,732.9 ms at or above $7.25/h (12 × 3,600,000 ÷ 7.245). */
const rich = { reward: usd(1200), activeMs: 0, rate: null, band: 'good' as const };

/** The overlay's shadow root is closed to the page; tests reach its box through the instance. */
const boxOf = (o: Overlay) => (o as unknown as { box: HTMLDivElement }).box;
const text = (o: Overlay, cls: string) => boxOf(o).querySelector(`.${cls}`)!.textContent;

describe('overlay', () => {
  let overlay: Overlay;
  beforeEach(() => {
    setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key));
    overlay = new Overlay();
  });
  afterEach(() => {
    overlay.unmount();
    setTranslator();
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('marks a minimum converted from the display currency, with the rate on hover', () => {
    const eur = (minor: number) => ({ minor, currency: 'EUR' });
    const rate = { from: 'USD', to: 'EUR', rate: 0.9 };
    overlay.show(live({ reward: eur(1200), rate: null, band: 'good', activeMs: 0, minimum: eur(653), target: eur(900), converted: [rate] }));
    const mark = boxOf(overlay).querySelector('.converted') as HTMLElement;
    expect(mark.textContent).toBe('trueRateConverted');
    expect(mark.title).toBe('convertedAt(1 USD = 0.9 EUR)');
    overlay.show(live());
    expect(boxOf(overlay).querySelector('.converted')!.textContent).toBe('');
  });

  it('takes the place of an overlay an older copy left in the page (cut off by an update, it cannot remove it)', () => {
    const left = new Overlay();
    left.show(live());
    overlay.show(live());
    expect(document.querySelectorAll('centime-overlay')).toHaveLength(1);
    overlay.unmount();
    expect(document.querySelectorAll('centime-overlay')).toHaveLength(0);
    left.unmount();
  });

  it('warns in words and colour under the minimum', () => {
    overlay.show(live());
    expect(boxOf(overlay).className).toBe('box under');
    expect(text(overlay, 'status')).toBe('overlayUnder($7.25)');
    // The rate alone (no time left to lead with), in the warning colour.
    expect(text(overlay, 'left')).toBe('');
    expect(text(overlay, 'rate')).toBe('perHour($0.60)');
    expect(text(overlay, 'active')).toBe('activeShort(1:00)');
    expect(text(overlay, 'reward')).toBe('$0.01');
    expect(boxOf(overlay).querySelector('.name')!.textContent).toBe('extName');
  });

  it('builds no Intl formatter and reads no message catalogue, drawing the view or moving it on', () => {
    // ICU's start costs a page ~15–20 ms; the catalogue, a synchronous round trip to the browser.
    const shown = live({ band: 'good', reward: { minor: 5000, currency: 'USD' }, rate: { minor: 300_000, currency: 'USD' } });
    const built = vi.spyOn(Intl, 'NumberFormat');
    const translated = vi.fn((key: string) => key);
    setTranslator(translated);
    overlay.show(shown);
    overlay.render(AT + 1_000);
    overlay.render(AT + 3_600_000);
    expect(text(overlay, 'rate')).toBe('perHour($49.18)');
    // 5000 × 3,600,000 ÷ 724.5 = 24,844,720.5 ms at or above $7.25/h, less 3,660,000: 21,184.7 s, "5:53:05".
    expect(text(overlay, 'left')).toBe('overlayLeft(5:53:05|$7.25)');
    expect(built).not.toHaveBeenCalled();
    expect(translated).not.toHaveBeenCalled();
  });

  it('ticks a running task forward between the background’s messages, and not a paused one', () => {
    overlay.show(live());
    overlay.render(AT + 60_000);
    expect(text(overlay, 'active')).toBe('activeShort(2:00)');
    expect(text(overlay, 'rate')).toBe('perHour($0.30)');
    overlay.show(live({ running: false }));
    overlay.render(AT + 60_000);
    expect(text(overlay, 'active')).toBe('activeShort(1:00)');
  });

  it('rewrites only what changed when it ticks (each write is style and layout for the page)', async () => {
    overlay.show(live());
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(boxOf(overlay), { subtree: true, childList: true, characterData: true, attributes: true });
    // 0.4 s later: still "1:00" active, still $0.60/h, still under.
    overlay.render(AT + 400);
    await Promise.resolve();
    expect(changes).toEqual([]);
    // A second later the active time moves, and only it (and the rate, $0.59 at 61 s).
    overlay.render(AT + 1_000);
    await Promise.resolve();
    observer.disconnect();
    const targets = new Set(changes.map((c) => (c.target as Element).className));
    expect([...targets].sort()).toEqual(['active', 'rate']);
    expect(text(overlay, 'active')).toBe('activeShort(1:01)');
  });

  it('turns into the warning by itself when the rate falls under the minimum', () => {
    // $0.10 at 45 s is $8.00/h (between); at 50 s, $7.20/h: under $7.25.
    overlay.show(live({ reward: { minor: 10, currency: 'USD' }, activeMs: 45_000, rate: { minor: 800, currency: 'USD' }, band: 'between' }));
    expect(boxOf(overlay).className).toBe('box between');
    // 10 × 3,600,000 ÷ 724.5 = 49,689.4 ms, less 45 s: 4.7 s left, no rate yet (under a minute).
    expect([text(overlay, 'left'), text(overlay, 'rate')]).toEqual(['overlayLeft(0:05|$7.25)', '']);
    overlay.render(AT + 5_000);
    expect(boxOf(overlay).className).toBe('box under');
    expect(text(overlay, 'status')).toBe('overlayUnder($7.25)');
    // Under: the rate alone, before the minute is up (it is the warning).
    expect([text(overlay, 'left'), text(overlay, 'rate')]).toEqual(['', 'perHour($7.20)']);
  });

  it('says between minimum and target, good, or that no minimum is set', () => {
    overlay.show(live({ band: 'between', running: false }));
    expect(text(overlay, 'status')).toBe('overlayBetween($7.25|$10.00)');
    overlay.show(live({ band: 'good', running: false }));
    expect(text(overlay, 'status')).toBe('overlayGood');
    overlay.show(live({ band: 'no-minimum', running: false, minimum: null, reward: { minor: 100, currency: 'EUR' } }));
    expect(text(overlay, 'status')).toBe('overlayNoMinimum(EUR)');
  });

  it('wakes each second while expanded and running, and only at the band’s next change while collapsed', () => {
    vi.useFakeTimers({ now: AT });
    // $0.10 at 40 s: $9.00/h, between; under $7.25/h after 49,689.4 ms of active time.
    const at40 = { reward: { minor: 10, currency: 'USD' }, activeMs: 40_000, rate: { minor: 900, currency: 'USD' }, band: 'between' as const };
    const render = vi.spyOn(overlay, 'render');
    overlay.show(live(at40));
    // Each second of active time, and each second of the countdown (9,689.4 ms left: in its own phase, 0.69 s in).
    vi.advanceTimersByTime(3_000);
    expect(render.mock.calls.map(([now]) => now - AT)).toEqual([0, 690, 1000, 1690, 2000, 2690, 3000]);
    expect(text(overlay, 'left')).toBe('overlayLeft(0:07|$7.25)');
    overlay.unmount();

    const collapsed = new Overlay();
    const wakes = vi.spyOn(collapsed, 'render');
    vi.setSystemTime(AT);
    collapsed.show(live(at40, { collapsed: true }));
    vi.advanceTimersByTime(9_000);
    expect(wakes).toHaveBeenCalledTimes(1);
    expect(boxOf(collapsed).className).toBe('box between collapsed');
    vi.advanceTimersByTime(1_000);
    expect(wakes).toHaveBeenCalledTimes(2);
    expect(boxOf(collapsed).className).toBe('box under collapsed');
    // Under the minimum, no band is left to reach: nothing wakes it any more.
    vi.advanceTimersByTime(60_000);
    expect(wakes).toHaveBeenCalledTimes(2);
    expect(text(collapsed, 'status')).toBe('overlayUnder($7.25)');
    collapsed.unmount();
  });

  it('writes no rate it does not show: in a task’s first minute at or above the minimum its pattern is not read', () => {
    const shown = live(rich);
    let reads = 0;
    const pattern = new Proxy(shown.pattern!, { get: (target, key) => (reads++, Reflect.get(target, key)) });
    overlay.show({ ...shown, pattern });
    overlay.render(AT + 1_000);
    overlay.render(AT + 30_000);
    expect(reads).toBe(0);
    overlay.render(AT + 60_000);
    expect(reads).toBeGreaterThan(0);
    expect(text(overlay, 'rate')).toBe('perHour($720.00)');
  });

  it('leads with the time left at or above the minimum, its rate beside it only after a minute', () => {
    overlay.show(live(rich));
    expect(boxOf(overlay).className).toBe('box good');
    // 5,962,732.9 ms: 1:39:23, rounded up as a countdown is; no rate from no time at all.
    expect(text(overlay, 'left')).toBe('overlayLeft(1:39:23|$7.25)');
    expect(text(overlay, 'rate')).toBe('');
    expect(text(overlay, 'status')).toBe('overlayGood');
    // At 2 s, $21,600.00/h means nothing: still no rate.
    overlay.render(AT + 2_000);
    expect(text(overlay, 'rate')).toBe('');
    overlay.render(AT + 59_999);
    expect(text(overlay, 'rate')).toBe('');
    // At a minute, $720.00/h beside 1:38:23.
    overlay.render(AT + 60_000);
    expect([text(overlay, 'left'), text(overlay, 'rate')]).toEqual(['overlayLeft(1:38:23|$7.25)', 'perHour($720.00)']);
  });

  it('says when no minimum is set, and shows the rate after a minute', () => {
    const euro = { reward: { minor: 100, currency: 'EUR' }, minimum: null, target: null, activeMs: 10_000, rate: { minor: 36_000, currency: 'EUR' }, band: 'no-minimum' as const };
    overlay.show(live(euro));
    expect(boxOf(overlay).className).toBe('box no-minimum');
    expect(text(overlay, 'status')).toBe('overlayNoMinimum(EUR)');
    expect([text(overlay, 'left'), text(overlay, 'rate')]).toEqual(['', 'rateAfterMinute']);
    // €1.00 for 60 s: €60.00/h.
    overlay.render(AT + 50_000);
    expect(text(overlay, 'rate')).toBe('perHour(€60.00)');
  });

  it('says so without a reward, as before', () => {
    overlay.show(live({ reward: null, rate: null, minimum: null, target: null, band: 'no-reward' }));
    expect([text(overlay, 'left'), text(overlay, 'rate'), text(overlay, 'status')]).toEqual(['', 'noRateYet', 'rewardUnknown']);
  });

  it('does nothing per second while collapsed, the countdown running or not', () => {
    vi.useFakeTimers({ now: AT });
    const render = vi.spyOn(overlay, 'render');
    // The $12 HIT: its band changes first under the $10.00 target, at 4,322,161 ms.
    overlay.show(live(rich, { collapsed: true }));
    vi.advanceTimersByTime(3_600_000);
    expect(render).toHaveBeenCalledOnce();
    expect(text(overlay, 'status')).toBe('overlayGood');
    vi.advanceTimersByTime(722_200);
    expect(render).toHaveBeenCalledTimes(2);
    expect(boxOf(overlay).className).toBe('box between collapsed');
  });

  it('collapses, and remembers it', async () => {
    overlay.show(live());
    const toggle = boxOf(overlay).querySelector('button')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    toggle.click();
    expect(boxOf(overlay).className).toContain('collapsed');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await new Promise((r) => setTimeout(r, 0));
    expect((await fakeBrowser.storage.local.get('overlay')).overlay).toMatchObject({ collapsed: true });
    // The background reads the place for the next page.
    const again = new Overlay();
    again.show(live({}, { collapsed: true }));
    expect(boxOf(again).className).toContain('collapsed');
    again.unmount();
  });

  it('moves with the arrow keys and remembers where', async () => {
    overlay.show(live());
    const bar = boxOf(overlay).querySelector<HTMLElement>('.bar')!;
    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', shiftKey: true, bubbles: true }));
    expect(boxOf(overlay).style.right).toBe('26px');
    expect(boxOf(overlay).style.bottom).toBe('56px');
    await new Promise((r) => setTimeout(r, 0));
    expect((await fakeBrowser.storage.local.get('overlay')).overlay).toMatchObject({ x: 26, y: 56 });
  });

  it('is fixed in place, outside the page’s layout, and takes no focus', () => {
    overlay.show(live());
    expect(document.activeElement).toBe(document.body);
    expect(document.documentElement.querySelector('centime-overlay')).not.toBeNull();
    expect(boxOf(overlay).getAttribute('role')).toBe('status');
  });
});
