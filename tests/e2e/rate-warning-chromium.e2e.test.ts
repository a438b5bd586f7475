import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { routeKey } from './support/fixtures';
import { CHEAP, GREEN, RED, RICH, sleep, withReward } from './support/rate-warning';

// The live warning in real Chromium: a $0.01 HIT falls under the prefilled $7.25/h minimum within 5 s, and
// its overlay and the toolbar badge say so; a $12 HIT's do not. The pages are the real task-page fixture with
// only the reward changed.

interface CdpNode {
  nodeName: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

/** The overlay's text and box class, read through DevTools (which sees into the closed shadow root). */
async function overlayOf(h: ChromiumHarness, page: Page): Promise<{ text: string; box: string }> {
  const cdp = await h.context.newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  await cdp.detach();
  let host: CdpNode | undefined;
  const find = (n: CdpNode) => {
    if (n.nodeName === 'CENTIME-OVERLAY') host = n;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) find(c);
  };
  find(root);
  const texts: string[] = [];
  let box = '';
  const walk = (n: CdpNode) => {
    if (n.nodeName === '#text' && n.nodeValue) texts.push(n.nodeValue);
    const cls = n.attributes?.[n.attributes.indexOf('class') + 1];
    if (n.nodeName === 'DIV' && cls?.startsWith('box')) box = cls;
    if (n.nodeName !== 'STYLE') for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
  };
  if (host) walk(host);
  return { text: texts.join(' '), box };
}

async function badge(h: ChromiumHarness): Promise<{ text: string; color: number[] }> {
  return h.evaluate(async () => {
    const action = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]> } } }).chrome.action;
    return { text: await action.getBadgeText({}), color: await action.getBadgeBackgroundColor({}) };
  }, null);
}

describe('Chromium: the live warning under the minimum', () => {
  let h: ChromiumHarness;
  beforeAll(async () => {
    h = await launchChromium({
      [routeKey(CHEAP)]: { html: withReward('0.01') },
      [routeKey(RICH)]: { html: withReward('12') },
    });
  });
  afterAll(async () => h?.close());

  it('turns the overlay into a warning and the badge red when a $0.01 HIT falls under $7.25/h', async () => {
    const page = await h.context.newPage();
    await page.goto(CHEAP);
    await sleep(7_000); // $0.01 in 7 s is $5.14/h
    await expect.poll(async () => (await overlayOf(h, page)).box, { timeout: 6_000 }).toBe('box under');
    expect((await overlayOf(h, page)).text).toContain('Under your minimum of $7.25/h');
    await expect.poll(async () => (await badge(h)).color, { timeout: 6_000 }).toEqual(RED);
    expect(Number((await badge(h)).text)).toBeLessThan(7.25);
  });

  it('keeps a $12 HIT out of the warning', async () => {
    const page = await h.context.newPage();
    await page.goto(RICH);
    await sleep(3_000);
    await expect.poll(async () => (await overlayOf(h, page)).box, { timeout: 6_000 }).toBe('box good');
    expect((await overlayOf(h, page)).text).toContain('At or above your target');
    // Its rate and active time carry their values (a placeholder the browser's i18n dropped once left "/h").
    expect((await overlayOf(h, page)).text).toMatch(/\$\d[\d,.]*\/h/);
    expect((await overlayOf(h, page)).text).toMatch(/\d:\d\d active/);
    await expect.poll(async () => (await badge(h)).color, { timeout: 6_000 }).toEqual(GREEN);
  });
});
