import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayTotals } from '../../../lib/domain/summary';
import type { Driver, StoredTask, Tab } from './driver';
import { routeKey, sidecar } from './fixtures';
import { fixtureHtml, type Served, type Site } from './served';
import { TOLERANCE_MS } from './tolerance';

/**
 * MTurk's real flows, the same in both browsers: the built extension on served MTurk pages, every time within
 * ±1 s of what the test spent.
 */
const taskA = sidecar('mturk/task-page.json');
const taskB = sidecar('mturk/task-page-gbp.json');
const taskC = sidecar('mturk/task-page-countdown.json');
const HIT_LIST = 'https://worker.mturk.com/projects';
const QUEUE = 'https://worker.mturk.com/tasks';
const DASHBOARD = 'https://worker.mturk.com/dashboard';
const EARNINGS = 'https://worker.mturk.com/earnings';
const STATUS = 'https://worker.mturk.com/status_details/';
const signIn = sidecar('mturk/amazon-sign-in.json');
/** How the served MTurk answers the dashboard: normally (with a session), or throttled. */
const mturkState = { throttled: false };
const dayKey = (offsetDays: number) => new Date(Date.now() - offsetDays * 86_400_000).toLocaleDateString('en-CA');
const NO_STATUSES = JSON.stringify({ results: [], num_results: 0, total_num_results: 0 });
/** MTurk's day (US Pacific) of an instant. */
const pacificDay = (at: number) => new Date(at).toLocaleDateString('en-CA', { timeZone: 'America/Los_Angeles' });
/** Day 10's HITs as a refresh reads them: two pages of one row, both still Submitted. */
const PAGED_DAY = 10;
const pagedAssignment = (page: number) => `3PAGEDASSIGNMENT${page}${dayKey(PAGED_DAY).replaceAll('-', '')}`;
const pagedStatus = (page: number) =>
  JSON.stringify({
    results: page > 2 ? [] : [{ assignment_id: pagedAssignment(page), hit_id: `3PAGEDHIT${page}`, state: 'Submitted', title: 'Paged', requester_name: 'Lab', requester_id: 'AREQ1', reward: 0.25 }],
    num_results: page > 2 ? 0 : 1,
    total_num_results: 2,
  });
/** What a refresh reads of a day (`?format=json&page_number=N`). */
const statusJson = (offsetDays: number, url: string) =>
  offsetDays === PAGED_DAY ? pagedStatus(Number(new URL(url).searchParams.get('page_number') ?? '1')) : NO_STATUSES;
/** The status-details page of a day, its assignment ids made that day's own (each day lists other HITs). */
const statusPage = (day: string) =>
  fixtureHtml('mturk/status-details.html')
    .replace(/assignment_id&quot;:&quot;([A-Z0-9]+)/g, `assignment_id&quot;:&quot;$1${day.replaceAll('-', '')}`)
    .replace('Status Details for November 20, 2026', `Status Details for ${day}`);
/** Like MTurk: answers only with the worker's session, else redirects to Amazon's sign-in page. */
const withSession = (page: Served): Served => ({
  dynamic: ({ cookie }) =>
    mturkState.throttled
      ? { html: '<!doctype html><title>Too Many Requests</title>', status: 429 }
      : cookie.includes('session-token=')
        ? page
        : { redirect: signIn.url },
});
const EXTERNAL_SUBMIT = 'https://www.mturk.com/mturk/externalSubmit';
const FORGE = 'https://requester.example.org/forge.html';
const SURVEY = 'https://survey.example.org/s/1';

// What a HIT's iframe page posts to MTurk's top page once its form reached externalSubmit (at the wall-clock
// time `at` when given, so that several tabs submit in the same instant).
const POST_SUBMIT = `<!doctype html><title>Submitted</title><script>
  const params = new URLSearchParams(location.search);
  const post = () => parent.postMessage(JSON.stringify({ answer: { q1: 'yes' }, assignmentId: params.get('assignmentId') }), '*');
  const at = Number(params.get('at'));
  if (at) setTimeout(post, Math.max(0, at - Date.now()));
  else post();
</script>`;

