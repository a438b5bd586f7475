import { browser } from 'wxt/browser';

/**
 * What a Centime page script runs under: it stops (listeners, timers) once invalidated, i.e. when the extension
 * is reloaded or removed, or when a newer copy of the same script starts in its world. WXT's ContentScriptContext
 * does the same for ~1.2 kB gzipped per script, and on every page posts a message to the page (which pages
 * can read); this one leaves the page nothing to observe. Content scripts build theirs with `pageContext(name)`
 * (wxt.config.ts leaves WXT's out of their builds); route changes of single-page sites are spa.ts's.
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

/**
 * What a world keeps of Centime's live copies: its own global (`globalThis` of the content script's isolated world
 * in Chrome, its sandbox in Firefox), which the page's scripts cannot reach. Nothing goes in the page's DOM or
 * through its events: a page could read or listen for a fixed name there and so tell that the worker uses Centime.
 */
interface World {
  centimeCopies?: Record<string, () => void>;
  centimePage?: PageContext;
}

/**
 * A page script's context. A newer copy of the same script in the same world stops the older one. An extension
 * reloaded or updated runs its copies in another world (Chrome allots a new isolated world and does not inject
 * into open tabs; Firefox injects into open tabs, in a new sandbox, and cuts the old one off): there, the old copy
 * stops by itself, once its runtime has no id (tests/e2e/README.md, "A page script across an extension reload").
 */
export function pageContext(name: string, world: object = globalThis): PageContext {
  const controller = new AbortController();
  const { signal } = controller;
  const invalidate = () => controller.abort();
  const copies = ((world as World).centimeCopies ??= {});
  copies[name]?.();
  copies[name] = invalidate;

  const isInvalid = () => {
    if (!signal.aborted && !browser.runtime?.id) invalidate();
    return signal.aborted;
  };
  return {
    get isInvalid() {
      return isInvalid();
    },
    onInvalidated: (callback) => signal.addEventListener('abort', callback),
    setTimeout: (handler, ms) => window.setTimeout(() => isInvalid() || handler(), ms),
    addEventListener: (target: EventTarget, type: string, handler: (event: never) => void, options?: AddEventListenerOptions) => {
      target.addEventListener(type, handler as EventListener, { ...options, signal });
    },
    signal,
  };
}

/**
 * Claims the page for this live script; false if another live one in this world already serves it, so that two
 * copies never report the same page twice. Kept in the world, never in the page: a copy cut off with its world
 * leaves nothing behind that could keep the new one from serving the page. The e2e build alone marks the page
 * (`data-centime="live"`), for the tests to know the script started (tests/e2e/README.md).
 */
export function claimPage(ctx: PageContext, world: object = globalThis): boolean {
  const w = world as World;
  if (w.centimePage && !w.centimePage.isInvalid) return false;
  w.centimePage = ctx;
  if (import.meta.env.CENTIME_E2E) {
    const root = document.documentElement;
    root.setAttribute('data-centime', 'live');
    ctx.onInvalidated(() => root.removeAttribute('data-centime'));
  }
  return true;
}
