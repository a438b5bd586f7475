import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { mturkFlows, site } from './support/mturk-flows';

mturkFlows(async () => {
  const h = await launchFirefox(site);
  return { driver: firefoxDriver(h), close: () => h.close() };
});
