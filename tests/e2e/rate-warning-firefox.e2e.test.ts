import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sidecar } from './support/fixtures';
import { launchFirefox, type FirefoxHarness } from './support/firefox';
import { fixtureHtml, type Site } from './support/served';

// The live warning in real Firefox, as in Chromium: a $0.01 HIT falls under the prefilled $7.25/h minimum and
// its overlay and the toolbar badge say so; a $12 HIT's do not. The pages are the real task-page fixture with
// only the reward changed.
const task = sidecar('mturk/task-page.json');
const gbp = sidecar('mturk/task-page-gbp.json');
const withReward = (dollars: string) =>
  fixtureHtml('mturk/task-page.html').replace('amountInDollars&quot;:0.5', `amountInDollars&quot;:${dollars}`);
const CHEAP = task.url;
const RICH = gbp.url.replace(/assignment_id=[^&]+/, 'assignment_id=3RICHASSIGNMENT000000000000X');
const path = (url: string) => url.split('?')[0]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const RED = [207, 34, 46, 255];
const GREEN = [26, 127, 55, 255];

describe('Firefox: the live warning under the minimum', () => {
  let h: FirefoxHarness;
  beforeAll(async () => {
    // Both HITs share a path (the assignment id is in the query): the served page follows the query.
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
