import { firefoxDriver } from './support/driver';
import { launchFirefox } from './support/firefox';
import { historyFlows } from './support/history-page';

historyFlows('Firefox', async () => {
  const h = await launchFirefox({});
  return {
    driver: firefoxDriver(h),
    openHistory: async () => {
      const page = await h.openExtensionPage('task-history.html');
      await page.setViewport({ width: 1400, height: 900 });
      return {
        evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
        run: (source) => page.evaluate(source),
        press: (key) => page.keyboard.press(key as never),
        scheme: (value) => h.colorScheme(value),
        shot: (path) => page.screenshot({ path: path as `${string}.png` }),
        close: () => page.close(),
      };
    },
    close: () => h.close(),
  };
});
