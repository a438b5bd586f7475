import { launchChromium } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { sessionFlows, site } from './support/sessions';

sessionFlows(async () => {
  const h = await launchChromium(site);
  return { driver: chromiumDriver(h), close: () => h.close() };
});
