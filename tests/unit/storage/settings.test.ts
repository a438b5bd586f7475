import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearQuarantine, quarantineCount } from '../../../lib/storage/quarantine';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, setBrowserLocale, settingsCache } from '../../../lib/storage/settings';

describe('settings', () => {
  beforeEach(async () => {
    await clearQuarantine();
  });
  afterEach(() => setBrowserLocale());

  it('starts from DESIGN.md prefilled minimums: USD 7.25 and GBP 6.00, targets 10.00 and 9.00, idle 2 min', async () => {
    const { settings, problem } = await loadSettings();
    expect(problem).toBeUndefined();
    expect(settings.minRates).toEqual({ USD: 725, GBP: 600 });
    expect(settings.targetRates).toEqual({ USD: 1000, GBP: 900 });
    expect(settings.idleTimeoutSec).toBe(120);
  });

  it('shows a new install in the currency of the browser region, without changing the defaults', async () => {
    setBrowserLocale(() => 'fr-FR');
    expect((await loadSettings()).settings).toEqual({ ...DEFAULT_SETTINGS, displayCurrency: 'EUR' });
    setBrowserLocale(() => 'en-GB');
    expect((await loadSettings()).settings.displayCurrency).toBe('GBP');
    setBrowserLocale(() => undefined);
    expect((await loadSettings()).settings.displayCurrency).toBe('USD');
    expect(DEFAULT_SETTINGS.displayCurrency).toBe('USD');
    // Once the worker saved, their choice stands whatever the region.
    setBrowserLocale(() => 'ja-JP');
    await saveSettings({ ...DEFAULT_SETTINGS, displayCurrency: 'CHF' });
    expect((await loadSettings()).settings.displayCurrency).toBe('CHF');
  });

  it('saves valid settings and reads them back', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, minRates: { EUR: 1200 }, displayCurrency: 'EUR' });
    expect((await loadSettings()).settings).toMatchObject({ minRates: { EUR: 1200 }, displayCurrency: 'EUR' });
  });

  it('refuses to save invalid settings, keeping the good ones', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, idleTimeoutSec: 60 });
    await expect(saveSettings({ ...DEFAULT_SETTINGS, idleTimeoutSec: 5 })).rejects.toThrow();
    expect((await loadSettings()).settings.idleTimeoutSec).toBe(60);
  });

  it('quarantines invalid stored settings, says why, and shows defaults', async () => {
    await fakeBrowser.storage.local.set({ settings: { v: 1, minRates: { usd: 'cheap' } } });
    const loaded = await loadSettings(1_000);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.problem).toMatch(/^settings: /);
    expect(await quarantineCount()).toBe(1);
    // The original is kept aside once, not again on every read.
    await loadSettings(2_000);
    expect(await quarantineCount()).toBe(1);
  });

  it('as the background reads them: from storage once, then again only after they change (whoever changed them)', async () => {
    const read = vi.spyOn(fakeBrowser.storage.local, 'get');
    const settings = settingsCache();
    expect((await settings()).settings.minRates.USD).toBe(725);
    for (let message = 0; message < 5; message++) await settings();
    expect(read).toHaveBeenCalledTimes(1);
    await saveSettings({ ...DEFAULT_SETTINGS, minRates: { USD: 900 } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await settings()).settings.minRates.USD).toBe(900);
    await fakeBrowser.storage.local.clear();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await settings()).settings.minRates.USD).toBe(725);
    expect(read).toHaveBeenCalledTimes(3);
  });
});
