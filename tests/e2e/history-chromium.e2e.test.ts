import { expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { historyFlows } from './support/history-page';

historyFlows('Chromium', async () => {
  const h = await launchChromium({});
  return {
    driver: chromiumDriver(h),
    openHistory: async () => {
      const page = await h.openExtensionPage('task-history.html');
      await page.setViewportSize({ width: 1400, height: 900 });
      return {
        evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
        run: (source) => page.evaluate(source),
        press: (key) => page.keyboard.press(key),
        scheme: (colorScheme) => page.emulateMedia({ colorScheme }),
        shot: (path) => page.screenshot({ path }),
        close: () => page.close(),
      };
    },
    close: () => h.close(),
  };
});

it("opens from the popup's History button, in a tab of its own", async () => {
  const h = await launchChromium({});
  try {
    const popup = await h.openExtensionPage('popup.html');
    const opened = h.context.waitForEvent('page');
    await popup.click('.open-history');
    const page = await opened;
    await page.waitForSelector('#history-title');
    expect(page.url()).toBe(`chrome-extension://${h.extensionId}/task-history.html`);
  } finally {
    await h.close();
  }
});
