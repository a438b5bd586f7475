import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
import { CHEAP, GREEN, RED, RICH, sleep, withReward } from './support/rate-warning';
import type { Site } from './support/served';

// The live warning in real Firefox, as in Chromium: a $0.01 HIT falls under the prefilled $7.25/h minimum and
// its overlay and the toolbar badge say so; a $12 HIT's do not. The pages are the real task-page fixture with
// only the reward changed.
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

  it('turns the overlay into a warning and the badge red when a $0.01 HIT falls under $7.25/h', async () => {
    const page = await h.page();
    await page.goto(CHEAP);
    await sleep(7_000); // $0.01 in 7 s is $5.14/h
    await expect.poll(async () => (await h.overlay(page)).box, { timeout: 6_000 }).toBe('box under');
    expect((await h.overlay(page)).text).toContain('Under your minimum of $7.25/h');
    await expect.poll(async () => (await h.background.badge()).color, { timeout: 6_000 }).toEqual(RED);
    expect(Number((await h.background.badge()).text)).toBeLessThan(7.25);
    await page.close();
  });

  it('keeps a $12 HIT out of the warning', async () => {
    const page = await h.page();
    await page.goto(RICH);
    await sleep(3_000);
    await expect.poll(async () => (await h.overlay(page)).box, { timeout: 6_000 }).toBe('box good');
    expect((await h.overlay(page)).text).toContain('At or above your target');
    await expect.poll(async () => (await h.background.badge()).color, { timeout: 6_000 }).toEqual(GREEN);
  });
});
