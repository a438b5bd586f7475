import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney, type Money } from '../../../lib/domain/money';
import { hourlyRate } from '../../../lib/domain/rate';
import { localDay, type DayTotals } from '../../../lib/domain/summary';
import type { Driver, StoredTask, Tab } from './driver';
import { fixtureHtml, type Site } from './served';
import { TOLERANCE_MS } from './tolerance';

/**
 * Prolific and a custom site, the same in both browsers: the built extension on served pages.
 * - Prolific is a single-page app: the served studies list swaps in the study page through `history.pushState`
 *   (no reload), as the real app does; the study opens a survey in a new tab, which sends the worker back to
 *   the completion URL after 10 s.
 * - The custom site is an invented one (tests/fixtures-custom/task-page.html); its rule is typed into the
 *   options page, and the e2e build has its host pre-granted (as "grant access" would).
 */
const STUDY_ID = '665f2b7c9d0e1f2a3b4c5d6e';
const STUDIES = 'https://app.prolific.com/studies';
const STUDY = `${STUDIES}/${STUDY_ID}`;
// A second study, only looked at (tests/fixtures/prolific/study-usd.html).
const VIEWED_ID = '66b2e1d4c3a5f6071829304b';
const VIEWED = `${STUDIES}/${VIEWED_ID}`;
// An ordinary site, no platform's: where the worker goes after closing the study they only looked at.
const ELSEWHERE = 'https://news.example.com/today';
/** How long the worker stays there (the bug report's 25 s; shorter here, at least 5 s, to keep the suite quick). */
const ELSEWHERE_MS = 6_000;
const COMPLETE = 'https://app.prolific.com/submissions/complete';
const SURVEY = 'https://survey.example.org/p/1';
const SURVEY_MS = 10_000;
const TASK = 'https://tasks.example.net/task/48213';
// A second study, paid in dollars (tests/fixtures/prolific/study-usd.json: $3.00), with a shorter survey.
const USD_STUDY_ID = '66a1f0c3b2d4e5f60718293a';
const USD_STUDY = `${STUDIES}/${USD_STUDY_ID}`;
const USD_SURVEY = 'https://survey.example.org/p/2';
const USD_SURVEY_MS = 4_000;

// The app's router, reduced: a click on a study's title fetches the study page and swaps it in, URL pushed.
const SPA = `<script>
document.addEventListener('click', async (event) => {
  const link = event.target.closest('a[href^="/studies/"]');
  if (!link) return;
  event.preventDefault();
  const html = await (await fetch(link.getAttribute('href'))).text();
  history.pushState({}, '', link.getAttribute('href'));
  document.body.replaceWith(new DOMParser().parseFromString(html, 'text/html').body);
});
</script>`;
const withSpa = (html: string) => html.replace('</body>', `${SPA}</body>`);

// The study's own site: after the worker's time there (10 s), it sends them back to Prolific with a code.
const surveyHtml = (ms: number, code: string) => `<!doctype html><title>Survey</title><h1>Survey</h1><script>
setTimeout(() => { location.href = '${COMPLETE}?cc=${code}'; }, ${ms});
</script>`;

export const site: Site = {
  [STUDIES]: { html: withSpa(fixtureHtml('prolific/studies.html')) },
  [STUDY]: { fixture: 'prolific/study.html' },
  [VIEWED]: { fixture: 'prolific/study-usd.html' },
  [ELSEWHERE]: { html: '<!doctype html><title>News</title><h1>Today’s news</h1><p>Nothing to do with any study.</p>' },
  [COMPLETE]: { fixture: 'prolific/complete.html' },
  [USD_STUDY]: { fixture: 'prolific/study-usd.html' },
  [SURVEY]: { html: surveyHtml(SURVEY_MS, 'C1A2B3C4') },
  [USD_SURVEY]: { html: surveyHtml(USD_SURVEY_MS, 'D5E6F7A8') },
  [TASK]: { html: fixtureHtml('../fixtures-custom/task-page.html'), post: { html: '<!doctype html><title>Thanks</title><p class="thanks">Thank you!</p>' } },
  'https://tasks.example.net/tasks/48213/submit': { html: '<!doctype html><title>Thanks</title><p class="thanks">Thank you!</p>' },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(read: () => Promise<T | undefined>, ok: (value: T) => boolean, what: string, tries = 150): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && ok(value)) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sets an input's value as typing would (Preact listens to `input`). */
function typeInto(tab: Tab, selector: string, value: string) {
  return tab.evaluate(
    ([sel, v]: readonly [string, string]) => {
      const input = document.querySelector<HTMLInputElement | HTMLSelectElement>(sel)!;
      input.value = v;
      input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    },
    [selector, value] as const,
  );
}

