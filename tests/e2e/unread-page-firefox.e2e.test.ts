import type { Page } from 'puppeteer-core';
import { firefoxDriver, type Tab } from './support/driver';
import { launchFirefox } from './support/firefox';
import { unreadFlows, unreadSite } from './support/unread-page';

unreadFlows(async () => {
  const h = await launchFirefox(unreadSite);
  return { driver: firefoxDriver(h), overlay: (tab: Tab) => h.overlay(tab as unknown as Page), close: () => h.close() };
});
