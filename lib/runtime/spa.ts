import type { PageContext } from './page-context';

const SETTLE_MS = 400;

interface NavigationLike {
  addEventListener(type: 'navigatesuccess', listener: () => void, options: { signal: AbortSignal }): void;
}

/**
 * Calls `reread` when a single-page app (Prolific, many custom sites) shows something new: at once when its
 * route changes, and once its DOM has settled after a change (debounced), since such apps draw their pages after
 * load and on route changes without reloading. Centime's own elements coming and going are not a change.
 * Full-load sites (MTurk) never call this: their scripts run nothing after load.
 */
export function watchDom(ctx: PageContext, reread: () => void): void {
  onRoute(ctx, reread);
  let timer: number | undefined;
  const ours = (nodes: NodeList) => [...nodes].every((n) => n.nodeName.startsWith('CENTIME-'));
  const observer = new MutationObserver((records) => {
    if (records.every((r) => r.type === 'childList' && ours(r.addedNodes) && ours(r.removedNodes))) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = ctx.setTimeout(reread, SETTLE_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());
}

/**
 * Route changes of a single-page app, once the new URL is in place: the Navigation API where there is one
 * (Chromium), else a look at the URL every second (Firefox has no such API).
 */
export function onRoute(ctx: PageContext, changed: () => void): void {
  let last = location.href;
  const check = () => {
    if (ctx.isInvalid || location.href === last) return;
    last = location.href;
    changed();
  };
  const navigation = (window as unknown as { navigation?: NavigationLike }).navigation;
  if (typeof navigation?.addEventListener === 'function') navigation.addEventListener('navigatesuccess', check, { signal: ctx.signal });
  else {
    const id = setInterval(check, 1_000);
    ctx.onInvalidated(() => clearInterval(id));
  }
}
