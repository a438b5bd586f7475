import { launchChromium } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { ledgerFlows, site } from './support/ledger-flows';

ledgerFlows(async () => {
  const h = await launchChromium(site);
  return { driver: chromiumDriver(h), close: () => h.close() };
});
