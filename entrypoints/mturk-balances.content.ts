import { readDashboard } from '@/lib/platforms/mturk-balances';
import { readStatusDetails } from '@/lib/platforms/mturk-status';
import { runBalances } from '@/lib/runtime/run-balances';

// Only the pages that show money: no other page carries these readers.
export default defineContentScript({
  matches: ['https://worker.mturk.com/dashboard*', 'https://worker.mturk.com/status_details/*'],
  runAt: 'document_idle',
  main: (ctx) => runBalances(ctx, { id: 'mturk', readDashboard, readStatusDetails }),
});
