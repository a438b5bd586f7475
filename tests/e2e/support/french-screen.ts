import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { englishOnScreen, visibleTexts } from '../../support/english';
import type { Driver, Tab } from './driver';
import { afternoonZone, history } from './session-history';

/**
 * "The browser in French leaves no English on screen" (issue 15, item 6), the same in both browsers: with the
 * browser's language French, the popup (today and the week, every session's tasks shown) and the options page
 * (with a custom site whose problems are shown), the yearly statement and the history (its list, a task, its
 * figures) have no text, label or title that is an English message whose French text differs; dates, times and
 * money are French too. History is planted as in the sessions scenario.
 */
const fr = JSON.parse(readFileSync('public/_locales/fr/messages.json', 'utf8')) as Record<string, { message: string }>;
const sleep = (delay: number) => new Promise((r) => setTimeout(r, delay));

async function until(tab: Tab, selector: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    // While the tab navigates (to another of Centime's pages) its old document may be gone: ask again.
    if (await tab.evaluate((s: string) => document.querySelector(s) !== null, selector).catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${selector}`);
}

/**
 * Another of Centime's pages in the same tab, as a link would open it (puppeteer's goto between extension pages
 * waits for a load event Firefox never reports to it).
 */
async function open(tab: Tab, url: string): Promise<void> {
  await tab.evaluate((u: string) => void location.assign(u), url);
  for (let i = 0; i < 100; i++) {
    if (await tab.evaluate(() => location.href, null).catch(() => '') === url) return;
    await sleep(100);
  }
  throw new Error(`never reached ${url}`);
}

export function frenchScreenFlows(launch: () => Promise<{ driver: Driver; close: () => Promise<void> }>) {
  describe('no English on a French screen', () => {
    let d: Driver;
    let close: () => Promise<void>;
    const tz = process.env.TZ;
    beforeAll(async () => {
      process.env.TZ = afternoonZone();
      ({ driver: d, close } = await launch());
      await d.importHistory(history());
    });
    afterAll(async () => {
      await close?.();
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });

    it('the popup: today and the week with their sessions, in French words, dates and money', async () => {
      const popup = await d.openPopup();
      await until(popup, '.period-summary .tasks-done');
      expect(await popup.evaluate(() => document.documentElement.lang, null)).toMatch(/^fr/);
      const today = await popup.evaluate(visibleTexts, null);
      expect(today).toContain(fr.openTasks!.message);
      expect(englishOnScreen(today)).toEqual([]);
      await popup.click('#period-tab-week');
      await until(popup, 'table.days');
      await popup.evaluate(() => document.querySelectorAll('details').forEach((e) => (e.open = true)), null);
      const week = await popup.evaluate(visibleTexts, null);
      expect(englishOnScreen(week)).toEqual([]);
      const range = await popup.evaluate(() => document.querySelector('.range')?.textContent ?? '', null);
      expect(range).toMatch(/janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc/);
      // Times of day in French (24 h), money with the French decimal comma and the currency after it.
      expect(week.join(' ')).not.toMatch(/\b[AP]M\b/);
      expect(week.join(' ')).toMatch(/\d,\d\d\s(\$US|£GB)/);
      await popup.close();
    });

    it('the options page, with a custom site whose problems are shown', async () => {
      const options = await d.openOptions();
      await until(options, 'form');
      expect(englishOnScreen(await options.evaluate(visibleTexts, null))).toEqual([]);
      // A blank site, saved: its problems, in words.
      await options.click('#sites-title ~ .bar button:first-of-type');
      await options.click('#sites-title ~ .bar button:nth-of-type(2)');
      await until(options, 'fieldset[data-rule] .error');
      const texts = await options.evaluate(visibleTexts, null);
      expect(texts).toContain(fr.rulesInvalid!.message);
      expect(englishOnScreen(texts)).toEqual([]);
      // Its data card, then the yearly statement, the history's list, a task and its figures (issues 16 and 17).
      expect(texts).toContain(fr.dataTitle!.message);
      const origin = await options.evaluate(() => location.origin, null);
      await open(options, `${origin}/statement.html`);
      await until(options, '.statement-table, .statement .empty');
      expect(englishOnScreen(await options.evaluate(visibleTexts, null))).toEqual([]);
      await open(options, `${origin}/task-history.html`);
      await until(options, '.history-table [role="row"][aria-rowindex="2"] .row-open');
      const list = await options.evaluate(visibleTexts, null);
      expect(list).toContain(fr.historyTitle!.message);
      expect(englishOnScreen(list)).toEqual([]);
      await options.click('.history-table [role="row"][aria-rowindex="2"] .row-open');
      await until(options, 'table.timeline');
      expect(englishOnScreen(await options.evaluate(visibleTexts, null))).toEqual([]);
      await options.click('#tab-figures');
      await until(options, '#panel-figures table');
      const figures = await options.evaluate(visibleTexts, null);
      expect(figures.join(' ')).not.toMatch(/\b[AP]M\b/);
      expect(englishOnScreen(figures)).toEqual([]);
      await options.close();
    });
  });
}
