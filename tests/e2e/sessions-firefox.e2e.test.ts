import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { sessionFlows, site } from './support/sessions';

sessionFlows(async () => {
  const h = await launchFirefox(site);
  return { driver: firefoxDriver(h), close: () => h.close() };
});
