import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '../messaging';
import type { PlatformAdapter } from '../platforms/types';
import { Overlay } from './overlay';

const MARKER = 'data-centime';

const warn = (error: unknown) => console.warn(error);

/**
 * Content-side glue shared by every platform: read the page through the adapter and tell the background.
 * Single-page sites change route without reloading, so each `wxt:locationchange` reads the page again.
 */
export function runAdapter(ctx: ContentScriptContext, adapter: PlatformAdapter): void {
  const root = document.documentElement;
  // An extension reload injects the script again into open tabs: the old copy's ctx is invalidated (and drops
  // the marker), so two live copies never report the same page twice.
  if (root.hasAttribute(MARKER)) return;
  root.setAttribute(MARKER, 'live');
  ctx.onInvalidated(() => root.removeAttribute(MARKER));

  const here = () => new URL(location.href);

  const inspect = async () => {
    const url = here();
    const pageKind = adapter.pageKind(document, url);
    const alert = adapter.pageAlert?.(document, url) ?? null;
    const taskId = adapter.taskIdFromUrl(url);
    // The page first (it may confirm the previous task's submit), then the task it shows.
    await sendToBackground('cs-bg-page-seen', { platform: adapter.id, pageKind, alert, taskId });
    if (pageKind !== 'task' || alert === 'unavailable') return;
    const snapshot = adapter.readTask(document, url, Date.now());
    if (!snapshot) return;
    await sendToBackground('cs-bg-task-seen', snapshot);
    showLive(ctx, adapter.id, snapshot.taskId);
  };
  inspect().catch(warn);
  ctx.addEventListener(window, 'wxt:locationchange', () => void inspect().catch(warn));

  const claim = (outcome: 'submitted' | 'returned') => {
    const taskId = adapter.taskIdFromUrl(here());
    if (taskId) sendToBackground('cs-bg-task-claim', { platform: adapter.id, taskId, outcome }).catch(warn);
  };
  if (adapter.isSubmitMessage) {
    ctx.addEventListener(window, 'message', (event) => {
      if (adapter.isSubmitMessage?.(event, document, here())) claim('submitted');
    });
  }
  if (adapter.isReturnForm) {
    // Capture phase: the page may navigate as soon as its own handlers run.
    ctx.addEventListener(
      document,
      'submit',
      (event) => {
        if (event.target instanceof HTMLFormElement && adapter.isReturnForm?.(event.target, here())) claim('returned');
      },
      { capture: true },
    );
  }
}

const LIVE_POLL_MS = 5_000;

/**
 * The overlay on a task page: the background's figures every 5 s while the page is visible (each request
 * also wakes a stopped worker), ticked forward every second in between.
 */
function showLive(ctx: ContentScriptContext, platform: string, taskId: string): void {
  let overlay: Overlay | null = null;
  const refresh = async () => {
    if (document.visibilityState !== 'visible') return;
    const { view, overlay: wanted } = await sendToBackground('cs-bg-live', { platform, taskId });
    if (!view || !wanted) {
      overlay?.unmount();
      overlay = null;
      return;
    }
    if (!overlay) {
      overlay = new Overlay();
      await overlay.mount();
    }
    overlay.show(view, Date.now());
  };
  void refresh().catch(warn);
  ctx.setInterval(() => void refresh().catch(warn), LIVE_POLL_MS);
  ctx.setInterval(() => overlay?.render(Date.now()), 1_000);
  ctx.addEventListener(document, 'visibilitychange', () => void refresh().catch(warn));
  ctx.onInvalidated(() => overlay?.unmount());
}
