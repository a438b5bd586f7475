import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { syncOptIn } from './support/sync-optin';

// Firefox's storage.sync works in a temporary profile with no Firefox account: kept locally, quotas enforced.
syncOptIn(async () => {
  const h = await launchFirefox({});
  return {
    driver: firefoxDriver(h),
    syncItems: () => h.background.evaluate((bg) => bg.browser.storage.sync.get(null)),
    close: () => h.close(),
  };
});
