import { browser } from 'wxt/browser';

/**
 * What a Centime page script runs under: it stops (listeners, timers) once invalidated, i.e. when the extension
 * is reloaded or removed, or when a newer copy of the same script starts in the page. WXT's ContentScriptContext
 * does the same for ~1.2 kB gzipped per script, and on every page posts a message to the page (which pages
 * can read); this one does not. Content scripts build theirs with `pageContext(name)` (wxt.config.ts leaves
 * WXT's out of their builds); route changes of single-page sites are spa.ts's.
 */
export interface PageContext {
  readonly isInvalid: boolean;
  onInvalidated(callback: () => void): void;
  /** A timeout that does not fire once the context is invalid. */
  setTimeout(handler: () => void, ms: number): number;
  /** A listener removed when the context is invalidated. */
  addEventListener<K extends keyof WindowEventMap>(target: Window, type: K, handler: (event: WindowEventMap[K]) => void, options?: AddEventListenerOptions): void;
  addEventListener<K extends keyof DocumentEventMap>(target: Document, type: K, handler: (event: DocumentEventMap[K]) => void, options?: AddEventListenerOptions): void;
  /** Aborted once the context is invalid: for listeners that take a signal. */
  readonly signal: AbortSignal;
}

export function pageContext(name: string, win: Window = window): PageContext {
  const controller = new AbortController();
  const { signal } = controller;
  const invalidate = () => controller.abort();
  // The newest copy of a script in a page wins: an older one (the extension was reloaded) stops. The event goes
  // to the document first, before this copy listens for the next.
  const started = `centime:${name}`;
  win.document.dispatchEvent(new CustomEvent(started));
  win.document.addEventListener(started, invalidate, { signal });

  const isInvalid = () => {
    if (!signal.aborted && !browser.runtime?.id) invalidate();
    return signal.aborted;
  };
  return {
    get isInvalid() {
      return isInvalid();
    },
    onInvalidated: (callback) => signal.addEventListener('abort', callback),
    setTimeout: (handler, ms) => win.setTimeout(() => isInvalid() || handler(), ms),
    addEventListener: (target: EventTarget, type: string, handler: (event: never) => void, options?: AddEventListenerOptions) => {
      target.addEventListener(type, handler as EventListener, { ...options, signal });
    },
    signal,
  };
}

const MARKER = 'data-centime';

/**
 * Marks the page as served by a live Centime script; false if another live copy already serves it. An extension
 * reload injects the script again into open tabs: the old copy's context is invalidated (and drops the marker),
 * so two live copies never report the same page twice.
 */
export function claimPage(ctx: PageContext, root: HTMLElement = document.documentElement): boolean {
  if (root.hasAttribute(MARKER)) return false;
  root.setAttribute(MARKER, 'live');
  ctx.onInvalidated(() => root.removeAttribute(MARKER));
  return true;
}
