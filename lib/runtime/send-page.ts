import { sendToBackground } from '../messaging';
import { EstimatesPanel } from './estimates-panel';
import { claimPage, type PageContext } from './page-context';

const warn = (error: unknown) => console.warn(error);

/**
 * A platform page's script: it sends the page as it is to the background, which reads it with the platform's
 * adapter (`lib/background/page-reader.ts`) and answers the estimates panel where the page lists tasks. The
 * page carries no readers, no `Intl` and no message catalogue (issue 18, docs/page-cost.md).
 * A full-load site sends each page once; a single-page site passes `watch` (spa.ts), which sends it again when
 * its route changes or its DOM settles, and only when it changed.
 */
export function sendPage(ctx: PageContext, platform: string, watch?: (ctx: PageContext, resend: () => void) => void): boolean {
  if (!claimPage(ctx)) return false;
  // Names this document: what the background already heard from it is not handled twice.
  const doc = Math.random().toString(36).slice(2);
  let last = '';
  let panel: EstimatesPanel | null = null;
  const send = async () => {
    // Read, never written: the page's own markup goes to the background as text, to be parsed there.
    // eslint-disable-next-line no-restricted-properties
    const html = document.documentElement.outerHTML;
    if (html === last || ctx.isInvalid) return;
    // Kept to compare only where the page can change under the script (a page can be a few hundred kB).
    if (watch) last = html;
    const answer = await sendToBackground('cs-bg-page-html', { platform, url: location.href, doc, html });
    if (ctx.isInvalid) return;
    if (answer.panel) (panel ??= new EstimatesPanel()).show(answer.panel);
    else panel?.unmount();
  };
  void send().catch(warn);
  watch?.(ctx, () => void send().catch(warn));
  ctx.onInvalidated(() => panel?.unmount());
  return true;
}
