import { launchFirefox } from './support/firefox';
import { firefoxDriver } from './support/driver';
import { site } from './support/mturk-flows';
import { platformSwitch } from './support/platform-switch';

platformSwitch(async () => {
  const h = await launchFirefox(site);
  return { driver: firefoxDriver(h), close: () => h.close() };
});
