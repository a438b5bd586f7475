import { launchChromium } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { syncOptIn } from './support/sync-optin';

syncOptIn(async () => {
  const h = await launchChromium({});
  return {
    driver: chromiumDriver(h),
    syncItems: () =>
      h.evaluate(() => (globalThis as unknown as { chrome: { storage: { sync: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.sync.get(null), null),
    close: () => h.close(),
  };
});
