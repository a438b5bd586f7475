import { launchChromium } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { site } from './support/mturk-flows';
import { platformSwitch } from './support/platform-switch';

platformSwitch(async () => {
  const h = await launchChromium(site);
  return { driver: chromiumDriver(h), close: () => h.close() };
});
