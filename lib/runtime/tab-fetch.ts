import { browser } from 'wxt/browser';
import type { PageContext } from './page-context';

/** What the background asks an open platform tab to fetch, and what the tab answers. */
export interface TabFetchRequest {
  type: 'bg-cs-fetch';
  url: string;
}
export interface TabFetchReply {
  status: number;
  url: string;
  redirected: boolean;
  body: string;
}

/**
 * Lets the background's refresh read a page of this platform through this tab: a same-origin request, with the
 * worker's session as the page itself has it. (Chromium attaches no SameSite=Lax cookie to an extension's own
 * requests; the page's are same-site.) Only the background may ask, and only for this tab's own origin.
 * Answered through `sendResponse`: content scripts go without the polyfill, and Chrome's own `onMessage` takes
 * no promise for an answer.
 */
export function answerFetches(ctx: PageContext): void {
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (reply?: TabFetchReply) => void) => {
    const m = message as Partial<TabFetchRequest> | null;
    if (m?.type !== 'bg-cs-fetch' || typeof m.url !== 'string' || sender.id !== browser.runtime.id || sender.tab) return undefined;
    let url: URL;
    try {
      url = new URL(m.url);
    } catch {
      return undefined;
    }
    if (url.origin !== location.origin) return undefined;
    fetch(url, { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' })
      .then(async (response) =>
        sendResponse({
          status: response.status,
          url: response.url || url.href,
          redirected: response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400),
          body: await response.text(),
        }),
      )
      // A failed request answers nothing: the background's call rejects and it reads the page itself instead.
      .catch(() => sendResponse());
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}
