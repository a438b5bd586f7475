import { PROLIFIC_MATCHES } from '@/lib/platforms/hosts';
import { pageContext } from '@/lib/runtime/page-context';
import { sendPage } from '@/lib/runtime/send-page';
import { watchDom } from '@/lib/runtime/spa';

// Prolific is a single-page app: its page goes to the background as it loads, and again when its route changes
// or its DOM settles after a change; the background reads it (the studies list and its panel, a study, the
// submissions' statuses, the completion page: lib/background/page-reader.ts) and injects the overlay on a study.
export default defineContentScript({
  matches: PROLIFIC_MATCHES,
  runAt: 'document_idle',
  main: () => sendPage(pageContext('prolific'), 'prolific', watchDom),
});
