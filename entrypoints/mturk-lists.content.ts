import { MTURK_BALANCE_PAGES, MTURK_MATCHES, MTURK_TASK_PAGES } from '@/lib/platforms/hosts';
import { readListing } from '@/lib/platforms/mturk-listing';
import { readQueue } from '@/lib/platforms/mturk-queue';
import { runListings } from '@/lib/runtime/run-listings';
import { answerFetches } from '@/lib/runtime/tab-fetch';

// Search results and the queue only: task pages never load this script (their budget is the smaller one).
export default defineContentScript({
  matches: MTURK_MATCHES,
  excludeMatches: [...MTURK_TASK_PAGES, ...MTURK_BALANCE_PAGES],
  runAt: 'document_idle',
  main: (ctx) => {
    runListings(ctx, { id: 'mturk', readListing, readQueue });
    answerFetches(ctx);
  },
});
