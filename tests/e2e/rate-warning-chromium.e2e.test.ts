import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, overlayOf, type ChromiumHarness } from './support/chromium';
import { readChromiumBadge } from './support/driver';
import { routeKey } from './support/fixtures';
import {
  CHEAP,
  expectCheapBadge,
  expectCheapOverlay,
  expectRichBadge,
  expectRichOverlay,
  GREEN,
  RED,
  RICH,
  sleep,
  watchBadge,
  withReward,
} from './support/rate-warning';

// The live rate in real Chromium (DESIGN.md, "Rates"): a $0.01 HIT's badge counts down its 5 s at or above the
// prefilled $7.25/h minimum, then turns red with its rate, and its overlay warns; a $12 HIT's badge shows the
// 1 h 39 min it has, and its overlay leads with that countdown. The badge follows the task in front. The pages
// are the real task-page fixture with only the reward changed.

/** One reading of the badge: its text and the colour it had with that text (`readChromiumBadge`). */
const badge = (h: ChromiumHarness) => h.evaluate(readChromiumBadge, null);

describe('Chromium: the live warning under the minimum', () => {
  let h: ChromiumHarness;
  beforeAll(async () => {
    h = await launchChromium({
      [routeKey(CHEAP)]: { html: withReward('0.01') },
      [routeKey(RICH)]: { html: withReward('12') },
    });
  });
  afterAll(async () => h?.close());

  let cheap: Page;
  let rich: Page;

  it('counts the $0.01 HIT down on the badge, then turns it red with the rate, and the overlay warns', async () => {
    cheap = await h.context.newPage();
    const opened = cheap.goto(CHEAP);
    await expectCheapBadge(() => badge(h));
    await opened;
    await expect.poll(async () => (await overlayOf(h, cheap)).box, { timeout: 6_000 }).toBe('box under');
    expectCheapOverlay((await overlayOf(h, cheap)).text);
  });

  it('shows the $12 HIT’s 1 h 39 min at or above the minimum, on the badge and leading the overlay', async () => {
    rich = await h.context.newPage();
    await rich.goto(RICH);
    await expectRichBadge(() => badge(h));
    await expect.poll(async () => (await overlayOf(h, rich)).box, { timeout: 6_000 }).toBe('box good');
    expectRichOverlay((await overlayOf(h, rich)).text);
  });

  it('follows the task in front within a second of a tab switch', async () => {
    await cheap.bringToFront();
    const toCheap = await watchBadge(() => badge(h), (b) => b.color.join() === RED.join(), 1_000);
    expect(toCheap.at(-1)!.color).toEqual(RED);
    await sleep(500);
    await rich.bringToFront();
    const toRich = await watchBadge(() => badge(h), (b) => b.text === '1h39' && b.color.join() === GREEN.join(), 1_000); // text and colour are two calls
    expect(toRich.at(-1)).toEqual({ text: '1h39', color: GREEN });
  });
});
