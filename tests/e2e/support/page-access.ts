import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from './axe';
import type { Driver } from './driver';
import { sidecar } from './fixtures';

/**
 * The popup and options pages for everyone (issue 15, item 6), the same in both browsers: axe finds no violation
 * (WCAG 2 A and AA) in the light and the dark theme, and the Tab key alone reaches every control.
 */
const task = sidecar('mturk/task-page.json');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Scheme = 'light' | 'dark';
export type ExtensionPage = 'popup.html' | 'options.html';

/** An extension page, whichever library drives it. */
export interface AccessPage {
  evaluate<R, A = null>(fn: string | ((arg: A) => R | Promise<R>), arg?: A): Promise<R>;
  /** A real key press (the browser moves the focus). */
  press(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface AccessBrowser {
  driver: Driver;
  /** The page, loaded, in the colour scheme asked for. */
  open(path: ExtensionPage, scheme: Scheme): Promise<AccessPage>;
  close(): Promise<void>;
}

async function until(page: AccessPage, selector: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await page.evaluate((s: string) => document.querySelector(s) !== null, selector)) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${selector}`);
}

/** Runs in the options page: chooses a preset ('' for a blank site). */
function choosePreset(value: string): void {
  const preset = document.querySelector<HTMLSelectElement>('#preset')!;
  preset.value = value;
  preset.dispatchEvent(new Event('change', { bubbles: true }));
}
/** Runs in the options page: clicks the custom sites' button `n` (1: Add, 2: Save sites); how many sites are in the editor. */
function sitesButton(n: number): number {
  document.querySelector<HTMLButtonElement>(`#sites-title ~ .bar button:nth-of-type(${n})`)!.click();
  return document.querySelectorAll('fieldset[data-rule]').length;
}

/** The custom-site editor with a preset (marked, needing setup) and a blank site, saved: its problem shown. */
async function fillSiteEditor(page: AccessPage): Promise<void> {
  for (const [i, preset] of ['microworkers', ''].entries()) {
    await page.evaluate(choosePreset, preset);
    await sleep(200); // the choice re-renders before Add reads it
    await page.evaluate(sitesButton, 1);
    for (let k = 0; k < 50 && (await page.evaluate(() => document.querySelectorAll('fieldset[data-rule]').length, null)) <= i; k++) await sleep(100);
  }
  await page.evaluate(sitesButton, 2);
  await until(page, 'fieldset[data-rule] .error');
}

/** Marks every control the Tab key should reach (`data-kb`) and says how many there are. */
function markControls(selector: string): number {
  const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((e) => !e.hidden && e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled);
  controls.forEach((e, i) => e.setAttribute('data-kb', String(i)));
  return controls.length;
}

/** Presses Tab `times` times; which marked controls had the focus. */
async function tabThrough(page: AccessPage, times: number): Promise<Set<string>> {
  const reached = new Set<string>();
  for (let i = 0; i < times; i++) {
    await page.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.getAttribute('data-kb') ?? '', null));
  }
  return reached;
}

export function pageAccess(launch: () => Promise<AccessBrowser>) {
  describe('the popup and options pages: axe in both themes, the keyboard alone', () => {
    let b: AccessBrowser;
    beforeAll(async () => {
      b = await launch();
      // A task, so that the popup shows its list and not only the empty state.
      const tab = await b.driver.newTab();
      await tab.goto(task.url);
      for (let i = 0; i < 100 && !(await b.driver.readRecord(`task:mturk:${task.expected.taskId}`)); i++) await sleep(100);
    });
    afterAll(async () => b?.close());

    for (const scheme of ['light', 'dark'] as const) {
      for (const path of ['popup.html', 'options.html'] as const) {
        it(`${path} in the ${scheme} theme`, async () => {
          const page = await b.open(path, scheme);
          // The theme asked for is the one the page shows (else axe would check the light one twice).
          expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches, null)).toBe(scheme === 'dark');
          if (path === 'popup.html') {
            await until(page, '.tasks li');
            await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)), null);
          } else {
            // The custom-site editor too: a preset and a blank site, saved, with its problem shown.
            await until(page, '#sites-title');
            await fillSiteEditor(page);
          }
          expect(await violations(page)).toEqual([]);
          await page.close();
        });
      }
    }

    it('reaches every control of the popup with the Tab key', async () => {
      const page = await b.open('popup.html', 'light');
      await until(page, '.tasks li');
      await until(page, '.period-summary');
      // The period's other tabs are reached by the arrow keys, as tabs are: only the chosen one is a tab stop.
      const count = await page.evaluate(markControls, 'button, input, select, summary, a[href], [tabindex="0"]');
      expect(count).toBeGreaterThan(6);
      const reached = await tabThrough(page, count + 10);
      for (let i = 0; i < count; i++) expect(reached).toContain(String(i));
      await page.close();
    });

    it('reaches every control of the options page with the Tab key', async () => {
      const page = await b.open('options.html', 'light');
      await until(page, 'form');
      await until(page, '#sites-title');
      // Every control of the settings form (its lists' rows, Add and Remove buttons included), and the custom sites' first ones.
      const count = await page.evaluate(markControls, 'form input, form button, form select, #preset');
      expect(count).toBeGreaterThan(25);
      const reached = await tabThrough(page, count + 10);
      for (let i = 0; i < count; i++) expect(reached).toContain(String(i));
      await page.close();
    });
  });
}
