import { launchChromium } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { site } from './support/mturk-flows';
import { pauseFlow } from './support/pause-flow';

pauseFlow(async () => {
  const h = await launchChromium(site);
  return { driver: chromiumDriver(h), close: () => h.close() };
});
