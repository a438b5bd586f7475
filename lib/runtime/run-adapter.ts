import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '../messaging';
import type { PlatformAdapter } from '../platforms/types';

const MARKER = 'data-centime';

/**
 * Content-side glue shared by every platform: read the page through the adapter and tell the background.
 * Single-page sites change route without reloading, so each `wxt:locationchange` reads the page again.
 */
export function runAdapter(ctx: ContentScriptContext, adapter: PlatformAdapter): void {
  const root = document.documentElement;
  // An extension reload injects the script again into open tabs: the old copy's ctx is invalidated, but a
  // marker keeps two live copies from reporting the same page twice.
  if (root.hasAttribute(MARKER)) return;
  root.setAttribute(MARKER, 'live');
  ctx.onInvalidated(() => root.removeAttribute(MARKER));

  const inspect = () => {
    const url = new URL(location.href);
    if (adapter.pageKind(document, url) !== 'task') return;
    const snapshot = adapter.readTask(document, url, Date.now());
    if (!snapshot) return;
    sendToBackground('cs-bg-task-seen', snapshot).catch((error: unknown) => console.warn(error));
  };
  inspect();
  ctx.addEventListener(window, 'wxt:locationchange', inspect);
}
