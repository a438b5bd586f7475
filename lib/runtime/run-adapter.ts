import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendToBackground } from '../messaging';
import type { PlatformAdapter } from '../platforms/types';
import { Overlay } from './overlay';

const MARKER = 'data-centime';

const warn = (error: unknown) => console.warn(error);

export interface RunOptions {
  /**
   * A single-page app draws its pages after load and on every route change: `watch` (e.g. `watchDom` from
   * `spa.ts`) calls `reread` when the DOM settles, and only what changed is told to the background. Passed in,
   * not imported, so MTurk's task-page script does not carry it.
   */
  watch?(ctx: ContentScriptContext, reread: () => void): void;
  /** Also called after each read (e.g. Prolific's submissions rows). */
  onPage?(url: URL): void;
}

/**
 * Content-side glue shared by every platform: read the page through the adapter and tell the background.
 * Single-page sites change route without reloading, so each `wxt:locationchange` reads the page again.
 */
export function runAdapter(ctx: ContentScriptContext, adapter: PlatformAdapter, options: RunOptions = {}): void {
  const root = document.documentElement;
  // An extension reload injects the script again into open tabs: the old copy's ctx is invalidated (and drops
  // the marker), so two live copies never report the same page twice.
  if (root.hasAttribute(MARKER)) return;
  root.setAttribute(MARKER, 'live');
  ctx.onInvalidated(() => root.removeAttribute(MARKER));

  const here = () => new URL(location.href);

  let lastPage = '';
  let lastTask = '';
  let live: { taskId: string; stop: () => void } | null = null;
  const inspect = async () => {
    const url = here();
    options.onPage?.(url);
    const pageKind = adapter.pageKind(document, url);
    const alert = adapter.pageAlert?.(document, url) ?? null;
    const taskId = adapter.taskIdFromUrl(url);
    // The page first (it may confirm the previous task's submit), then the task it shows; each once per change.
    const page = JSON.stringify([url.href, pageKind, alert, taskId]);
    if (page !== lastPage) {
      lastPage = page;
      lastTask = '';
      await sendToBackground('cs-bg-page-seen', { platform: adapter.id, pageKind, alert, taskId });
    }
    const snapshot = pageKind === 'task' && alert !== 'unavailable' ? adapter.readTask(document, url, Date.now()) : null;
    if (live && live.taskId !== snapshot?.taskId && live.taskId !== taskId) {
      live.stop();
      live = null;
    }
    if (!snapshot || JSON.stringify(snapshot) === lastTask) return;
    lastTask = JSON.stringify(snapshot);
    await sendToBackground('cs-bg-task-seen', snapshot);
    if (live?.taskId !== snapshot.taskId) live = { taskId: snapshot.taskId, stop: showLive(ctx, adapter.id, snapshot.taskId) };
  };
  inspect().catch(warn);
  ctx.addEventListener(window, 'wxt:locationchange', () => void inspect().catch(warn));
  options.watch?.(ctx, () => void inspect().catch(warn));

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
function showLive(ctx: ContentScriptContext, platform: string, taskId: string): () => void {
  let overlay: Overlay | null = null;
  let stopped = false;
  const refresh = async () => {
    if (stopped || document.visibilityState !== 'visible') return;
    const { view, overlay: wanted } = await sendToBackground('cs-bg-live', { platform, taskId });
    if (stopped) return;
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
  const onVisible = () => void refresh().catch(warn);
  void refresh().catch(warn);
  const poll = ctx.setInterval(onVisible, LIVE_POLL_MS);
  const tick = ctx.setInterval(() => overlay?.render(Date.now()), 1_000);
  document.addEventListener('visibilitychange', onVisible);
  // A single-page app moves to another page without unloading this one: that stops it too.
  const stop = () => {
    stopped = true;
    clearInterval(poll);
    clearInterval(tick);
    document.removeEventListener('visibilitychange', onVisible);
    overlay?.unmount();
    overlay = null;
  };
  ctx.onInvalidated(stop);
  return stop;
}
