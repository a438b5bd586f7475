import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { site } from './support/mturk-flows';
import { pageAccess, type AccessPage } from './support/page-access';

// The popup and options pages in Firefox: axe in both themes, the keyboard alone (tests/e2e/support/page-access.ts).
pageAccess(async () => {
  const h = await launchFirefox(site);
  return {
    driver: firefoxDriver(h),
    open: async (path, scheme) => {
      await h.colorScheme(scheme);
      const page = await h.openExtensionPage(path);
      return Object.assign(page, { press: (key: string) => page.keyboard.press(key as never) }) as unknown as AccessPage;
    },
    close: () => h.close(),
  };
});
