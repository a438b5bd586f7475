import { sidecar } from './fixtures';
import { fixtureHtml } from './served';

/**
 * The pages of the live-warning tests (both browsers): the real task-page fixture with only the reward changed,
 * a $0.01 HIT (under the prefilled $7.25/h minimum within seconds) and a $12 one (above the target).
 */
const task = sidecar('mturk/task-page.json');
const gbp = sidecar('mturk/task-page-gbp.json');
export const withReward = (dollars: string) =>
  fixtureHtml('mturk/task-page.html').replace('amountInDollars&quot;:0.5', `amountInDollars&quot;:${dollars}`);
export const CHEAP = task.url;
export const RICH = gbp.url.replace(/assignment_id=[^&]+/, 'assignment_id=3RICHASSIGNMENT000000000000X');
/** The badge's colours (`lib/background/live.ts`): red under the minimum, green at or above the target. */
export const RED = [207, 34, 46, 255];
export const GREEN = [26, 127, 55, 255];
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
