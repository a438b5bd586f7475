import { launchChromium } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { morePlatforms, site } from './support/more-platforms';

morePlatforms(async () => {
  const h = await launchChromium(site);
  return { driver: chromiumDriver(h), close: () => h.close() };
});
