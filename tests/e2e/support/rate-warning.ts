import { expect } from 'vitest';
import { sidecar } from './fixtures';
import { fixtureHtml } from './served';

/**
 * The pages of the live-warning tests (both browsers): the real task-page fixture with only the reward changed,
 * a $0.01 HIT (under the prefilled $7.25/h minimum within 5 s) and a $12 one (above the target for an hour).
 */
const task = sidecar('mturk/task-page.json');
const gbp = sidecar('mturk/task-page-gbp.json');
export const withReward = (dollars: string) =>
  fixtureHtml('mturk/task-page.html').replace('amountInDollars&quot;:0.5', `amountInDollars&quot;:${dollars}`);
export const CHEAP = task.url;
export const RICH = gbp.url.replace(/assignment_id=[^&]+/, 'assignment_id=3RICHASSIGNMENT000000000000X');
/** The badge's colours (`BADGE_COLOURS` in `lib/background/live.ts`): red under the minimum, amber between it and the target, green at or above the target. */
export const RED = [207, 34, 46, 255];
export const AMBER = [154, 103, 0, 255];
export const GREEN = [26, 127, 55, 255];
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BadgeReading {
  text: string;
  color: number[];
}

/** Reads the badge every 50 ms until `done` says so (or the time is up): every reading, in order. */
export async function watchBadge(read: () => Promise<BadgeReading>, done: (b: BadgeReading) => boolean, timeoutMs: number): Promise<BadgeReading[]> {
  const seen: BadgeReading[] = [];
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const b = await read();
    seen.push(b);
    if (done(b)) break;
    await sleep(50);
  }
  return seen;
}

/**
 * The $0.01 HIT, from the moment its page opens: the badge first counts down ("5s" … "1s": 4,968.9 ms of active
 * time at or above $7.25/h), green or amber (under the $10.00 target after 3.6 s), then turns red with its rate.
 */
export async function expectCheapBadge(read: () => Promise<BadgeReading>): Promise<void> {
  const seen = await watchBadge(read, (b) => b.text !== '' && b.color.join() === RED.join(), 15_000);
  const shown = seen.filter((b) => b.text !== '');
  expect(shown[0]!.text).toMatch(/^\d+s$/);
  expect(Number(shown[0]!.text.slice(0, -1))).toBeLessThanOrEqual(5);
  // Each countdown text in green or amber, one second down at a time (the badge ticks between the tracker's 5 s
  // beats) to "1s"; then the rate, in red.
  const countdown = shown.filter((b) => /^\d+s$/.test(b.text));
  for (const b of countdown) expect([GREEN.join(), AMBER.join()]).toContain(b.color.join());
  const seconds = [...new Set(countdown.map((b) => Number(b.text.slice(0, -1))))];
  expect(seconds).toEqual(Array.from({ length: seconds[0]! }, (_, i) => seconds[0]! - i));
  const last = shown.at(-1)!;
  expect(last.color).toEqual(RED);
  expect(Number(last.text)).toBeGreaterThan(0);
  expect(Number(last.text)).toBeLessThan(7.25);
}

/**
 * The $12 HIT in its first minute: 5,962,732.9 ms at or above $7.25/h, "1h39" (to the nearest minute) until
 * 52.7 s of active time have passed, in green (far above the target); its overlay leads with "1:39:xx left at
 * $7.25/h or more" and shows no rate yet (a rate from seconds means nothing: only the minimum's "/h" is there).
 */
export async function expectRichBadge(read: () => Promise<BadgeReading>): Promise<void> {
  const seen = await watchBadge(read, (b) => b.text === '1h39' && b.color.join() === GREEN.join(), 6_000);
  expect(seen.at(-1)).toEqual({ text: '1h39', color: GREEN });
  // Until the background has decided over the new tab (its page may load first on a busy machine), the badge can
  // still show the $0.01 HIT that was in front: its rate, in red; and the text and the colour are two calls, so the
  // new text may show a moment before its colour. Never anything else.
  for (const b of seen.slice(0, -1).filter((r) => r.text !== '' && r.text !== '1h39')) {
    expect(b.color).toEqual(RED);
    expect(Number(b.text)).toBeLessThan(7.25);
  }
}

export function expectRichOverlay(text: string): void {
  expect(text).toMatch(/1:39:\d\d left at \$7\.25\/h or more/);
  expect(text.match(/\$[\d,.]+\/h/g)).toEqual(['$7.25/h']);
  expect(text).toContain('At or above your target');
  expect(text).toMatch(/0:\d\d active/);
}

/** Under the minimum, the overlay shows the rate alone, with the warning's words: no countdown any more. */
export function expectCheapOverlay(text: string): void {
  expect(text).toContain('Under your minimum of $7.25/h');
  expect(text).not.toContain('left at');
  const rates = (text.match(/\$([\d.]+)\/h/g) ?? []).filter((r) => r !== '$7.25/h');
  expect(rates).toHaveLength(1);
  expect(Number(rates[0]!.slice(1, -2))).toBeLessThan(7.25);
}
