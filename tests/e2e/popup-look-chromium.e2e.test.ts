import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from './support/axe';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { routeKey, sidecar } from './support/fixtures';
import { afternoonZone, history } from './support/session-history';

// The popup and options as a worker sees them, light and dark, English and French: a seeded day (two sessions
// across MTurk and Prolific), a task open in front, an exchange rate. The pictures go to CENTIME_SHOTS (default
// a temporary folder) to be looked at, and axe checks each; the README's own come from chromium.e2e.test.ts.
const task = sidecar('mturk/task-page.json');
const SHOTS = process.env.CENTIME_SHOTS ?? '/tmp/centime-shots';

describe.each([
  { ui: 'en-US', locale: 'en-US' },
  { ui: 'fr', locale: 'fr-FR' },
])('Chromium in $ui: the popup and options, light and dark', (lang) => {
  let h: ChromiumHarness;
  let mturk: Page;
  const tz = process.env.TZ;
  beforeAll(async () => {
    process.env.TZ = afternoonZone();
    mkdirSync(SHOTS, { recursive: true });
    h = await launchChromium({ [routeKey(task.url)]: { fixture: 'mturk/task-page.html' } }, undefined, lang);
    await chromiumDriver(h).importHistory(history());
    mturk = await h.context.newPage();
    await mturk.goto(task.url);
    for (let i = 0; i < 100 && !(await h.readRecord(`task:mturk:${task.expected.taskId}`)); i++) await mturk.waitForTimeout(100);
    // An exchange rate, so that today's GBP and USD add up in the display currency.
    const page = await h.openExtensionPage('options.html');
    await page.evaluate(async () => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime;
      const send = (type: string, payload: unknown) => runtime.sendMessage({ type, payload });
      const { data } = (await send('ui-bg-get-options', {})) as { data: { settings: object } };
      await send('ui-bg-save-settings', { ...data.settings, exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.27 }] });
    });
    await page.close();
  });
  afterAll(async () => {
    await h?.close();
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`popup and options in the ${scheme} theme`, async () => {
      const popup = await h.openExtensionPage('popup.html');
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 380, height: 600 });
      // The task's tab in front again (opening the popup as a tab took the front): it ticks in the popup.
      await mturk.bringToFront();
      await popup.reload();
      await popup.waitForSelector('.period-summary');
      await popup.waitForSelector('.tasks li');
      await popup.waitForTimeout(1_200);
      await popup.screenshot({ path: `${SHOTS}/popup-${lang.ui}-${scheme}.png`, fullPage: true });
      expect(await popup.locator('.summary-earned').count()).toBe(1);
      // The summary's band, the converted marks, the ticking task: axe in this theme too, details open.
      await popup.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      expect(await violations(popup)).toEqual([]);
      await popup.close();
      const options = await h.openExtensionPage('options.html');
      await options.emulateMedia({ colorScheme: scheme });
      await options.setViewportSize({ width: 900, height: 800 });
      await options.waitForSelector('#sites-title');
      // A preset site in the editor too (marked, needing setup).
      await options.selectOption('#preset', 'microworkers');
      await options.click('#sites-title ~ .bar button:first-of-type');
      await options.waitForSelector('fieldset[data-rule]');
      await options.screenshot({ path: `${SHOTS}/options-${lang.ui}-${scheme}.png`, fullPage: true });
      expect(await violations(options)).toEqual([]);
      await options.close();
    });
  }

  it('the manual timer running, in the light theme', async () => {
    const popup = await h.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.waitForSelector('.manual form');
    await popup.fill('.manual input', 'Transcription for a client');
    await popup.click('.manual button[type="submit"]');
    await popup.waitForSelector('.manual [role="timer"]');
    await popup.waitForTimeout(1_200);
    await popup.screenshot({ path: `${SHOTS}/popup-${lang.ui}-manual.png`, fullPage: true });
    expect(await violations(popup)).toEqual([]);
    await popup.close();
  });
});
