import { PROLIFIC_MATCHES } from '@/lib/platforms/hosts';
import { prolific } from '@/lib/platforms/prolific';
import { localDate, submissionsAsStatuses } from '@/lib/platforms/prolific-sync';
import { sendToBackground } from '@/lib/messaging';
import { runAdapter } from '@/lib/runtime/run-adapter';
import { runListings } from '@/lib/runtime/run-listings';
import { watchDom } from '@/lib/runtime/spa';

// Prolific is a single-page app: the adapter is read again as its pages render and its routes change.
export default defineContentScript({
  matches: PROLIFIC_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => {
    // The studies list: each study's rate at the worker's own pace or Prolific's estimate, under the minimum marked.
    runListings(ctx, { id: prolific.id, readListing: prolific.readListing }, watchDom);
    let sent = '';
    runAdapter(ctx, prolific, {
      watch: watchDom,
      // The submissions page: each study's status and amount, matched by study id (sent when they change).
      onPage: (url) => {
        if (prolific.pageKind(document, url) !== 'balance') return;
        const statuses = submissionsAsStatuses(prolific.readSubmissions(document, url), localDate(new Date()));
        const key = JSON.stringify(statuses);
        if (statuses.length === 0 || key === sent) return;
        sent = key;
        sendToBackground('cs-bg-balance-page', { platform: prolific.id, statuses: statuses.slice(0, 200) }).catch((e: unknown) => console.warn(e));
      },
    });
  },
});
