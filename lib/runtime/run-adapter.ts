import { claimPage, type PageContext } from './page-context';
import { sendToBackground } from '../messaging';
import type { PlatformAdapter } from '../platforms/types';
import { watchClaims } from './claims';

const warn = (error: unknown) => console.warn(error);

export interface RunOptions {
  /**
   * A single-page app draws its pages after load and on every route change: `watch` (e.g. `watchDom` from
   * `spa.ts`) calls `reread` then, and only what changed is told to the background.
   */
  watch?(ctx: PageContext, reread: () => void): void;
}

/**
 * A custom site's page (its rule's adapter is built in the page, from the worker's own rule): read it and tell
 * the background. The platforms' pages are read by the background instead (`send-page.ts`). The background
 * shows the live overlay on task pages (it injects it: `lib/background/overlay.ts`), so this script sets no
 * timer of its own.
 */
export function runAdapter(ctx: PageContext, adapter: PlatformAdapter, options: RunOptions = {}): void {
  if (!claimPage(ctx)) return;

  const here = () => new URL(location.href);

  let lastPage = '';
  let lastTask = '';
  const inspect = async () => {
    const url = here();
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
    if (!snapshot || JSON.stringify(snapshot) === lastTask) return;
    lastTask = JSON.stringify(snapshot);
    await sendToBackground('cs-bg-task-seen', snapshot);
  };
  inspect().catch(warn);
  options.watch?.(ctx, () => void inspect().catch(warn));
  watchClaims(ctx, adapter);
}
