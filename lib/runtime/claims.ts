import { sendToBackground } from '../messaging';
import type { PlatformAdapter } from '../platforms/types';
import type { PageContext } from './page-context';

const warn = (error: unknown) => console.warn(error);

/**
 * How a task page's task ends, seen where only the page can see it: a submit message from the task's own
 * iframe, or the Return form being sent. Each is a claim, which the page that follows confirms.
 */
export function watchClaims(ctx: PageContext, adapter: Pick<PlatformAdapter, 'id' | 'taskIdFromUrl' | 'isSubmitMessage' | 'isReturnForm'>): void {
  const here = () => new URL(location.href);
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
