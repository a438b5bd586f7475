import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from './support/axe';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { site } from './support/mturk-flows';
import { pageAccess, type AccessPage } from './support/page-access';
import { afternoonZone, history } from './support/session-history';

// axe-core checks the extension's own pages in both themes (WCAG 2 A and AA): tests/e2e/support/axe.ts; the
// popup and options pages as in Firefox (tests/e2e/support/page-access.ts), then the popup's work sessions.

pageAccess(async () => {
  const h: ChromiumHarness = await launchChromium(site);
  return {
    driver: chromiumDriver(h),
    open: async (path, scheme) => {
      const page = await h.openExtensionPage(path);
      await page.emulateMedia({ colorScheme: scheme });
      return Object.assign(page, { press: (key: string) => page.keyboard.press(key) }) as unknown as AccessPage;
    },
    close: () => h.close(),
  };
});

describe('Chromium: the popup’s work sessions pass axe in light and dark themes', () => {
  let h: ChromiumHarness;
  const tz = process.env.TZ;
  beforeAll(async () => {
    // Seeded sessions today and a day earlier in the week (tests/e2e/support/session-history.ts).
    process.env.TZ = afternoonZone();
    h = await launchChromium({});
    await chromiumDriver(h).importHistory(history());
  });
  afterAll(async () => {
    await h?.close();
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const tab of ['day', 'week'] as const) {
      it(`the ${tab} in the ${scheme} theme, every session's tasks shown`, async () => {
        const page = await h.openExtensionPage('popup.html');
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForSelector('.period-summary');
        if (tab === 'week') {
          await page.click('#period-tab-week');
          await page.waitForSelector('table.days');
        }
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        expect(await violations(page)).toEqual([]);
        await page.close();
      });
    }
  }
});
