import { selectorFor } from './pick-selector';

/**
 * "Pick on page": the worker points at the task's title (or reward, or submit control) and Centime learns its
 * selector. The outline and the prompt live in a closed shadow root on a fixed, zero-size host, so the page's
 * styles cannot reach them and its layout does not move; the page's own elements are never changed. While
 * picking, presses and clicks on the page are swallowed in the capture phase so the page does not act on
 * them. Keyboard: Tab to an element and press Enter; ↑ and ↓ widen or narrow the outlined element; Escape
 * cancels. The caller passes the visible strings (already translated). Touches no browser.* API.
 */
export interface PickerOptions {
  labels: { prompt: string; cancel: string };
  onPick(selector: string, el: Element): void;
  onCancel(): void;
}

// Written compact: it ships in the picker script.
const STYLE =
  ':host{all:initial}.box{position:fixed;z-index:2147483647;pointer-events:none;box-sizing:border-box;border:2px solid #0969da;background:rgb(9 105 218 / 12%);border-radius:2px}[hidden]{display:none}.bar{position:fixed;z-index:2147483647;left:50%;top:8px;transform:translateX(-50%);display:flex;gap:10px;align-items:center;max-width:90vw;font:14px/1.4 system-ui,sans-serif;color:#1b1f24;background:#fff;border:2px solid #0969da;border-radius:8px;padding:6px 10px;box-shadow:0 2px 8px rgb(0 0 0 / 25%)}.bar.low{top:auto;bottom:8px}button{font:inherit;cursor:pointer;padding:2px 10px;border-radius:4px;border:1px solid #8c959f;background:#f6f8fa;color:inherit}button:focus-visible{outline:2px solid #0969da;outline-offset:1px}@media (prefers-color-scheme:dark){.bar{color:#e6edf3;background:#15181c}button{background:#21262d}}';

/** Presses the page must not see while picking. Touch events stay: cancelling them would stop the click. */
const SWALLOWED = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'auxclick'] as const;

let running: (() => void) | null = null;

function part<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls: string, parent: Node): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = cls;
  parent.appendChild(node);
  return node;
}

/** Starts picking on `doc`; returns a function that stops without calling back. One picker runs at a time. */
export function startPicker(doc: Document, options: PickerOptions): () => void {
  running?.();
  const target: EventTarget = doc.defaultView ?? doc;
  const host = doc.createElement('centime-picker');
  host.setAttribute('style', 'all:initial!important;position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;z-index:2147483647!important');
  const root = host.attachShadow({ mode: 'closed' });
  part(doc, 'style', '', root).textContent = STYLE;
  const box = part(doc, 'div', 'box', root);
  box.hidden = true;
  const bar = part(doc, 'div', 'bar', root);
  const prompt = part(doc, 'span', 'prompt', bar);
  prompt.setAttribute('role', 'status');
  prompt.textContent = options.labels.prompt;
  const cancelButton = part(doc, 'button', 'cancel', bar);
  cancelButton.type = 'button';
  cancelButton.textContent = options.labels.cancel;

  const previousFocus = doc.activeElement;
  let current: Element | null = null;
  // The elements ↑ went up from, so that ↓ comes back the same way.
  let trail: Element[] = [];
  let stopped = false;
  // Events from inside the closed root reach the page retargeted to the host (checked both ways regardless).
  const ours = (t: EventTarget | null) => t === host || (t as Node | null)?.getRootNode?.() === root;
  const pageElement = (t: EventTarget | null): Element | null =>
    t && !ours(t) && (t as Node).nodeType === 1 && t !== doc.documentElement ? (t as Element) : null;

  const outline = (el: Element | null) => {
    current = el;
    box.hidden = !el;
    if (!el) return;
    const r = el.getBoundingClientRect();
    box.style.cssText = `top:${r.top}px;left:${r.left}px;width:${r.width}px;height:${r.height}px`;
  };
  const swallow = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  /** The key's release would reach the page after the picker is gone (pages act on keyup too). */
  const swallowRelease = (key: string) =>
    target.addEventListener(
      'keyup',
      (e) => {
        if ((e as KeyboardEvent).key === key) swallow(e);
      },
      { capture: true, once: true },
    );

  const stop = () => {
    if (stopped) return;
    stopped = true;
    running = null;
    for (const type of SWALLOWED) target.removeEventListener(type, onPress, true);
    target.removeEventListener('mouseover', onOver, true);
    target.removeEventListener('focusin', onOver, true);
    target.removeEventListener('keydown', onKey, true);
    target.removeEventListener('scroll', onScroll, true);
    target.removeEventListener('resize', onScroll, true);
    const hadFocus = doc.activeElement === host;
    host.remove();
    if (hadFocus && previousFocus instanceof HTMLElement) previousFocus.focus({ preventScroll: true });
  };
  const pick = (el: Element) => {
    const selector = selectorFor(el);
    stop();
    options.onPick(selector, el);
  };
  const cancel = () => {
    stop();
    options.onCancel();
  };

  function onOver(e: Event) {
    const el = pageElement(e.target);
    if (!el) return;
    trail = [];
    outline(el);
    if (e instanceof MouseEvent) bar.classList.toggle('low', e.clientY < 64);
  }
  function onPress(e: Event) {
    const el = pageElement(e.target);
    if (!el) return;
    swallow(e);
    // After ↑ the outline may hold an ancestor of what the pointer is on: pick what is outlined.
    if (e.type === 'click') pick(current?.contains(el) ? current : el);
  }
  function onKey(e: Event) {
    const { key } = e as KeyboardEvent;
    if (key === 'Escape') {
      swallow(e);
      swallowRelease(key);
      return cancel();
    }
    if (ours(e.target)) return;
    if (key === 'Enter') {
      const el = current ?? pageElement(doc.activeElement);
      if (!el || el === doc.body) return;
      swallow(e);
      swallowRelease(key);
      pick(el);
    } else if (key === 'ArrowUp' && current) {
      swallow(e);
      const parent = current.parentElement;
      if (parent && parent !== doc.documentElement) {
        trail.push(current);
        outline(parent);
      }
    } else if (key === 'ArrowDown' && current) {
      swallow(e);
      const next = trail.pop() ?? current.firstElementChild;
      if (next) outline(next);
    }
  }
  const onScroll = () => outline(current);

  for (const type of SWALLOWED) target.addEventListener(type, onPress, true);
  target.addEventListener('mouseover', onOver, true);
  target.addEventListener('focusin', onOver, true);
  target.addEventListener('keydown', onKey, true);
  target.addEventListener('scroll', onScroll, { capture: true, passive: true });
  target.addEventListener('resize', onScroll, { capture: true, passive: true });
  cancelButton.addEventListener('click', cancel);
  doc.documentElement.appendChild(host);
  // The prompt is announced and Tab leads from the button into the page.
  cancelButton.focus({ preventScroll: true });
  running = stop;
  return stop;
}
