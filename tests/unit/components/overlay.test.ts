import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LiveView } from '../../../lib/domain/live';
import { setTranslator } from '../../../lib/i18n';
import { Overlay } from '../../../lib/runtime/overlay';
import type { OverlayLive, OverlayPlace } from '../../../lib/runtime/overlay-message';
import { moneyPattern } from '../../../lib/domain/money-pattern';
import { overlayWords } from '../../../lib/background/overlay-view';

const view = (over: Partial<LiveView>): LiveView => ({
  activeMs: 60_000,
  idleMs: 0,
  running: true,
  reward: { minor: 1, currency: 'USD' },
  rate: { minor: 60, currency: 'USD' },
  minimum: { minor: 725, currency: 'USD' },
  target: { minor: 1000, currency: 'USD' },
  band: 'under',
  ...over,
});

const AT = 1_000_000;
const USD = moneyPattern('USD', 'en-US');
/** What the background sends: the view at `AT`, its words and amounts written there. */
const live = (over: Partial<LiveView> = {}, place: Partial<OverlayPlace> = {}): OverlayLive => ({
  view: view(over),
  at: AT,
  words: overlayWords(view(over), 'en-US'),
  pattern: USD,
  place: { x: 16, y: 16, collapsed: false, ...place },
});

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

  it('warns in words and colour under the minimum', () => {
    overlay.show(live());
    expect(boxOf(overlay).className).toBe('box under');
    expect(text(overlay, 'status')).toBe('overlayUnder($7.25)');
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

  it('turns into the warning by itself when the rate falls under the minimum', () => {
    // $0.10 at 45 s is $8.00/h (between); at 50 s, $7.20/h: under $7.25.
    overlay.show(live({ reward: { minor: 10, currency: 'USD' }, activeMs: 45_000, rate: { minor: 800, currency: 'USD' }, band: 'between' }));
    expect(boxOf(overlay).className).toBe('box between');
    overlay.render(AT + 5_000);
    expect(boxOf(overlay).className).toBe('box under');
    expect(text(overlay, 'status')).toBe('overlayUnder($7.25)');
  });

  it('says between minimum and target, good, or that no minimum is set', () => {
    overlay.show(live({ band: 'between', running: false }));
    expect(text(overlay, 'status')).toBe('overlayBetween($7.25|$10.00)');
    overlay.show(live({ band: 'good', running: false }));
    expect(text(overlay, 'status')).toBe('overlayGood');
    overlay.show(live({ band: 'no-minimum', running: false, minimum: null, reward: { minor: 100, currency: 'EUR' } }));
    expect(text(overlay, 'status')).toBe('overlayNoMinimum(EUR)');
  });

  it('wakes every second while expanded and running, and only at the band’s next change while collapsed', () => {
    vi.useFakeTimers({ now: AT });
    // $0.10 at 40 s: $9.00/h, between; under $7.25/h after 49.7 s of active time.
    const at40 = { reward: { minor: 10, currency: 'USD' }, activeMs: 40_000, rate: { minor: 900, currency: 'USD' }, band: 'between' as const };
    const render = vi.spyOn(overlay, 'render');
    overlay.show(live(at40));
    vi.advanceTimersByTime(3_000);
    expect(render).toHaveBeenCalledTimes(4);
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
