import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { site } from './support/mturk-flows';
import { pauseFlow } from './support/pause-flow';

pauseFlow(async () => {
  const h = await launchFirefox(site);
  return { driver: firefoxDriver(h), close: () => h.close() };
});
