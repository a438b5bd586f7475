import { MTURK_MATCHES } from '@/lib/platforms/hosts';
import { readListing } from '@/lib/platforms/mturk-listing';
import { readQueue } from '@/lib/platforms/mturk-queue';
import { runListings } from '@/lib/runtime/run-listings';

// Search results and the queue only: task pages never load this script (their budget is the smaller one).
export default defineContentScript({
  matches: MTURK_MATCHES,
  excludeMatches: [
    'https://worker.mturk.com/projects/*/tasks/*',
    'https://worker.mturk.com/dashboard*',
    'https://worker.mturk.com/status_details/*',
  ],
  runAt: 'document_idle',
  main: (ctx) => runListings(ctx, { id: 'mturk', readListing, readQueue }),
});
