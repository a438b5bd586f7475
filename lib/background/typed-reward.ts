import { readReward } from '../../components/ManualReward';
import { fillDetails } from '../domain/task-details';
import { broadcastChanged } from '../messaging';
import { parseMoney, type Money } from '../domain/money';
import type { CustomAdapter } from '../platforms/custom';
import { adapterById } from '../platforms/registry';
import { taskKey } from '../storage/history-db';
import { loadSettings } from '../storage/settings';
import type { Handlers } from './router';
import type { TaskWriter } from './task-writer';
import type { Tracker } from './tracker';

type RewardHandlers = Pick<Handlers, 'cs-bg-task-reward' | 'ui-bg-task-reward' | 'cs-bg-details-seen'>;

/**
 * The reward a worker types for a task whose page could not give it (issue 19): from the overlay on the task
 * page (its text, read here as the manual timer's reward is, with `readReward`) or from the popup (ManualReward,
 * already an amount). It fills a missing reward only: a reward the page gave is corrected in the history, as an
 * edit, never here.
 */
export function rewardHandlers(tracker: Tracker, writer: TaskWriter): RewardHandlers {
  async function fill(platform: string, taskId: string, reward: Money): Promise<boolean> {
    const wall = tracker.now().wall;
    const saved = await writer.serial(() =>
      writer.update(taskKey(platform, taskId), (old) => (old?.missing?.includes('reward') ? fillDetails(old, { reward }) : null), wall),
    );
    if (!saved) return false;
    // The overlay and the badge follow the stored task: a new decision sends them its reward and rate.
    await tracker.reevaluate();
    await broadcastChanged(['tasks']);
    return true;
  }
  return {
    'cs-bg-task-reward': async ({ platform, taskId, text }) => {
      const read = readReward(text, await currencyOf(platform, text));
      if ('error' in read) return { saved: false, problem: read.error };
      if (!read.reward) return { saved: false, problem: null };
      return { saved: await fill(platform, taskId, read.reward), problem: null };
    },
    'ui-bg-task-reward': async ({ platform, taskId, reward }) => ({ saved: await fill(platform, taskId, reward) }),
    // A page that lists tasks (MTurk's queue) fills in what the pages of the open ones could not give.
    'cs-bg-details-seen': async ({ platform, rows }) => {
      const open = await writer.open();
      const wall = tracker.now().wall;
      let filled = 0;
      for (const row of rows) {
        const key = taskKey(platform, row.taskId);
        if (!open.has(key)) continue;
        const saved = await writer.serial(() => writer.update(key, (old) => (old?.missing ? fillDetails(old, row) : null), wall));
        if (saved) filled++;
      }
      if (filled) {
        await tracker.reevaluate();
        await broadcastChanged(['tasks']);
      }
      return { filled };
    },
  };
}

/**
 * The currency a typed reward is in: the custom site's own, MTurk's (always US dollars); elsewhere (Prolific pays
 * in pounds or dollars) the one its symbol names, else the worker's display currency.
 */
async function currencyOf(platform: string, text: string): Promise<string> {
  const rule = (adapterById(platform) as Partial<CustomAdapter> | undefined)?.rule;
  if (rule) return rule.currency;
  if (platform === 'mturk') return 'USD';
  return parseMoney(text)?.currency ?? (await loadSettings()).settings.displayCurrency;
}
