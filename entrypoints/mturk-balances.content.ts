import { MTURK_BALANCE_PAGES } from '@/lib/platforms/hosts';
import { readDashboard } from '@/lib/platforms/mturk-balances';
import { readEarnings } from '@/lib/platforms/mturk-earnings';
import { readStatusDetails } from '@/lib/platforms/mturk-status';
import { runBalances } from '@/lib/runtime/run-balances';
import { answerFetches } from '@/lib/runtime/tab-fetch';

// Only the pages that show money: no other page carries these readers.
export default defineContentScript({
  matches: MTURK_BALANCE_PAGES,
  runAt: 'document_idle',
  main: (ctx) => {
    runBalances(ctx, { id: 'mturk', readDashboard, readStatusDetails, readEarnings });
    answerFetches(ctx);
  },
});
