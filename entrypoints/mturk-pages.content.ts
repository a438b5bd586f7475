import { MTURK_MATCHES, MTURK_TASK_PAGES } from '@/lib/platforms/hosts';
import { pageContext } from '@/lib/runtime/page-context';
import { sendPage } from '@/lib/runtime/send-page';
import { answerFetches } from '@/lib/runtime/tab-fetch';

// Every MTurk page but task pages, the one Centime script there: the page goes to the background, which reads it
// (platform time, the "HIT Submitted" alert, balances) and answers the panel of what each listed HIT would pay.
// The tab also lets the background's refresh read MTurk with the worker's own session (tab-fetch.ts).
export default defineContentScript({
  matches: MTURK_MATCHES,
  excludeMatches: MTURK_TASK_PAGES,
  runAt: 'document_idle',
  main: () => {
    const ctx = pageContext('mturk-pages');
    sendPage(ctx, 'mturk');
    answerFetches(ctx);
  },
});
