import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { frenchScreenFlows } from './support/french-screen';

// Firefox ESR in French: Debian's language pack (firefox-esr-l10n-fr, in .ci/run) and the requested locale.
frenchScreenFlows(async () => {
  const h = await launchFirefox({}, { prefs: { 'intl.locale.requested': 'fr' } });
  return { driver: firefoxDriver(h), close: () => h.close() };
});
