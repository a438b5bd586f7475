import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { dataFlows, site } from './support/data-flows';

dataFlows(async () => {
  const h = await launchFirefox(site);
  return { driver: firefoxDriver(h), close: () => h.close() };
});
