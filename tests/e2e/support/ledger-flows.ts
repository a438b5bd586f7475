import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DayTotals } from '../../../lib/domain/summary';
import { formatDuration } from '../../../lib/domain/duration';
import type { Driver, StoredTask, Tab } from './driver';
import { routeKey, sidecar } from './fixtures';
import { fixtureHtml, type Site } from './served';
import { TOLERANCE_MS } from './tolerance';

/**
 * The ledger as the platform tells it (issue 10), the same in both browsers: an expired HIT that MTurk lists as
 * Approved, an old status page read after a dashboard reading, and a transfer history read twice. There is no
 * fake clock: "later" is the next page the worker opens. One profile for the three (a launch costs ~6 s in
 * Firefox); they do not share figures: the first is about today's totals, the second reads other days (their
 * own assignment ids) and compares its figures before and after, the third only the transfer history.
 */
const hit = sidecar('mturk/task-page-countdown.json'); // the survey HIT, $1.25, assignment 3AB7…
const HIT_ID = new URL(hit.url).searchParams.get('assignment_id')!;
const DASHBOARD = 'https://worker.mturk.com/dashboard';
const EARNINGS = 'https://worker.mturk.com/earnings';
const STATUS = 'https://worker.mturk.com/status_details/';
const EXTERNAL_SUBMIT = 'https://www.mturk.com/mturk/externalSubmit';
/** Seconds left on the HIT's timer when its page loads: its deadline. */
const SECONDS_LEFT = 8;
const dayKey = (offsetDays: number) => new Date(Date.now() - offsetDays * 86_400_000).toLocaleDateString('en-CA');
const ids = (day: string) => day.replaceAll('-', '');

function replaced(html: string, from: string, to: string): string {
  if (!html.includes(from)) throw new Error(`fixture changed: no ${from}`);
  return html.replace(from, to);
}
// The survey HIT with a 60 s allotment, 8 s of it left: it expires while the test watches.
const shortHit = replaced(
  replaced(fixtureHtml('mturk/task-page-countdown.html'), 'assignmentDurationInSeconds&quot;:1800', 'assignmentDurationInSeconds&quot;:60'),
  'originalTimeToCompleteInSeconds&quot;:1800,&quot;timeRemainingInSeconds&quot;:1325',
  `originalTimeToCompleteInSeconds&quot;:60,&quot;timeRemainingInSeconds&quot;:${SECONDS_LEFT}`,
);
/** A status-details fixture served as another day's page, its assignment ids made that day's own. */
const statusOf = (fixture: string, day: string) =>
  fixtureHtml(fixture).replace(/assignment_id&quot;:&quot;([A-Z0-9]+)/g, `assignment_id&quot;:&quot;$1${ids(day)}`);
// What a HIT's iframe page posts to MTurk's top page once its form reached externalSubmit.
const POST_SUBMIT = `<!doctype html><title>Submitted</title><script>
  parent.postMessage(JSON.stringify({ answer: { q1: 'yes' }, assignmentId: new URLSearchParams(location.search).get('assignmentId') }), '*');
</script>`;

/** What the served MTurk says next: the survey's day once approved; the transfer history after a second transfer. */
const later = { surveyApproved: false, secondTransfer: false };
const [YESTERDAY, OLD_DAY, OLDER_DAY] = [dayKey(1), dayKey(3), dayKey(6)];

