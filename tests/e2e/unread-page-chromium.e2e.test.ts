import type { Page } from 'playwright-core';
import { launchChromium, overlayOf } from './support/chromium';
import { chromiumDriver, type Tab } from './support/driver';
import { unreadFlows, unreadSite } from './support/unread-page';

unreadFlows(async () => {
  const h = await launchChromium(unreadSite);
  return { driver: chromiumDriver(h), overlay: (tab: Tab) => overlayOf(h, tab as unknown as Page), close: () => h.close() };
});
