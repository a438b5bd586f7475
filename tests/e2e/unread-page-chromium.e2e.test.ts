import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { chromiumDriver, type Tab } from './support/driver';
import { unreadFlows, unreadSite } from './support/unread-page';

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
  const texts: string[] = [];
  let box = '';
  const walk = (n: CdpNode, inside: boolean) => {
    const here = inside || n.nodeName === 'CENTIME-OVERLAY';
    if (here && n.nodeName === '#text' && n.nodeValue) texts.push(n.nodeValue);
    const cls = n.attributes?.[n.attributes.indexOf('class') + 1];
    if (here && n.nodeName === 'DIV' && cls?.startsWith('box')) box = cls;
    if (n.nodeName !== 'STYLE') for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, here);
  };
  walk(root, false);
  return { text: texts.join(' '), box };
}

unreadFlows(async () => {
  const h = await launchChromium(unreadSite);
  return { driver: chromiumDriver(h), overlay: (tab: Tab) => overlayOf(h, tab as unknown as Page), close: () => h.close() };
});