export function morePlatforms(launch: () => Promise<{ driver: Driver; close: () => Promise<void> }>) {
  describe('Prolific and custom sites', () => {
    let d: Driver;
    let close: () => Promise<void>;
    beforeAll(async () => ({ driver: d, close } = await launch()));
    afterAll(async () => close?.());

    it('times a Prolific study from the list through route changes, 10 s in its survey tab, to the completion page', async () => {
      const tab = await d.newTab();
      await tab.bringToFront();
      await tab.goto(STUDIES);
      await until(() => tab.evaluate(() => document.documentElement.getAttribute('data-centime'), null), (v) => v === 'live', 'the content script');
      // The list's rates before accepting (Prolific's own time estimates, no history yet).
      await until(() => tab.evaluate(() => document.querySelector('centime-estimates') !== null, null), (v) => v, 'the estimates panel');
      // A route change, not a load: the study page is swapped in and the URL pushed.
      await tab.evaluate((id) => document.querySelector<HTMLAnchorElement>(`a[href="/studies/${id}"]`)!.click(), STUDY_ID);
      await until(() => tab.evaluate(() => location.href, null), (href) => href === STUDY, 'the study route');
      // No record is read while time runs: in Firefox a read opens an extension tab, which would take the front.
      await sleep(1_500);
      // "Open study": the survey runs in a new tab; the Prolific tab is hidden behind it.
      const openedAt = Date.now();
      await tab.evaluate((s) => void window.open(s), SURVEY);
      await sleep(1_000);
      expect(await d.isFront(SURVEY, STUDY)).toBe(true);
      await sleep(SURVEY_MS + 2_000);
      const task = await until(() => d.readRecord<StoredTask & { firstSeenAt: number; startedAt?: number; external: boolean }>(`task:prolific:${STUDY_ID}`), (t) => t.status === 'submitted', 'the completion');
      expect(task.external).toBe(true);
      // The study starts when its survey opens: every second from there to the completion page counts, the
      // survey's 10 s; the 1.5 s reading its page before are Prolific's platform time, not the study's.
      expect(Math.abs(task.startedAt! - openedAt)).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(Math.abs(task.activeMs - (task.endedAt! - task.startedAt!))).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(Math.abs(task.activeMs - SURVEY_MS)).toBeLessThanOrEqual(TOLERANCE_MS);
      const day = await d.readRecord<DayTotals>(`agg:${localDay(task.endedAt!, Intl.DateTimeFormat().resolvedOptions().timeZone)}|prolific`);
      expect(day?.platformMs).toBeGreaterThanOrEqual(1_000);
      await tab.close();
    });

    it(`gives no time to a study only looked at: its page closed, then ${ELSEWHERE_MS / 1000} s on another site`, async () => {
      const study = await d.newTab();
      await study.bringToFront();
      await study.goto(VIEWED);
      await until(() => study.evaluate(() => document.documentElement.getAttribute('data-centime'), null), (v) => v === 'live', 'the content script');
      // Reading the study, then closing it without starting it.
      await sleep(1_500);
      await study.close();
      const elsewhere = await d.newTab();
      await elsewhere.bringToFront();
      await elsewhere.goto(ELSEWHERE);
      await sleep(ELSEWHERE_MS);
      // No task (and so no open study) got the time: not in the popup, not in the history.
      // (The pending list's rows have no task id: the first study, submitted, waits there for approval.)
      const popup = await d.readPopup();
      expect(popup.tasks.filter((task) => task.taskId !== null)).toEqual([]);
      expect(await d.readRecord(`task:prolific:${VIEWED_ID}`)).toBeUndefined();
      await elsewhere.close();
    });

    it('shows the study pending in GBP in the popup', async () => {
      const popup = await d.readPopup();
      // The served study pays £10.00 (tests/fixtures/prolific/study.json).
      expect(popup.balances['prolific:GBP']?.pending).toBe('£10.00 pending');
    });

    it("shows each currency's effective rate over its own time, with a USD study done after the GBP one", async () => {
      const tab = await d.newTab();
      await tab.bringToFront();
      await tab.goto(STUDIES);
      await until(() => tab.evaluate(() => document.documentElement.getAttribute('data-centime'), null), (v) => v === 'live', 'the content script');
      await tab.evaluate((id) => document.querySelector<HTMLAnchorElement>(`a[href="/studies/${id}"]`)!.click(), USD_STUDY_ID);
      await until(() => tab.evaluate(() => location.href, null), (href) => href === USD_STUDY, 'the USD study route');
      await sleep(1_000);
      await tab.evaluate((s) => void window.open(s), USD_SURVEY);
      await sleep(USD_SURVEY_MS + 2_000);
      type Study = StoredTask & { reward: Money };
      const usd = await until(() => d.readRecord<Study>(`task:prolific:${USD_STUDY_ID}`), (t) => t.status === 'submitted', 'the USD completion');
      const gbp = (await d.readRecord<Study>(`task:prolific:${STUDY_ID}`))!;
      expect([gbp.reward, usd.reward]).toEqual([{ minor: 1000, currency: 'GBP' }, { minor: 300, currency: 'USD' }]);
      // Different times, so that a rate over both studies' time could not pass for one over its own.
      expect(gbp.activeMs - usd.activeMs).toBeGreaterThan(3_000);
      const popup = await d.readPopup();
      const own = (t: Study) => `${formatMoney(hourlyRate(t.reward, t.activeMs)!, 'en')}/h effective`;
      expect(popup.today['prolific']?.rates).toEqual([`· ${own(gbp)}`, `· ${own(usd)}`]);
      // Two currencies and no exchange rate entered: the true rate asks for one rather than adding them up.
      expect(popup.today['prolific']?.trueRate).toMatch(/^· true rate — add an exchange rate \((GBP|USD) → [A-Z]{3}/);
      await tab.close();
    });

    it('times a task on a custom site whose rule was saved in the options page', async () => {
      const options = await d.openOptions();
      await typeInto(options, '#preset', '');
      await options.click('#sites-title ~ .bar button:first-of-type');
      await until(() => options.evaluate(() => document.querySelectorAll('fieldset[data-rule]').length, null), (n) => n === 1, 'the new site');
      await typeInto(options, '#rule-0-name', 'Taskmill');
      await typeInto(options, '#rule-0-match', 'https://tasks.example.net/task/*');
      await typeInto(options, '#rule-0-titleSelector', 'h1.task-title');
      await typeInto(options, '#rule-0-rewardSelector', '.task-reward');
      await typeInto(options, '#rule-0-currency', 'EUR');
      await typeInto(options, '#rule-0-submit-kind', 'click');
      await typeInto(options, '#rule-0-submit', 'button.btn-primary');
      // "Grant access and turn on": the permission request (already granted in this build) and the save.
      await options.click('fieldset[data-rule] .bar button:not(.link)');
      await until(() => options.evaluate(() => document.querySelector('[role="status"]')?.textContent ?? '', null), (text) => text === 'Sites saved.', 'the save');
      // The rule's id was made when it was added (random, never its place in the list): its script is named by it.
      const id = await options.evaluate(() => document.querySelector('fieldset[data-rule]')!.getAttribute('data-rule')!, null);
      expect(id).toMatch(/^site-[a-z0-9]{8}$/);
      const scripts = await until(() => d.registeredScripts(), (list) => list.some((s) => s.id === `custom-site:${id}`), 'the registered script');
      expect(scripts.find((s) => s.id === `custom-site:${id}`)).toMatchObject({ matches: ['https://tasks.example.net/*'] });
      await options.close();

      const tab = await d.newTab();
      await tab.bringToFront();
      await tab.goto(TASK);
      await until(() => tab.evaluate(() => document.documentElement.getAttribute('data-centime'), null), (v) => v === 'live', 'the custom-site script');
      const key = `task:custom:${id}:tasks.example.net/task/48213`;
      await sleep(5_000);
      const clickedAt = Date.now();
      await tab.click('button.btn-primary');
      await sleep(1_000);
      const task = await until(() => d.readRecord<StoredTask & { firstSeenAt: number; reward: unknown }>(key), (t) => t.status === 'submitted', 'the submit');
      // The reward read with the rule's selector, in the rule's currency ("1,20 €").
      expect(task.reward).toEqual({ minor: 120, currency: 'EUR' });
      expect(Math.abs(task.activeMs - (clickedAt - task.firstSeenAt))).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(task.activeMs).toBeGreaterThanOrEqual(5_000 - TOLERANCE_MS);
      await tab.close();
    });

    it('picks the reward on the page instead of a typed selector, and the pick finds it again after a reload', async () => {
      const site = await d.newTab();
      await site.goto(TASK);
      await until(() => site.evaluate(() => document.documentElement.getAttribute('data-centime'), null), (v) => v === 'live', 'the custom-site script');
      const options = await d.openOptions();
      await until(() => options.evaluate(() => document.querySelectorAll('fieldset[data-rule]').length, null), (n) => n === 1, 'the saved site');
      await typeInto(options, '#rule-0-rewardSelector', '');
      // "Pick on page" beside the reward: Centime brings the site's tab forward with its picker.
      await options.click('#rule-0-rewardSelector + button');
      await until(() => site.evaluate(() => document.querySelector('centime-picker') !== null, null), (v) => v, 'the picker');
      await site.click('.task-reward');
      const picked = await until(
        () => options.evaluate(() => document.querySelector<HTMLInputElement>('#rule-0-rewardSelector')!.value, null),
        (v) => v !== '',
        'the picked selector',
      );
      const finds = () => site.evaluate((sel) => document.querySelector(sel)?.textContent?.trim() ?? null, picked);
      expect(await finds()).toBe('1,20 €');
      // The picker is gone and the page was not acted on.
      expect(await site.evaluate(() => [document.querySelector('centime-picker'), location.pathname] as const, null)).toEqual([null, '/task/48213']);
      await site.goto(TASK);
      expect(await finds()).toBe('1,20 €');
      await options.close();
      await site.close();
    });
  });
}
