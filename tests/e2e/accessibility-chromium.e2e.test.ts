import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { violations } from './support/axe';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { chromiumDriver } from './support/driver';
import { routeKey, sidecar } from './support/fixtures';
import { afternoonZone, history } from './support/session-history';

// axe-core checks the extension's own pages in both themes (WCAG 2 A and AA): tests/e2e/support/axe.ts.
const task = sidecar('mturk/task-page.json');

describe('Chromium: the popup and options pages pass axe in light and dark themes', () => {
  let h: ChromiumHarness;
  beforeAll(async () => {
    h = await launchChromium({ [routeKey(task.url)]: { fixture: 'mturk/task-page.html' } });
    // A task, so that the popup shows its list and not only the empty state.
    const mturk = await h.context.newPage();
    await mturk.goto(task.url);
    for (let i = 0; i < 100 && !(await h.readRecord(`task:mturk:${task.expected.taskId}`)); i++) {
      await mturk.waitForTimeout(100);
    }
  });
  afterAll(async () => h?.close());

  for (const scheme of ['light', 'dark'] as const) {
    for (const path of ['popup.html', 'options.html'] as const) {
      it(`${path} in the ${scheme} theme`, async () => {
        const page = await h.openExtensionPage(path);
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForSelector(path === 'popup.html' ? '.tasks li' : 'form');
        if (path === 'options.html') {
          // The custom-site editor too: a preset (marked, needing setup) and a blank site with a problem shown.
          await page.waitForSelector('#sites-title');
          await page.selectOption('#preset', 'microworkers');
          await page.click('#sites-title ~ .bar button:first-of-type');
          await page.selectOption('#preset', '');
          await page.click('#sites-title ~ .bar button:first-of-type');
          await page.click('#sites-title ~ .bar button:nth-of-type(2)');
          await page.waitForSelector('fieldset[data-rule] .error');
        }
        expect(await violations(page)).toEqual([]);
        await page.close();
      });
    }
  }

  it('reaches every control of the popup with the keyboard', async () => {
    const page = await h.openExtensionPage('popup.html');
    await page.waitForSelector('.tasks li');
    await page.waitForSelector('.period-summary');
    const controls = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, summary, [tabindex="0"]')].filter((e) => !(e as HTMLElement).hidden && (e as HTMLElement).tabIndex >= 0).length,
    );
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        return e ? `${e.tagName}:${e.id || e.textContent}` : '';
      }));
    }
    for (const name of ['BUTTON:Settings', 'BUTTON:period-tab-day', 'BUTTON:Refresh from MTurk', 'INPUT:', 'BUTTON:Start timer']) expect(reached).toContain(name);
    // Every focusable control is reached (the period's other tabs by the arrow keys, as tabs are).
    expect(reached.size).toBeGreaterThanOrEqual(controls);
    await page.close();
  });

  it('reaches every control of the options page with the keyboard', async () => {
    const page = await h.openExtensionPage('options.html');
    await page.waitForSelector('form');
    await page.waitForSelector('#sites-title');
    // Every control of the settings form (its lists' rows, Add and Remove buttons included), and the custom sites' first ones.
    const count = await page.evaluate(() => {
      const controls = [...document.querySelectorAll('form input, form button, form select, #preset')];
      controls.forEach((e, i) => e.setAttribute('data-kb', String(i)));
      return controls.length;
    });
    expect(count).toBeGreaterThan(25);
    const reached = new Set<string>();
    for (let i = 0; i < count + 10; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.getAttribute('data-kb') ?? ''));
    }
    for (let i = 0; i < count; i++) expect(reached).toContain(String(i));
    await page.close();
  });
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
