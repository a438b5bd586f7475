import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumHarness } from './support/chromium';

// The options lists end to end (issue 15 item 3): a EUR minimum and an exchange rate with the day it was
// entered, saved through the background, still there after a reload.

describe('Chromium: options keep a new currency’s rates and a dated exchange rate', () => {
  let h: ChromiumHarness;
  beforeAll(async () => {
    h = await launchChromium({});
  });
  afterAll(async () => h?.close());

  it('adds a EUR minimum and target and a EUR → USD rate, saves, and finds them after a reload', async () => {
    const page = await h.openExtensionPage('options.html');
    await page.waitForSelector('[data-testid="rates"]');
    await page.click('[data-testid="rates"] > button');
    const row = page.locator('[data-testid="rates"] .list-row').last();
    await row.locator('input.currency-code').fill('EUR');
    await row.locator('input[id^="min-"]').fill('9,50');
    await row.locator('input[id^="target-"]').fill('12');
    await page.click('[data-testid="currencies"] > button');
    const fx = page.locator('[data-testid="currencies"] .list-row').last();
    await fx.locator('input[id^="fx-from-"]').fill('EUR');
    await fx.locator('input[id^="fx-to-"]').fill('USD');
    await fx.locator('input[id^="fx-rate-"]').fill('1.08');
    // Saved with the keyboard: Enter in a field submits the form.
    await fx.locator('input[id^="fx-rate-"]').press('Enter');
    await page.waitForSelector('.options-actions [role="status"]');

    const stored = (await h.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
      return (await chrome.storage.local.get('settings')).settings;
    }, null)) as {
      minRates: Record<string, number>;
      targetRates: Record<string, number>;
      exchangeRates: { from: string; to: string; rate: number; enteredAt?: number }[];
    };
    expect(stored.minRates).toMatchObject({ EUR: 950, USD: 725 });
    expect(stored.targetRates).toMatchObject({ EUR: 1200 });
    expect(stored.exchangeRates).toEqual([{ from: 'EUR', to: 'USD', rate: 1.08, enteredAt: expect.any(Number) }]);
    expect(Math.abs(stored.exchangeRates[0]!.enteredAt! - Date.now())).toBeLessThan(120_000);

    await page.reload();
    await page.waitForSelector('[data-currency="EUR"]');
    const eur = page.locator('[data-currency="EUR"]');
    expect(await eur.locator('input[id^="min-"]').inputValue()).toBe('9.50');
    expect(await eur.locator('input[id^="target-"]').inputValue()).toBe('12.00');
    const kept = page.locator('[data-pair="EUR>USD"]');
    expect(await kept.locator('input[id^="fx-rate-"]').inputValue()).toBe('1.08');
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(stored.exchangeRates[0]!.enteredAt);
    expect(await kept.locator('[data-testid="entered"]').textContent()).toContain(day);
    await page.close();
  });
});
