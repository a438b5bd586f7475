// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPicker } from '../../../lib/runtime/picker';

const html = readFileSync('tests/fixtures-custom/task-page.html', 'utf8');
const labels = { prompt: 'Click the task title', cancel: 'Cancel' };

/** The picker's shadow root is closed to the page; the test catches it as it is made. */
function catchShadowRoot(): () => ShadowRoot {
  const spy = vi.spyOn(Element.prototype, 'attachShadow');
  return () => spy.mock.results.at(-1)!.value as ShadowRoot;
}

const mouse = (el: Element, type: string) => {
  const event = new MouseEvent(type, { bubbles: true, cancelable: true, clientX: 10, clientY: 200 });
  el.dispatchEvent(event);
  return event;
};
const key = (el: Element, k: string, type = 'keydown') => {
  const event = new KeyboardEvent(type, { key: k, bubbles: true, cancelable: true });
  el.dispatchEvent(event);
  return event;
};

describe('startPicker', () => {
  let onPick: ReturnType<typeof vi.fn<(selector: string, el: Element) => void>>;
  let onCancel: ReturnType<typeof vi.fn<() => void>>;
  let pageSaw: string[];
  let stop: () => void;
  let shadow: () => ShadowRoot;
  let page: AbortController;

  beforeEach(() => {
    // The saved page in the test window's own document, so that the picker listens on a real window.
    document.body.replaceWith(document.adoptNode(new DOMParser().parseFromString(html, 'text/html').body));
    pageSaw = [];
    page = new AbortController();
    for (const type of ['mousedown', 'mouseup', 'click', 'keydown', 'keyup', 'mouseover']) {
      const log = (e: Event) => pageSaw.push(`${e.type}${e instanceof KeyboardEvent ? `:${e.key}` : ''}`);
      document.addEventListener(type, log, { signal: page.signal });
    }
    onPick = vi.fn();
    onCancel = vi.fn();
    shadow = catchShadowRoot();
    stop = startPicker(document, { labels, onPick, onCancel });
  });
  afterEach(() => {
    stop();
    page.abort();
  });

  const host = () => document.querySelector('centime-picker');
  const box = () => shadow().querySelector<HTMLElement>('.box')!;

  it('shows the prompt and a cancel button in a closed shadow root, and focuses the button', () => {
    expect(host()).not.toBeNull();
    expect(host()!.shadowRoot).toBeNull();
    expect(shadow().querySelector('[role="status"]')!.textContent).toBe('Click the task title');
    const button = shadow().querySelector('button')!;
    expect(button.textContent).toBe('Cancel');
    expect(shadow().activeElement).toBe(button);
    expect(box().hidden).toBe(true);
  });

  it('outlines the element under the pointer without touching the page', () => {
    const title = document.querySelector('h1')!;
    const before = document.body.innerHTML;
    vi.spyOn(title, 'getBoundingClientRect').mockReturnValue({ top: 40, left: 12, width: 300, height: 30 } as DOMRect);
    mouse(title, 'mouseover');
    expect(box().hidden).toBe(false);
    expect(box().style.cssText).toContain('top: 40px');
    expect(box().style.cssText).toContain('width: 300px');
    expect(document.body.innerHTML).toBe(before);
    expect(title.getAttribute('style')).toBeNull();
    expect(pageSaw).toContain('mouseover');
  });

  it('picks the clicked element; the page never sees the press or the click', () => {
    const title = document.querySelector('h1')!;
    mouse(title, 'mouseover');
    expect(mouse(title, 'mousedown').defaultPrevented).toBe(true);
    mouse(title, 'mouseup');
    const click = mouse(title, 'click');
    expect(click.defaultPrevented).toBe(true);
    expect(pageSaw).toEqual(['mouseover']);
    expect(onPick).toHaveBeenCalledExactlyOnceWith('h1.task-title', title);
    expect(host()).toBeNull();
    // Once done, the page gets its clicks back.
    mouse(title, 'click');
    expect(pageSaw).toEqual(['mouseover', 'click']);
  });

  it('a click on a submit button picks it instead of submitting the form', () => {
    const submitted = vi.fn((e: Event) => e.preventDefault());
    document.querySelector('form')!.addEventListener('submit', submitted);
    const button = document.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    button.click();
    expect(submitted).not.toHaveBeenCalled();
    expect(onPick).toHaveBeenCalledWith('button.btn.btn-primary', button);
  });

  it('Escape cancels; neither its press nor its release reaches the page', () => {
    key(document.body, 'Escape');
    key(document.body, 'Escape', 'keyup');
    expect(onCancel).toHaveBeenCalledOnce();
    expect(onPick).not.toHaveBeenCalled();
    expect(pageSaw).toEqual([]);
    expect(host()).toBeNull();
  });

  it('the cancel button cancels', () => {
    shadow().querySelector('button')!.click();
    expect(onCancel).toHaveBeenCalledOnce();
    expect(host()).toBeNull();
  });

  it('keyboard: Tab to an element, Enter picks it; the page sees no Enter', () => {
    const link = document.querySelector<HTMLAnchorElement>('footer a[href="/privacy"]')!;
    link.focus();
    const enter = key(link, 'Enter');
    key(link, 'Enter', 'keyup');
    expect(enter.defaultPrevented).toBe(true);
    expect(onPick).toHaveBeenCalledWith('footer > p:nth-of-type(2) > a:nth-of-type(2)', link);
    expect(pageSaw).toEqual([]);
  });

  it('keyboard: ↑ widens the outline to the parent, ↓ comes back the same way, Enter picks what is outlined', () => {
    const link = document.querySelector<HTMLAnchorElement>('.more .card:nth-of-type(2) a')!;
    link.focus();
    expect(key(link, 'ArrowUp').defaultPrevented).toBe(true);
    key(link, 'ArrowUp');
    key(link, 'ArrowDown');
    key(link, 'Enter');
    expect(onPick).toHaveBeenCalledWith('div.card:nth-of-type(2)', link.parentElement);
  });

  it('keyboard: ↓ with nowhere to come back to goes to the first child', () => {
    const card = document.querySelector('.more .card:nth-of-type(3)')!;
    mouse(card, 'mouseover');
    key(card, 'ArrowDown');
    key(card, 'Enter');
    expect(onPick).toHaveBeenCalledWith('div.card:nth-of-type(3) > a', card.firstElementChild);
  });

  it('a click inside a widened outline picks the outline', () => {
    const price = document.querySelector('.more .card:nth-of-type(3) .price')!;
    mouse(price, 'mouseover');
    key(price, 'ArrowUp');
    mouse(price, 'click');
    expect(onPick).toHaveBeenCalledWith('div.card:nth-of-type(3)', price.parentElement);
  });

  it('Enter with nothing outlined or focused does nothing', () => {
    const enter = key(document.body, 'Enter');
    expect(enter.defaultPrevented).toBe(false);
    expect(onPick).not.toHaveBeenCalled();
    expect(host()).not.toBeNull();
  });

  it('stop() removes everything without calling back, and a second picker replaces the first', () => {
    stop();
    expect(host()).toBeNull();
    mouse(document.querySelector('h1')!, 'click');
    expect(pageSaw).toEqual(['click']);
    expect(onPick).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();

    const first = startPicker(document, { labels, onPick, onCancel });
    const second = startPicker(document, { labels, onPick, onCancel });
    expect(document.querySelectorAll('centime-picker')).toHaveLength(1);
    first();
    expect(document.querySelectorAll('centime-picker')).toHaveLength(1);
    second();
    expect(document.querySelectorAll('centime-picker')).toHaveLength(0);
  });
});
