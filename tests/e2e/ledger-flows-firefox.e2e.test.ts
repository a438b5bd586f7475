import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { ledgerFlows, site } from './support/ledger-flows';

ledgerFlows(async () => {
  const h = await launchFirefox(site);
  return { driver: firefoxDriver(h), close: () => h.close() };
});
