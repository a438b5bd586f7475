import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { morePlatforms, site } from './support/more-platforms';

morePlatforms(async () => {
  const h = await launchFirefox(site);
  return { driver: firefoxDriver(h), close: () => h.close() };
});
