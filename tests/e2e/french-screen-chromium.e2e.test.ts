import { launchChromium } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { frenchScreenFlows } from './support/french-screen';

// Chromium in French: `--lang=fr` words the extension's messages, Playwright's `locale` the region of its formats.
frenchScreenFlows(async () => {
  const h = await launchChromium({}, undefined, { ui: 'fr', locale: 'fr-FR' });
  return { driver: chromiumDriver(h), close: () => h.close() };
});
