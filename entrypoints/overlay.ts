import { browser } from 'wxt/browser';
import { Overlay } from '@/lib/runtime/overlay';
import { isOverlayMessage } from '@/lib/runtime/overlay-message';

/**
 * The live overlay, injected by the background into a task tab that shows it (`lib/background/overlay.ts`,
 * `scripting.executeScript({ files })`): never a content script nor a web-accessible chunk, so other pages
 * neither carry it nor can detect it. The background's `bg-cs-overlay` messages drive it.
 */
export default defineUnlistedScript(() => {
  // A single-page site may show a second task in the same document: the script is injected again, and the
  // first copy (same isolated world) keeps serving.
  const here = globalThis as { centimeOverlay?: boolean };
  if (here.centimeOverlay) return;
  here.centimeOverlay = true;
  let shown: { key: string; overlay: Overlay } | null = null;
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isOverlayMessage(message)) return undefined;
    // null: that task is over, or the worker turned the overlay off. Another task: the new one replaces it.
    if (shown && (message.live ? shown.key !== message.key : shown.key === message.key)) {
      shown.overlay.unmount();
      shown = null;
    }
    if (message.live) {
      shown ??= { key: message.key, overlay: new Overlay() };
      shown.overlay.show(message.live);
    }
    return undefined;
  });
});
