import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const SETTLE_MS = 400;

/**
 * Calls `reread` once the page's DOM has settled after a change (debounced): single-page apps (Prolific, many
 * custom sites) draw their pages after load and on route changes without reloading.
 */
export function watchDom(ctx: ContentScriptContext, reread: () => void): void {
  let timer: number | undefined;
  const observer = new MutationObserver(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = ctx.setTimeout(reread, SETTLE_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());
}
