import { mturk } from '@/lib/platforms/mturk';
import { runAdapter } from '@/lib/runtime/run-adapter';

export default defineContentScript({
  matches: mturk.matches,
  runAt: 'document_idle',
  main: (ctx) => runAdapter(ctx, mturk),
});
