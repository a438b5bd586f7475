import { MTURK_TASK_PAGES } from '@/lib/platforms/hosts';
import { isReturnForm, isSubmitMessage } from '@/lib/platforms/mturk-flow';
import { taskIdFromUrl } from '@/lib/platforms/mturk-urls';
import { watchClaims } from '@/lib/runtime/claims';
import { listenForOverlay } from '@/lib/runtime/overlay-listen';
import { pageContext } from '@/lib/runtime/page-context';
import { sendPage } from '@/lib/runtime/send-page';

// MTurk's task pages, the one Centime script there: the page goes to the background, which reads the task and
// drives the overlay this script carries (lib/background/page-reader.ts, overlay.ts: every page it runs on is a
// task page, and one script costs the page less than two); here also what the page alone can see, the task's
// submit message and Return form. Every other MTurk page has mturk-pages.content.ts.
export default defineContentScript({
  matches: MTURK_TASK_PAGES,
  runAt: 'document_idle',
  main: () => {
    const ctx = pageContext('mturk');
    if (!sendPage(ctx, 'mturk')) return;
    // Listening before the background can answer: its first overlay message follows its reading of the page.
    listenForOverlay();
    watchClaims(ctx, { id: 'mturk', taskIdFromUrl, isSubmitMessage, isReturnForm });
  },
});
