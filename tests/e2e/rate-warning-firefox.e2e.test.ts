import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
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
import type { Site } from './support/served';

// The live rate in real Firefox, as in Chromium (DESIGN.md, "Rates"): a $0.01 HIT's badge counts down its 5 s
// at or above the prefilled $7.25/h minimum, then turns red with its rate, and its overlay warns; a $12 HIT's
// badge shows the 1 h 39 min it has, and its overlay leads with that countdown. The badge follows the task in
// front. The pages are the real task-page fixture with only the reward changed.
const path = (url: string) => url.split('?')[0]!;

describe('Firefox: the live warning under the minimum', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    // Served pages are keyed by path: the assignment id is in the query.
    const site: Site = {
      [path(CHEAP)]: { html: withReward('0.01') },
      [path(RICH)]: { html: withReward('12') },
    };
    h = await launchFirefox(site);
  });
  afterAll(async () => h?.close());
  let cheap: Page;
  let rich: Page;

  it('counts the $0.01 HIT down on the badge, then turns it red with the rate, and the overlay warns', async () => {
    cheap = await h.page();
    const opened = cheap.goto(CHEAP);
    await expectCheapBadge(() => h.background.badge());
    await opened;
    await expect.poll(async () => (await h.overlay(cheap)).box, { timeout: 6_000 }).toBe('box under');
    expectCheapOverlay((await h.overlay(cheap)).text);
  });

  it('shows the $12 HIT’s 1 h 39 min at or above the minimum, on the badge and leading the overlay', async () => {
    rich = await h.page();
    await rich.goto(RICH);
    await expectRichBadge(() => h.background.badge());
    await expect.poll(async () => (await h.overlay(rich)).box, { timeout: 6_000 }).toBe('box good');
    expectRichOverlay((await h.overlay(rich)).text);
  });

  it('follows the task in front within a second of a tab switch', async () => {
    await cheap.bringToFront();
    const toCheap = await watchBadge(() => h.background.badge(), (b) => b.color.join() === RED.join(), 1_000);
    expect(toCheap.at(-1)!.color).toEqual(RED);
    await sleep(500);
    await rich.bringToFront();
    const toRich = await watchBadge(() => h.background.badge(), (b) => b.text === '1h39' && b.color.join() === GREEN.join(), 1_000); // text and colour are two calls
    expect(toRich.at(-1)).toEqual({ text: '1h39', color: GREEN });
  });
});
