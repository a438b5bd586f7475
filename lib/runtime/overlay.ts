import { browser } from 'wxt/browser';
import { formatDuration } from '../domain/duration';
import { formatWithPattern } from '../domain/money-pattern';
import { countdownSeconds, liveAt, nextChange } from './overlay-clock';
import { askForm, el } from './overlay-ask';
import { dragPlace } from './overlay-drag';
import { PLACE_KEY, VALUE, type OverlayLive, type OverlayPlace } from './overlay-message';

/**
 * The in-page overlay: a closed shadow root on a fixed-position host, so the page's CSS cannot reach in and
 * ours cannot leak out; it takes no focus and no layout space. Every string is set with textContent.
 * Injected by the background on task pages only (`entrypoints/overlay.ts`). While the task is at or above the
 * minimum it leads with how long it stays there, its rate beside once a minute of active time makes it mean
 * something; under the minimum, the rate alone, in the warning colour (DESIGN.md, "Rates"). It wakes only when
 * it has something new to show: each second while expanded and running; collapsed, only when the band changes
 * (collapsed, it shows the band's words, not the countdown).
 */
// Written compact: every byte ships on every task page.
const STYLE =
  ':host{all:initial}.box{position:fixed;z-index:2147483647;font:13px/1.35 system-ui,sans-serif;color:#1b1f24;background:#fff;border:2px solid #8c959f;border-radius:8px;padding:6px 8px;min-width:150px;box-shadow:0 2px 8px rgb(0 0 0 / 25%)}.box.under{border-color:#cf222e;background:#ffebe9}.box.between{border-color:#bf8700;background:#fff8c5}.box.good{border-color:#1a7f37}.bar{display:flex;gap:6px;align-items:center;cursor:move;user-select:none}.name{font-weight:600;flex:1}button{all:unset;cursor:pointer;padding:0 4px;border-radius:3px}button:focus-visible,.bar:focus-visible{outline:2px solid #0969da}.lead{font-size:16px;font-weight:700;font-variant-numeric:tabular-nums}.left:not(:empty)+.rate{font-size:13px;font-weight:400;margin-left:6px}.under .rate{color:#cf222e}.status{font-weight:600}.converted{font-size:11px;text-decoration:underline dotted;cursor:help}.collapsed .details,.collapsed .lead{display:none}.ask{max-width:260px;margin-top:4px}.ask input{width:6em;margin:0 4px;font:inherit}.ask button{border:1px solid #8c959f}.ask p{margin:0 0 4px}@media (prefers-color-scheme:dark){.box{color:#e6edf3;background:#15181c}.box.under{background:#42121a}.box.between{background:#3b2f00}.under .rate{color:#ff8182}}';

export class Overlay {
  private readonly host = document.createElement('centime-overlay');
  private readonly box: HTMLDivElement;
  private readonly parts: Record<'left' | 'rate' | 'status' | 'converted' | 'active' | 'reward', HTMLElement>;
  private readonly toggle: HTMLButtonElement;
  private readonly bar: HTMLDivElement;
  private readonly name: HTMLSpanElement;
  private place: OverlayPlace = { x: 16, y: 16, collapsed: false };
  private live: OverlayLive | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onVisibility = () => this.render(Date.now());
  /** The question for a reward the page did not show (issue 19), while the background asks it. */
  private ask: HTMLFormElement | null = null;
  /** What each part shows: a second's render rewrites only what changed (each write is style and layout). */
  private readonly shown = new Map<Node, string>();

  constructor() {
    const root = this.host.attachShadow({ mode: 'closed' });
    el('style', '', root).textContent = STYLE;
    this.box = el('div', 'box', root);
    this.box.setAttribute('role', 'status');
    this.box.setAttribute('aria-live', 'polite');
    this.bar = el('div', 'bar', this.box);
    this.bar.tabIndex = 0;
    this.name = el('span', 'name', this.bar);
    this.toggle = el('button', 'toggle', this.bar);
    this.toggle.type = 'button';
    // The lead: the time left at or above the minimum, the rate beside it; or the rate alone.
    const lead = el('div', 'lead', this.box);
    const left = el('span', 'left', lead);
    const rate = el('span', 'rate', lead);
    // The status (the band, in words) stays in view when collapsed; the lead and details do not.
    const status = el('div', 'status', this.box);
    // A minimum converted from the display currency is marked, with its rates on hover.
    const converted = el('div', 'converted', this.box);
    const details = el('div', 'details', this.box);
    this.parts = { left, rate, status, converted, active: el('div', 'active', details), reward: el('div', 'reward', details) };
    this.toggle.addEventListener('click', () => this.save({ ...this.place, collapsed: !this.place.collapsed }));
    dragPlace(this.bar, () => this.place, (place, done) => (done ? this.save(place) : this.moveTo(place)));
  }

