import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LiveView } from '../../../lib/domain/live';
import { setTranslator } from '../../../lib/i18n';
import { Overlay } from '../../../lib/runtime/overlay';

const view = (over: Partial<LiveView>): LiveView => ({
  activeMs: 60_000,
  idleMs: 0,
  running: true,
  reward: { minor: 1, currency: 'USD' },
  rate: null,
  minimum: { minor: 725, currency: 'USD' },
  target: { minor: 1000, currency: 'USD' },
  band: 'under',
  ...over,
});

/** The overlay's shadow root is closed to the page; tests reach its box through the instance. */
const boxOf = (o: Overlay) => (o as unknown as { box: HTMLDivElement }).box;
const text = (o: Overlay, cls: string) => boxOf(o).querySelector(`.${cls}`)!.textContent;

describe('overlay', () => {
  let overlay: Overlay;
  beforeEach(async () => {
    setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key));
    overlay = new Overlay();
    await overlay.mount();
  });
  afterEach(() => {
    overlay.unmount();
    setTranslator();
  });

  it('warns in words and colour under the minimum', () => {
    overlay.show(view({}), 1_000);
    expect(boxOf(overlay).className).toBe('box under');
    expect(text(overlay, 'status')).toBe('overlayUnder($7.25)');
    expect(text(overlay, 'rate')).toBe('perHour($0.60)');
    expect(text(overlay, 'active')).toBe('activeShort(1:00)');
  });

  it('ticks a running task forward between the background’s answers, and not a paused one', () => {
    overlay.show(view({}), 1_000);
    overlay.render(61_000);
    expect(text(overlay, 'active')).toBe('activeShort(2:00)');
    overlay.show(view({ running: false }), 1_000);
    overlay.render(61_000);
    expect(text(overlay, 'active')).toBe('activeShort(1:00)');
  });

  it('says between minimum and target, good, or that no minimum is set', () => {
    overlay.show(view({ band: 'between' }), 0);
    expect(text(overlay, 'status')).toBe('overlayBetween($7.25|$10.00)');
    overlay.show(view({ band: 'good' }), 0);
    expect(text(overlay, 'status')).toBe('overlayGood');
    overlay.show(view({ band: 'no-minimum', minimum: null, reward: { minor: 100, currency: 'EUR' } }), 0);
    expect(text(overlay, 'status')).toBe('overlayNoMinimum(EUR)');
  });

  it('collapses, and remembers it', async () => {
    overlay.show(view({}), 0);
    const toggle = boxOf(overlay).querySelector('button')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    toggle.click();
    expect(boxOf(overlay).className).toContain('collapsed');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await new Promise((r) => setTimeout(r, 0));
    expect((await fakeBrowser.storage.local.get('overlay')).overlay).toMatchObject({ collapsed: true });
    const again = new Overlay();
    await again.mount();
    again.show(view({}), 0);
    expect(boxOf(again).className).toContain('collapsed');
    again.unmount();
  });

  it('moves with the arrow keys and remembers where', async () => {
    const bar = boxOf(overlay).querySelector<HTMLElement>('.bar')!;
    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    bar.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', shiftKey: true, bubbles: true }));
    expect(boxOf(overlay).style.right).toBe('26px');
    expect(boxOf(overlay).style.bottom).toBe('56px');
    await new Promise((r) => setTimeout(r, 0));
    expect((await fakeBrowser.storage.local.get('overlay')).overlay).toMatchObject({ x: 26, y: 56 });
  });

  it('is fixed in place, outside the page’s layout, and takes no focus', () => {
    expect(document.activeElement).toBe(document.body);
    expect(document.documentElement.querySelector('centime-overlay')).not.toBeNull();
    expect(boxOf(overlay).getAttribute('role')).toBe('status');
  });
});