export const site: Site = {
  [routeKey(taskA.url)]: { fixture: 'mturk/task-page.html' },
  [routeKey(taskB.url)]: { fixture: 'mturk/task-page-gbp.html' },
  [routeKey(taskC.url)]: { fixture: 'mturk/task-page-countdown.html', post: { redirect: QUEUE } },
  [HIT_LIST]: { fixture: 'mturk/hit-submitted-list.html' },
  [QUEUE]: { fixture: 'mturk/queue.html' },
  [DASHBOARD]: withSession({ fixture: 'mturk/dashboard.html' }),
  [EARNINGS]: withSession({ fixture: 'mturk/earnings.html' }),
  [routeKey(signIn.url)]: { fixture: 'mturk/amazon-sign-in.html' },
  // The last twelve days and tomorrow (MTurk's day can be ahead of the local one): the page a worker opens, or
  // (`?format=json`) what a refresh reads.
  ...Object.fromEntries(
    Array.from({ length: 13 }, (_, k) => k - 1).map((i) => [
      `${STATUS}${dayKey(i)}`,
      { dynamic: ({ url }) => ({ html: url.includes('format=json') ? statusJson(i, url) : statusPage(dayKey(i)) }) } satisfies Served,
    ]),
  ),
  [EXTERNAL_SUBMIT]: { html: POST_SUBMIT },
  // The same message, posted by a requester's own page: it must not count.
  [FORGE]: { html: POST_SUBMIT },
  'https://requester.example.org/hit.html': { html: '<!doctype html><title>HIT</title><form><textarea></textarea></form>' },
  [SURVEY]: { html: '<!doctype html><title>Survey</title><h1>A survey</h1>' },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const assignment = (url: string) => new URL(url).searchParams.get('assignment_id')!;
const key = (url: string) => `task:mturk:${assignment(url)}`;
/** The task URL with another assignment id: the same HIT page, another task. */
const withAssignment = (url: string, id: string) => {
  const u = new URL(url);
  u.searchParams.set('assignment_id', id);
  return u.href;
};

/** Points the task page's iframe at `src` (what the HIT's form does when it posts to externalSubmit). */
function frameTo(tab: Tab, src: string) {
  return tab.evaluate((s) => {
    document.querySelector<HTMLIFrameElement>('iframe.embed-responsive-item')!.src = s;
  }, src);
}

async function until<T>(read: () => Promise<T | undefined>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (value !== undefined && ok(value)) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function mturkFlows(launch: () => Promise<{ driver: Driver; close: () => Promise<void> }>) {
  describe('MTurk flows', () => {
    let d: Driver;
    let close: () => Promise<void>;
    const spent: Record<string, number> = {};
    beforeAll(async () => ({ driver: d, close } = await launch()));
    afterAll(async () => close?.());

    /** Opens a task page in a new front tab; resolves when the content script has run. */
    async function work(url: string): Promise<{ tab: Tab; loadedAt: number }> {
      const tab = await d.newTab();
      await tab.bringToFront();
      await tab.goto(url);
      await until(() => tab.evaluate(() => document.documentElement.getAttribute('data-centime'), null), (v) => v === 'live', 'the content script');
      return { tab, loadedAt: Date.now() };
    }

    async function submit(tab: Tab, url: string): Promise<number> {
      const at = Date.now();
      await frameTo(tab, `${EXTERNAL_SUBMIT}?assignmentId=${assignment(url)}`);
      await sleep(300); // the message reaches the content script, its claim the background
      await tab.goto(HIT_LIST); // MTurk moves on to the HIT list with its "HIT Submitted" alert
      return at;
    }

    it('times a HIT worked for 10 s and submitted through externalSubmit', async () => {
      const { tab, loadedAt } = await work(taskA.url);
      await sleep(3_000);
      // The worker clicks into the HIT: focus moves into its iframe and the top page gets a blur. That is not
      // leaving the task (what is in front comes from the tabs API, not from page focus).
      const blurred = await tab.evaluate(() => {
        let blur = false;
        addEventListener('blur', () => (blur = true));
        document.querySelector<HTMLIFrameElement>('iframe.embed-responsive-item')!.focus();
        return new Promise<boolean>((r) => setTimeout(() => r(blur && document.activeElement?.tagName === 'IFRAME'), 100));
      }, null);
      expect(blurred).toBe(true);
      await sleep(7_000);
      const submittedAt = await submit(tab, taskA.url);
      spent.a = submittedAt - loadedAt;
      const task = await until(() => d.readRecord<StoredTask>(key(taskA.url)), (t) => t.status === 'submitted', 'the submit');
      expect(Math.abs(task.activeMs - spent.a)).toBeLessThanOrEqual(TOLERANCE_MS);
      await tab.close();
    });

    it('ignores a submit message forged by another origin', async () => {
      const url = withAssignment(taskA.url, '3FORGEDASSIGNMENT0000000000X');
      const { tab } = await work(url);
      await tab.evaluate(() => {
        const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
        addEventListener('message', (e) => seen.push(e.origin));
      }, null);
      await frameTo(tab, `${FORGE}?assignmentId=${assignment(url)}`);
      // The forged message did reach the page (so ignoring it is the extension's doing).
      await until(() => tab.evaluate(() => (window as unknown as { seen: string[] }).seen, null), (s) => s.includes('https://requester.example.org'), 'the forged message');
      await tab.goto(HIT_LIST);
      await sleep(500);
      expect((await d.readRecord<StoredTask>(key(url)))?.status).toBe('open');
      await tab.close();
    });

    it('counts 10 s in a survey tab opened from the HIT for that HIT, and nothing for a task tab behind', async () => {
      const behind = await work(taskB.url); // queued in a tab of its own, soon in the background
      const url = withAssignment(taskA.url, '3SURVEYASSIGNMENT00000000000X');
      const hit = await work(url);
      await hit.tab.evaluate((s) => void window.open(s), SURVEY);
      await sleep(1_000);
      expect(await d.isFront(SURVEY, url)).toBe(true);
      await sleep(9_000);
      const submittedAt = await submit(hit.tab, url);
      const task = await until(() => d.readRecord<StoredTask>(key(url)), (t) => t.status === 'submitted', 'the submit');
      expect(Math.abs(task.activeMs - (submittedAt - hit.loadedAt))).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(task.activeMs).toBeGreaterThanOrEqual(10_000 - TOLERANCE_MS);
      const queued = await d.readRecord<StoredTask>(key(taskB.url));
      expect(queued!.status).toBe('open');
      expect(queued!.activeMs).toBeLessThanOrEqual(TOLERANCE_MS);
      await behind.tab.close();
    });

    it('earns nothing for a returned HIT and counts its time as unpaid', async () => {
      const { tab, loadedAt } = await work(taskC.url);
      await sleep(3_000);
      const returnedAt = Date.now();
      await tab.evaluate(() => {
        const form = [...document.querySelectorAll('form')].find((f) => f.querySelector('input[name="_method"][value="delete"]'));
        form!.requestSubmit();
      }, null);
      spent.c = returnedAt - loadedAt;
      const task = await until(() => d.readRecord<StoredTask>(key(taskC.url)), (t) => t.status === 'returned', 'the return');
      expect(Math.abs(task.activeMs - spent.c)).toBeLessThanOrEqual(TOLERANCE_MS);
      const day = new Date().toLocaleDateString('en-CA');
      const today = await d.readRecord<DayTotals>(`agg:${day}|mturk`);
      expect(Math.abs(today!.unpaidActiveMs - spent.c)).toBeLessThanOrEqual(TOLERANCE_MS);
      await tab.close();
    });

    it('shows the right figures in the popup afterwards', async () => {
      const popup = await d.readPopup();
      const mturk = popup.today.mturk!;
      // Two HITs of $0.50 submitted (A and the surveyed one); the returned HIT earns nothing.
      expect(mturk.earned).toBe('$1.00');
      expect(mturk.unpaid).toMatch(/0:0[234] unpaid/);
      expect(popup.tasks.map((t) => t.taskId)).toContain('3FORGEDASSIGNMENT0000000000X');
      expect(popup.tasks.map((t) => t.taskId)).not.toContain(assignment(taskA.url));
      // The two submitted HITs are pending; no dashboard read yet, so no withdrawable figure.
      expect(popup.balances['mturk:USD']).toEqual({ pending: '$1.00 pending', withdrawable: 'withdrawable: open your dashboard once to read it', paidOut: '' });
    });

    it('says the worker is logged out when MTurk answers the refresh with the sign-in page', async () => {
      const { message } = await d.refreshFromPopup();
      expect(message).toBe('You are logged out of MTurk: sign in on worker.mturk.com, then refresh.');
      expect(d.served('/dashboard')).toBe(1);
    });

    it("updates the popup's withdrawable balance from a served dashboard", async () => {
      await d.signIn();
      const tab = await d.newTab();
      await tab.goto(DASHBOARD);
      let popup = await d.readPopup();
      for (let i = 0; i < 30 && !popup.balances['mturk:USD']?.withdrawable.includes('$14.73'); i++) {
        await sleep(200);
        popup = await d.readPopup();
      }
      // "Current Earnings" on the served dashboard is $14.73.
      expect(popup.balances['mturk:USD']!.withdrawable).toMatch(/^≈ \$14\.73 withdrawable \(estimate since .+\)$/);
      await tab.close();
    });

    it('refreshes with the worker’s session: dashboard, earnings, then every page of every pending day, 10 requests at most', async () => {
      // The worker opens the status details of days 2 to 10: each lists a HIT still Submitted. With the two HITs
      // submitted today (on MTurk's Pacific day), eleven status pages are to read: day 10 has two.
      for (let i = 2; i <= 10; i++) {
        const tab = await d.newTab();
        await tab.goto(`${STATUS}${dayKey(i)}`);
        await until(() => d.readRecord<StoredTask>(`task:mturk:3AB7XZ1Q4T6Y8U0I2O4P6A8S0D2F4G${dayKey(i).replaceAll('-', '')}`), (t) => t.status === 'submitted', `day ${i}'s pending HIT`);
        await tab.close();
      }
      const submittedToday = await Promise.all([key(taskA.url), key(withAssignment(taskA.url, '3SURVEYASSIGNMENT00000000000X'))].map((k) => d.readRecord<StoredTask>(k)));
      const todays = [...new Set(submittedToday.map((t) => pacificDay(t!.endedAt!)))].sort();
      const page = (i: number, n = 1) => d.served(`${STATUS}${dayKey(i)}?format=json&page_number=${n}`);
      const before = { json: d.served('format=json'), dashboard: d.served('/dashboard'), earnings: d.served('/earnings') };

      const first = await d.refreshFromPopup();
      expect(first.message).toBe('Refreshed (10 requests to MTurk).');
      // The dashboard, the transfer history, then the oldest pending days: both pages of day 10, days 9 to 4.
      expect([d.served('/dashboard') - before.dashboard, d.served('/earnings') - before.earnings, d.served('format=json') - before.json]).toEqual([1, 1, 8]);
      expect([page(PAGED_DAY, 1), page(PAGED_DAY, 2), page(PAGED_DAY, 3)]).toEqual([1, 1, 0]);
      for (let i = 4; i <= 9; i++) expect(page(i)).toBe(1);
      for (let i = 2; i <= 3; i++) expect(page(i)).toBe(0);
      // Page 2 was applied: its HIT is a pending record of day 10.
      expect((await d.readRecord<StoredTask>(`task:mturk:${pagedAssignment(2)}`))?.status).toBe('submitted');
      expect(first.reading.balances['mturk:USD']!.withdrawable).toMatch(/^≈ \$14\.73 withdrawable/);
      // The served transfer history: $25.30 + $31.08 + $18.90.
      expect(first.reading.balances['mturk:USD']!.paidOut).toMatch(/^Paid out \$75\.28 \(as of .+\)$/);

      // The next refresh goes on where that one stopped: days 3 and 2, then today's Pacific day.
      const second = await d.refreshFromPopup();
      expect(second.message).toBe(`Refreshed (${4 + todays.length} requests to MTurk).`);
      expect([d.served('/dashboard') - before.dashboard, d.served('/earnings') - before.earnings]).toEqual([2, 2]);
      for (let i = 2; i <= 9; i++) expect(page(i)).toBe(1);
      for (const day of todays) expect(d.served(`${STATUS}${day}?format=json&page_number=1`)).toBe(1);
      expect(d.served('format=json') - before.json).toBe(10 + todays.length);
    }, 150_000); // two refreshes: at the product's pace (3 s a request), 45 s of waiting; the e2e build paces at 0.3 s

    it('after a 429, sends no request for an hour, also after the background restarts', async () => {
      mturkState.throttled = true;
      const first = await d.refreshFromPopup();
      expect(first.message).toMatch(/^MTurk asked to slow down: Centime waits until .+ before asking again\.$/);
      const sent = d.served('worker.mturk.com/');
      mturkState.throttled = false;
      expect((await d.refreshFromPopup()).message).toMatch(/^MTurk asked to slow down/);
      await d.stopBackground();
      expect((await d.refreshFromPopup()).message).toMatch(/^MTurk asked to slow down/);
      expect(d.served('worker.mturk.com/')).toBe(sent);
    });

    it('records two task tabs submitted in the same second, each once', async () => {
      const urls = ['3SAMESECONDASSIGNMENT00000A', '3SAMESECONDASSIGNMENT00000B'].map((id) => withAssignment(taskA.url, id));
      const day = new Date().toLocaleDateString('en-CA');
      const before = (await d.readRecord<DayTotals>(`agg:${day}|mturk`)) ?? { tasks: 0, earned: {} as Record<string, number> };
      const hits = [await work(urls[0]!), await work(urls[1]!)];
      // Both HITs' forms reach externalSubmit, and post their message in the same instant (two claims at once);
      // then both tabs move on to the HIT list with its "HIT Submitted" alert (two confirmations at once).
      const at = Date.now() + 2_000;
      await Promise.all(hits.map(({ tab }, i) => frameTo(tab, `${EXTERNAL_SUBMIT}?assignmentId=${assignment(urls[i]!)}&at=${at}`)));
      await sleep(at + 300 - Date.now());
      await Promise.all(hits.map(({ tab }) => tab.goto(HIT_LIST)));
      for (const url of urls) {
        const task = await until(() => d.readRecord<StoredTask>(key(url)), (t) => t.status === 'submitted', `the submit of ${assignment(url)}`);
        expect(task.events.filter((e) => e.type === 'outcome')).toHaveLength(1);
      }
      await sleep(500); // nothing more comes
      const after = (await d.readRecord<DayTotals>(`agg:${day}|mturk`))!;
      expect(after.tasks - before.tasks).toBe(2);
      expect((after.earned.USD ?? 0) - (before.earned.USD ?? 0)).toBe(100);
      for (const { tab } of hits) await tab.close();
    });
  });
}