  /**
   * Shows the background's figures, drawn as of their own time (`live.at`: its formatted rate holds, and no
   * formatter is built); the first time, where the worker last left the overlay.
   */
  show(live: OverlayLive, now = live.at): void {
    if (!this.live) this.place = live.place;
    this.live = live;
    if (!this.host.isConnected) {
      // One an older copy left (Firefox cuts its script off on an update, not its DOM) goes: never two at once.
      for (const left of document.querySelectorAll('centime-overlay')) left.remove();
      document.documentElement.appendChild(this.host);
      document.addEventListener('visibilitychange', this.onVisibility);
    }
    this.moveTo(this.place, now);
  }

  unmount(): void {
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.host.remove();
  }

  /** Draws the figures at `now` and sets the one timer that wakes it when they next change. */
  render(now: number): void {
    clearTimeout(this.timer);
    const live = this.live;
    // The extension was reloaded or removed: this copy is orphaned.
    if (!live || !browser.runtime?.id) return this.unmount();
    this.asking(live);
    const { view, words } = live;
    const state = liveAt(view, live.at, now);
    const { band, leftMs } = state;
    const collapsed = this.place.collapsed;
    const cls = `box ${band}${collapsed ? ' collapsed' : ''}`;
    if (this.shown.get(this.box) !== cls) this.box.className = cls;
    this.shown.set(this.box, cls);
    this.write(this.parts.status, words.status[band]);
    this.write(this.parts.converted, words.converted?.mark ?? '');
    if (this.parts.converted.title !== (words.converted?.title ?? '')) this.parts.converted.title = words.converted?.title ?? '';
    if (!collapsed) {
      // The background formatted the rate of its view; a rate moved on locally is written from its pattern, and
      // only once it is shown (in a task's first minute at or above the minimum it is not: the page's first ticks).
      const rate =
        !state.showRate ? null
        : now <= live.at || !view.running ? words.rate
        : state.rate && live.pattern && formatWithPattern(live.pattern, state.rate.minor);
      this.write(this.parts.left, leftMs === null ? '' : words.left.replace(VALUE, formatDuration(countdownSeconds(leftMs) * 1000)));
      this.write(
        this.parts.rate,
        !view.reward ? words.noRate
        : state.showRate && rate ? words.perHour.replace(VALUE, rate)
        : leftMs === null ? words.rateSoon
        : '',
      );
      this.write(this.parts.active, words.active.replace(VALUE, formatDuration(state.activeMs)));
      this.write(this.parts.reward, words.reward);
    }
    const wait = document.visibilityState === 'visible' ? nextChange(view, state, collapsed) : null;
    if (wait !== null) this.timer = setTimeout(() => this.render(Date.now()), wait);
  }

  private write(part: HTMLElement, text: string): void {
    if (this.shown.get(part) === text) return;
    this.shown.set(part, text);
    part.textContent = text;
  }

  /** The question for a reward its page did not show, while the background asks it (`overlay-ask.ts`). */
  private asking(live: OverlayLive): void {
    if (!live.ask) {
      this.ask?.remove();
      this.ask = null;
    } else this.ask ??= askForm(this.box, live.ask);
  }

  private moveTo(place: OverlayPlace, now = Date.now()): void {
    this.place = place;
    const { x, y, collapsed } = place;
    const words = this.live?.words;
    Object.assign(this.box.style, { right: `${x}px`, bottom: `${y}px` });
    this.bar.title = words?.move ?? '';
    this.name.textContent = words?.name ?? '';
    this.toggle.textContent = collapsed ? '+' : '−';
    this.toggle.setAttribute('aria-label', (collapsed ? words?.expand : words?.collapse) ?? '');
    this.toggle.setAttribute('aria-expanded', String(!collapsed));
    this.render(now);
  }

  private save(place: OverlayPlace): void {
    this.moveTo(place);
    void browser.storage.local.set({ [PLACE_KEY]: place });
  }
}
