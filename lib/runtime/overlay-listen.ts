import { browser } from 'wxt/browser';
import { Overlay } from './overlay';
import { isOverlayMessage } from './overlay-message';

/**
 * The overlay's side of `bg-cs-overlay`: shows, updates and takes away the task's overlay as the background says.
 * Carried by MTurk's task page script itself (`OVERLAY_IN_PAGE`, lib/platforms/hosts.ts: every page it runs on
 * is a task page, and one script there costs the page less than two) and by `overlay.js`, which the background
 * injects into other task pages (Prolific's, custom sites'). Never web-accessible: nothing for a page to detect.
 */
export function listenForOverlay(): void {
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
}
