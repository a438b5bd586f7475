import { chromiumDriver } from './support/driver';
import { launchChromium } from './support/chromium';
import { dataFlows, site } from './support/data-flows';

dataFlows(async () => {
  const h = await launchChromium(site);
  return { driver: chromiumDriver(h), close: () => h.close() };
});