export const site: Site = {
  [routeKey(hit.url)]: { html: shortHit },
  [EXTERNAL_SUBMIT]: { html: POST_SUBMIT },
  'https://requester.example.org/hit.html': { html: '<!doctype html><title>HIT</title><form><textarea></textarea></form>' },
  [DASHBOARD]: { fixture: 'mturk/dashboard.html' },
  [EARNINGS]: { dynamic: () => ({ fixture: later.secondTransfer ? 'mturk/earnings-two-transfers-same-day.html' : 'mturk/earnings-one-transfer.html' }) },
  // MTurk's (Pacific) day of the HIT, here the day before the local one: rows match by assignment id, not date.
  [`${STATUS}${YESTERDAY}`]: { fixture: 'mturk/status-details-approved.html' },
  [`${STATUS}${OLD_DAY}`]: {
    dynamic: () => ({ html: statusOf(later.surveyApproved ? 'mturk/status-details-approved.html' : 'mturk/status-details.html', OLD_DAY) }),
  },
  [`${STATUS}${OLDER_DAY}`]: { html: statusOf('mturk/status-details-approved.html', OLDER_DAY) },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The first value that is `ok`, else the last one read (so that the assertion after it shows the figure). */
async function settled<T>(read: () => Promise<T>, ok: (value: T) => boolean, tries = 100): Promise<T> {
  for (let i = 1; i < tries; i++) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && ok(value)) return value;
    await sleep(100);
  }
  return read();
}

async function until<T>(read: () => Promise<T | undefined>, ok: (value: T) => boolean, what: string, tries = 100): Promise<T> {
  const value = await settled(read, (v) => v !== undefined && ok(v), tries);
  if (value === undefined || !ok(value)) throw new Error(`timed out waiting for ${what}`);
  return value;
}

type Launch = () => Promise<{ driver: Driver; close: () => Promise<void> }>;

/**
 * Opens a platform page in a tab of its own, waits (30 tries) until `done` says the background has what it
 * read, and closes it; the figures are asserted after, so a wrong one fails as such, not as a timeout.
 */
async function read(d: Driver, url: string, done: () => Promise<boolean>): Promise<void> {
  const tab = await d.newTab();
  await tab.goto(url);
  await settled(done, (v) => v, 30);
  await tab.close();
}

const taskOf = (d: Driver, id: string) => d.readRecord<StoredTask>(`task:mturk:${id}`);

