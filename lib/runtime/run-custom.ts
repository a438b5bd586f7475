import type { PageContext } from './page-context';
import { browser } from 'wxt/browser';
import { sendToBackground, type PickField } from '../messaging';
import { customAdapter } from '../platforms/custom';
import { matchesPattern, originPatternOf, type CustomRule } from '../platforms/custom-rule';
import { startPicker } from './picker';
import { runAdapter } from './run-adapter';
import { onRoute, watchDom } from './spa';

const warn = (error: unknown) => console.warn(error);

/** What the background sends to start "pick on page" (its labels already translated). */
export interface PickRequest {
  type: 'bg-cs-pick';
  ruleId: string;
  field: PickField;
  labels: { prompt: string; cancel: string };
}

/**
 * On a custom site: the rule's adapter times its task pages like any platform's (read again as the page
 * changes, since many such sites are single-page apps), and the rule says when the task was submitted: an
 * element that appears, a URL that loads, or a click on the submit control.
 */
export function runCustom(ctx: PageContext, rule: CustomRule): void {
  const adapter = customAdapter(rule);
  const here = () => new URL(location.href);
  if (matchesPattern(rule.match, here())) runAdapter(ctx, adapter, { watch: watchDom });

  let reported = '';
  const submitted = () => {
    const url = here();
    // Once per page: a confirmation that stays on screen is one submit.
    if (reported === url.href) return;
    reported = url.href;
    sendToBackground('cs-bg-custom-submitted', { platform: adapter.id, taskId: adapter.taskIdFromUrl(url) }).catch(warn);
  };
  if (rule.submit.kind === 'click') {
    ctx.addEventListener(
      document,
      'click',
      (event) => {
        if (event.target instanceof Element && adapter.isSubmitClick(event.target)) submitted();
      },
      { capture: true },
    );
    return;
  }
  const check = () => {
    if (adapter.isSubmitted(document, here())) submitted();
  };
  check();
  onRoute(ctx, check);
  let timer: number | undefined;
  const observer = new MutationObserver(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = ctx.setTimeout(check, 300);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
}

/** Answers the background's "pick on page" for a rule of this site: the selector picked, or null if cancelled. */
export function listenForPicks(ctx: PageContext, rules: readonly CustomRule[]): void {
  // Answered through `sendResponse` (content scripts go without the polyfill; Chrome's `onMessage` takes no promise).
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (reply: { selector: string | null }) => void) => {
    const m = message as Partial<PickRequest> | null;
    if (m?.type !== 'bg-cs-pick' || !m.labels) return undefined;
    const rule = rules.find((r) => r.id === m.ruleId);
    const origin = rule && originPatternOf(rule);
    if (!origin || !matchesPattern(origin, new URL(location.href))) return undefined;
    startPicker(document, {
      labels: m.labels,
      onPick: (selector) => sendResponse({ selector }),
      onCancel: () => sendResponse({ selector: null }),
    });
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}
