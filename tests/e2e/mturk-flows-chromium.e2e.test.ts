import { launchChromium } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { mturkFlows, site } from './support/mturk-flows';

mturkFlows(async () => {
  const h = await launchChromium(site);
  return { driver: chromiumDriver(h), close: () => h.close() };
});
