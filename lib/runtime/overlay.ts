import { browser } from 'wxt/browser';
import { formatDuration } from '../domain/duration';
import type { LiveView } from '../domain/live';
import { formatMoney } from '../domain/money';
import { hourlyRate } from '../domain/rate';
import { t, uiLocale } from '../i18n';

/**
 * The in-page overlay: a closed shadow root on a fixed-position host, so the page's CSS cannot reach in and
 * ours cannot leak out; it takes no focus and no layout space. Every string is set with textContent.
 */
// Written compact: every byte ships on every task page.
const STYLE =
  ':host{all:initial}.box{position:fixed;z-index:2147483647;font:13px/1.35 system-ui,sans-serif;color:#1b1f24;background:#fff;border:2px solid #8c959f;border-radius:8px;padding:6px 8px;min-width:150px;box-shadow:0 2px 8px rgb(0 0 0 / 25%)}.box.under{border-color:#cf222e;background:#ffebe9}.box.between{border-color:#bf8700;background:#fff8c5}.box.good{border-color:#1a7f37}.bar{display:flex;gap:6px;align-items:center;cursor:move;user-select:none}.name{font-weight:600;flex:1}button{all:unset;cursor:pointer;padding:0 4px;border-radius:3px}button:focus-visible,.bar:focus-visible{outline:2px solid #0969da}.rate{font-size:16px;font-weight:700;font-variant-numeric:tabular-nums}.status{font-weight:600}.collapsed .details{display:none}@media (prefers-color-scheme:dark){.box{color:#e6edf3;background:#15181c}.box.under{background:#42121a}.box.between{background:#3b2f00}}';

export interface OverlayPlace {
  x: number;
  y: number;
  collapsed: boolean;
}

/** Where the overlay stands, in extension storage (never the page's). */
const PLACE_KEY = 'overlay';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, parent: Node): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = cls;
  parent.appendChild(node);
  return node;
}

export class Overlay {
  private readonly host = document.createElement('centime-overlay');
  private readonly box: HTMLDivElement;
  private readonly parts: Record<'rate' | 'status' | 'active' | 'reward', HTMLElement>;
  private readonly toggle: HTMLButtonElement;
  private place: OverlayPlace = { x: 16, y: 16, collapsed: false };
  private view: LiveView | null = null;
  private viewAt = 0;

  constructor() {
    const root = this.host.attachShadow({ mode: 'closed' });
    el('style', '', root).textContent = STYLE;
    this.box = el('div', 'box', root);
    this.box.setAttribute('role', 'status');
    this.box.setAttribute('aria-live', 'polite');
    const bar = el('div', 'bar', this.box);
    bar.tabIndex = 0;
    bar.title = t('overlayMove');
    el('span', 'name', bar).textContent = t('extName');
    this.toggle = el('button', 'toggle', bar);
    this.toggle.type = 'button';
    const rate = el('div', 'rate', this.box);
    const details = el('div', 'details', this.box);
    this.parts = { rate, status: el('div', 'status', details), active: el('div', 'active', details), reward: el('div', 'reward', details) };
    this.toggle.addEventListener('click', () => this.save({ ...this.place, collapsed: !this.place.collapsed }));
    this.drag(bar);
  }

  async mount(): Promise<void> {
    const stored = (await browser.storage.local.get(PLACE_KEY))[PLACE_KEY] as Partial<OverlayPlace> | undefined;
    if (stored && typeof stored.x === 'number' && typeof stored.y === 'number') {
      this.place = { x: stored.x, y: stored.y, collapsed: stored.collapsed === true };
    }
    document.documentElement.appendChild(this.host);
    this.layout();
  }

  unmount(): void {
    this.host.remove();
  }

  show(view: LiveView, at: number): void {
    this.view = view;
    this.viewAt = at;
    this.render(at);
  }

  /** Called every second: a running task's time and rate move on between the background's answers. */
  render(now: number): void {
    const v = this.view;
    if (!v) return;
    const activeMs = v.activeMs + (v.running ? Math.max(0, now - this.viewAt) : 0);
    const rate = v.reward ? hourlyRate(v.reward, activeMs) : null;
    const locale = uiLocale();
    const band = v.band;
    this.box.className = `box ${band}${this.place.collapsed ? ' collapsed' : ''}`;
    this.parts.rate.textContent = rate ? t('perHour', [formatMoney(rate, locale)]) : t('noRateYet');
    const limit = (m: LiveView['minimum']) => (m ? formatMoney(m, locale) : '');
    this.parts.status.textContent =
      band === 'under' ? t('overlayUnder', [limit(v.minimum)])
      : band === 'between' ? t('overlayBetween', [limit(v.minimum), limit(v.target)])
      : band === 'good' ? t('overlayGood')
      : band === 'no-minimum' ? t('overlayNoMinimum', [v.reward?.currency ?? ''])
      : t('rewardUnknown');
    this.parts.active.textContent = t('activeShort', [formatDuration(activeMs)]);
    this.parts.reward.textContent = v.reward ? formatMoney(v.reward, locale) : t('rewardUnknown');
  }

  private layout(): void {
    const { x, y, collapsed } = this.place;
    Object.assign(this.box.style, { right: `${x}px`, bottom: `${y}px` });
    this.toggle.textContent = collapsed ? '+' : '−';
    this.toggle.setAttribute('aria-label', collapsed ? t('overlayExpand') : t('overlayCollapse'));
    this.toggle.setAttribute('aria-expanded', String(!collapsed));
    this.render(this.viewAt);
  }

  private save(place: OverlayPlace): void {
    this.place = place;
    this.layout();
    void browser.storage.local.set({ [PLACE_KEY]: place });
  }

  /** Moved with the pointer, or with the arrow keys when the bar has focus; kept inside the window. */
  private drag(handle: HTMLElement): void {
    const clamp = (v: number, max: number) => Math.max(0, Math.min(v, Math.max(0, max - 40)));
    handle.addEventListener('pointerdown', (down) => {
      if (down.target !== handle && (down.target as HTMLElement).tagName !== 'SPAN') return;
      const start = { ...this.place };
      handle.setPointerCapture(down.pointerId);
      const move = (e: PointerEvent) => {
        this.place = { ...start, x: clamp(start.x - (e.clientX - down.clientX), innerWidth), y: clamp(start.y - (e.clientY - down.clientY), innerHeight) };
        this.layout();
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', () => {
        handle.removeEventListener('pointermove', move);
        this.save(this.place);
      }, { once: true });
    });
    handle.addEventListener('keydown', (e) => {
      const step = e.shiftKey ? 40 : 10;
      const d = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
      if (!d) return;
      e.preventDefault();
      this.save({ ...this.place, x: clamp(this.place.x + d[0]!, innerWidth), y: clamp(this.place.y + d[1]!, innerHeight) });
    });
  }
}