export function ledgerFlows(launch: Launch) {
  describe('MTurk ledger', () => {
    let d: Driver;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => ({ driver: d, close } = await launch()));
    afterAll(async () => close?.());

    it('counts the reward of an expired HIT that MTurk lists as Approved in the day’s earnings, its time as paid', async () => {
      const tab: Tab = await d.newTab();
      await tab.bringToFront();
      await tab.goto(hit.url);
      await until(() => tab.evaluate(() => document.documentElement.getAttribute('data-centime'), null), (v) => v === 'live', 'the content script');
      const loadedAt = Date.now();
      await sleep(4_000);
      // The HIT's form reaches externalSubmit, but MTurk's next page never comes: the worker closes the tab.
      await tab.evaluate((src) => {
        document.querySelector<HTMLIFrameElement>('iframe.embed-responsive-item')!.src = src;
      }, `${EXTERNAL_SUBMIT}?assignmentId=${HIT_ID}`);
      await sleep(300);
      const closedAt = Date.now();
      await tab.close();
      // Its deadline passes (8 s after the page loaded): Centime's guess is "expired", its time unpaid.
      const expired = await until(() => taskOf(d, HIT_ID), (t) => t.status === 'expired', 'the deadline', 150);
      expect(Math.abs(expired.activeMs - (closedAt - loadedAt))).toBeLessThanOrEqual(TOLERANCE_MS);
      const time = formatDuration(expired.activeMs);
      const guessed = (await d.readPopup()).today.mturk!;
      expect([guessed.earned, guessed.unpaid]).toEqual(['nothing earned', `· ${time} unpaid`]);

      // The worker opens the status details of MTurk's day: the HIT is Approved.
      await read(d, `${STATUS}${YESTERDAY}`, async () => (await taskOf(d, `3K6L8Z0X2C4V6B8N0M2Q4W6E8R0T2Y`)) !== undefined);
      const task = await taskOf(d, HIT_ID);
      expect([task?.status, task?.activeMs]).toEqual(['approved', expired.activeMs]);
      const today = (await d.readPopup()).today.mturk!;
      // $1.25, the HIT's reward (the page's other HITs were never timed and belong to MTurk's day, yesterday).
      expect(today).toMatchObject({ earned: '$1.25', paidActive: `${time} paid work`, unpaid: '' });
      const totals = await d.readRecord<DayTotals>(`agg:${dayKey(0)}|mturk`);
      expect([totals?.paidActiveMs, totals?.unpaidActiveMs, totals?.approved]).toEqual([expired.activeMs, 0, { USD: 125 }]);
    });

    it('leaves withdrawable at a dashboard reading, and the threshold date, after an old status page read right after', async () => {
      // The worker sets a $100.00 MTurk payout threshold, so the popup dates it at the recent pace.
      const options = await d.openOptions();
      // MTurk starts with no threshold (pays any amount): add a row, then type its amount and currency.
      await options.click('[data-platform="mturk"] > button');
      await options.evaluate(async (v) => {
        const pause = () => new Promise((r) => setTimeout(r, 30));
        let row: Element | null = null;
        for (let i = 0; i < 100 && !(row = document.querySelector('[data-platform="mturk"] .list-row')); i++) await pause();
        for (const [selector, value] of [['input[inputmode="decimal"]', v], ['input.currency-code', 'USD']] as const) {
          const input = row!.querySelector<HTMLInputElement>(selector)!;
          input.value = value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          // Each input re-renders the form before the next one is typed.
          await pause();
        }
      }, '100.00');
      await options.click('form button[type="submit"]');
      const saved = () => options.evaluate(() => [...document.querySelectorAll('[role="status"]')].some((p) => p.textContent === 'Settings saved.'), null);
      await until(saved, (v) => v, 'the saved settings');
      await options.close();
      // An approval with a known date: the survey seen Submitted on its day's page, then Approved there.
      const survey = () => taskOf(d, `${HIT_ID}${ids(OLD_DAY)}`);
      await read(d, `${STATUS}${OLD_DAY}`, async () => (await survey())?.status === 'submitted');
      later.surveyApproved = true;
      await read(d, `${STATUS}${OLD_DAY}`, async () => (await survey())?.status === 'approved');
      // The dashboard: Current Earnings $14.73.
      const reading = async () => (await d.readPopup()).balances['mturk:USD'];
      await read(d, DASHBOARD, async () => (await reading())?.withdrawable.includes('$14.73') ?? false);
      const before = (await reading())!;
      expect(before.withdrawable).toMatch(/^≈ \$14\.73 withdrawable \(estimate since .+\)$/);
      expect(before.threshold).toMatch(/^\$14\.73 of the \$100\.00 payout threshold · reached around .+ at the recent pace$/);

      // Right after, an older day's page: $3.80 approved before the reading, so already inside it.
      const last = `3K6L8Z0X2C4V6B8N0M2Q4W6E8R0T2Y${ids(OLDER_DAY)}`;
      await read(d, `${STATUS}${OLDER_DAY}`, async () => (await taskOf(d, last)) !== undefined);
      expect((await taskOf(d, last))?.status).toBe('approved');
      expect(await reading()).toEqual(before);
    });

    it('counts two $5.00 transfers on one day, read after one, as $10.00 paid out', async () => {
      const balance = async () => (await d.readPopup()).balances['mturk:USD'];
      const paidOut = async () => (await balance())?.paidOut;
      // The dashboard first (the popup has no MTurk balance row from a transfer history alone), then Earnings.
      await read(d, DASHBOARD, async () => (await balance()) !== undefined);
      // When the background last stored a transfer history (what it holds is asserted through the popup).
      const readAt = async () => (await d.readRecord<{ at: number }>('ledger:transfers:mturk'))?.at ?? 0;
      await read(d, EARNINGS, async () => (await readAt()) > 0);
      expect(await paidOut()).toMatch(/^Paid out \$5\.00 \(as of .+\)$/);
      // Later that day, a second $5.00 transfer.
      const first = await readAt();
      later.secondTransfer = true;
      await read(d, EARNINGS, async () => (await readAt()) > first);
      expect(await paidOut()).toMatch(/^Paid out \$10\.00 \(as of .+\)$/);
    });
  });
}
