import { mturkPage } from '@/lib/platforms/mturk-page';
import { runAdapter } from '@/lib/runtime/run-adapter';

export default defineContentScript({
  matches: mturkPage.matches,
  runAt: 'document_idle',
  main: (ctx) => runAdapter(ctx, mturkPage),
});
