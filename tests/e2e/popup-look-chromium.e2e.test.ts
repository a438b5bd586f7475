import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from './support/axe';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { routeKey, sidecar } from './support/fixtures';
import { approvedEarlier, dayBalances, history, afternoonZone } from './support/session-history';
import { withReward } from './support/rate-warning';
import { fixtureHtml, ROOT } from './support/served';

// The popup, options and overlay as a worker sees them, light and dark, English and French: a seeded day (two
// sessions across MTurk and Prolific, balances with a payout bar), a task open in front, an exchange rate. axe
// checks each page. `npm run screenshots` (CENTIME_README_SHOTS=1) writes the pictures into docs/screenshots for
// the README; otherwise (npm test) they go to CENTIME_SHOTS or a temporary folder, and no tracked file changes.
const task = sidecar('mturk/task-page.json');
// Another HIT path, paying $0.01: under the prefilled $7.25/h minimum after 5 s.
const cheap = sidecar('mturk/task-page-gbp.json').url.replace(/assignment_id=[^&]+/, 'assignment_id=3CHEAPASSIGNMENT00000000000X');
const SHOTS = process.env.CENTIME_README_SHOTS ? `${ROOT}docs/screenshots` : (process.env.CENTIME_SHOTS ?? `${tmpdir()}/centime-shots`);
const SCHEMES = ['light', 'dark'] as const;
/** The task page with its title and requester as a worker reads them (the fixture's markup-like text tests escaping elsewhere). */
const readable = (html: string) =>
  html
    .replaceAll('(\\&quot;quick\\&quot; &lt;b&gt;batch&lt;/b&gt;)', '(quick batch)')
    .replaceAll('(&quot;quick&quot; &lt;b&gt;batch&lt;/b&gt;)', '(quick batch)')
    .replaceAll('Stanford Vision Lab &amp; &lt;Co&gt;', 'Stanford Vision Lab');

/** The overlay (fixed at the page's bottom right) with the page around it, as a worker sees it over a HIT. */
async function overlayShot(page: Page, path: string): Promise<void> {
  await page.screenshot({ path, clip: { x: 520, y: 370, width: 380, height: 150 } });
}

// `npm test` looks in English (axe light and dark, every page pictured); `npm run screenshots` in French too. The
// French screens' words are held by french-screen-*.e2e.test.ts in both browsers, so npm test skips only pictures.
const LANGS = [
  { ui: 'en-US', locale: 'en-US', name: 'en' },
  ...(process.env.CENTIME_README_SHOTS ? [{ ui: 'fr', locale: 'fr-FR', name: 'fr' }] : []),
];

