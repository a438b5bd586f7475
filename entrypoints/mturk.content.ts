import { MTURK_TASK_PAGES } from '@/lib/platforms/hosts';
import { isReturnForm, isSubmitMessage } from '@/lib/platforms/mturk-flow';
import { taskIdFromUrl } from '@/lib/platforms/mturk-urls';
import { watchClaims } from '@/lib/runtime/claims';
import { pageContext } from '@/lib/runtime/page-context';
import { sendPage } from '@/lib/runtime/send-page';

// MTurk's task pages, the one Centime script there: the page goes to the background, which reads the task and
// injects the overlay (lib/background/page-reader.ts, overlay.ts); here only what the page alone can see, the
// task's submit message and Return form. Every other MTurk page has mturk-pages.content.ts.
export default defineContentScript({
  matches: MTURK_TASK_PAGES,
  runAt: 'document_idle',
  main: () => {
    const ctx = pageContext('mturk');
    if (sendPage(ctx, 'mturk')) watchClaims(ctx, { id: 'mturk', taskIdFromUrl, isSubmitMessage, isReturnForm });
  },
});