describe.each(LANGS)('Chromium in $ui: the popup, options and overlay, light and dark', (lang) => {
  let h: ChromiumHarness;
  let mturk: Page;
  const tz = process.env.TZ;
  const shot = (what: string, scheme: string) => `${SHOTS}/${what}-${lang.name}-${scheme}.png`;
  beforeAll(async () => {
    process.env.TZ = afternoonZone();
    mkdirSync(SHOTS, { recursive: true });
    h = await launchChromium(
      { [routeKey(task.url)]: { html: readable(fixtureHtml('mturk/task-page.html')) }, [routeKey(cheap)]: { html: readable(withReward('0.01')) } },
      undefined,
      { ui: lang.ui, locale: lang.locale },
    );
    await chromiumDriver(h).importHistory({ ...history(), ...dayBalances() });
    mturk = await h.context.newPage();
    await mturk.setViewportSize({ width: 900, height: 520 });
    await mturk.goto(task.url);
    for (let i = 0; i < 100 && !(await h.readRecord(`task:mturk:${task.expected.taskId}`)); i++) await mturk.waitForTimeout(100);
    // Exchange rates entered three days ago, so that today's GBP and USD add up in the display currency (the
    // region's: USD in en-US, EUR in fr-FR); payout thresholds for the bars, one reached and one not yet.
    const enteredAt = Date.now() - 3 * 86_400_000;
    const exchangeRates =
      lang.name === 'fr'
        ? [{ from: 'GBP', to: 'EUR', rate: 1.16, enteredAt }, { from: 'USD', to: 'EUR', rate: 0.92, enteredAt }]
        : [{ from: 'GBP', to: 'USD', rate: 1.27, enteredAt }];
    const page = await h.openExtensionPage('options.html');
    await page.evaluate(async (exchangeRates) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime;
      const send = (type: string, payload: unknown) => runtime.sendMessage({ type, payload });
      const { data } = (await send('ui-bg-get-options', {})) as { data: { settings: { minRates: object; targetRates: object } } };
      const { minRates, targetRates } = data.settings;
      await send('ui-bg-save-settings', {
        ...data.settings,
        // A worker shown euros keeps a minimum in euros too.
        ...(exchangeRates[0]!.to === 'EUR' ? { minRates: { ...minRates, EUR: 900 }, targetRates: { ...targetRates, EUR: 1200 } } : {}),
        exchangeRates,
        payoutThresholds: { mturk: [{ minor: 2000, currency: 'USD' }], prolific: [{ minor: 500, currency: 'GBP' }] },
      });
    }, exchangeRates);
    await page.close();
  });
  afterAll(async () => {
    await h?.close();
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  for (const scheme of SCHEMES) {
    it(`popup and options in the ${scheme} theme`, async () => {
      const popup = await h.openExtensionPage('popup.html');
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 380, height: 600 });
      // The task's tab in front again (opening the popup as a tab took the front): it ticks in the popup.
      await mturk.bringToFront();
      await popup.reload();
      await popup.waitForSelector('.period-summary');
      await popup.waitForSelector('.tasks li');
      await popup.waitForSelector('.balance-list');
      await popup.waitForTimeout(1_200);
      await popup.screenshot({ path: shot('popup', scheme), fullPage: true });
      expect(await popup.locator('.summary-earned').count()).toBe(1);
      // The summary's band, the converted marks, the ticking task, the balances: axe in this theme, details open.
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
      await options.screenshot({ path: shot('options', scheme), fullPage: true });
      expect(await violations(options)).toEqual([]);
      await options.close();
    });
  }

  it('the overlay above the minimum and under it, light and dark', async () => {
    for (const scheme of SCHEMES) {
      await mturk.emulateMedia({ colorScheme: scheme });
      await mturk.bringToFront();
      await mturk.waitForTimeout(1_200);
      await overlayShot(mturk, shot('overlay-above-minimum', scheme));
    }
    const under = await h.context.newPage();
    await under.setViewportSize({ width: 900, height: 520 });
    await under.goto(cheap);
    await under.waitForTimeout(7_000);
    for (const scheme of SCHEMES) {
      await under.emulateMedia({ colorScheme: scheme });
      await under.waitForTimeout(300);
      await overlayShot(under, shot('overlay-under-minimum', scheme));
    }
    await under.close();
  });

  it('the history (its tasks and its figures) and the yearly statement, light and dark', async () => {
    // Work approved and paid out earlier in the year, for the statement (after the popup's pictures: it moves
    // Prolific's withdrawable).
    await chromiumDriver(h).importHistory(approvedEarlier());
    for (const scheme of SCHEMES) {
      const history = await h.openExtensionPage('task-history.html');
      await history.emulateMedia({ colorScheme: scheme });
      await history.setViewportSize({ width: 1280, height: 800 });
      await history.waitForSelector('.history-table [role="row"][aria-rowindex="2"]');
      await history.screenshot({ path: shot('history-tasks', scheme) });
      expect(await violations(history)).toEqual([]);
      await history.click('#tab-figures');
      await history.waitForSelector('#panel-figures table');
      // The charts draw on a canvas once their data is in.
      await history.waitForTimeout(800);
      await history.screenshot({ path: shot('history-figures', scheme), fullPage: true });
      expect(await violations(history)).toEqual([]);
      await history.close();
      const statement = await h.openExtensionPage('statement.html');
      await statement.emulateMedia({ colorScheme: scheme });
      await statement.setViewportSize({ width: 900, height: 700 });
      await statement.waitForSelector('.statement-table, .statement .empty');
      await statement.screenshot({ path: shot('statement', scheme), fullPage: true });
      expect(await violations(statement)).toEqual([]);
      await statement.close();
    }
  });

  it('the manual timer running, in the light theme', async () => {
    const popup = await h.openExtensionPage('popup.html');
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.waitForSelector('.manual form');
    await popup.fill('.manual input', 'Transcription for a client');
    await popup.click('.manual button[type="submit"]');
    await popup.waitForSelector('.manual [role="timer"]');
    await popup.waitForTimeout(1_200);
    await popup.screenshot({ path: `${SHOTS}/popup-manual-timer-${lang.name}-light.png`, fullPage: true });
    expect(await violations(popup)).toEqual([]);
    await popup.close();
  });
});
