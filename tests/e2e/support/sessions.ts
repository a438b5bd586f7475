import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, Tab } from './driver';
import { sidecar } from './fixtures';
import { site as mturkSite } from './mturk-flows';
import { money, ms, plus, readPeriod } from './period-reading';
import { afternoonZone, dayOf, history } from './session-history';

/**
 * Work sessions, weeks and the live popup (issue 14, item 5), the same in both browsers. History is planted through
 * the e2e build's `centimeTest` (primary records, then a rebuild), in a time zone where it is now early afternoon
 * (TZ, read by both browsers at launch): the seeded morning is always in the past and within today, whatever time
 * the test runs. The live part drives a real MTurk task page.
 */
export const site = mturkSite;

const MIN = 60_000;
const task = sidecar('mturk/task-page.json');
const HIT_LIST = 'https://worker.mturk.com/projects';
const EXTERNAL_SUBMIT = 'https://www.mturk.com/mturk/externalSubmit';
const sleep = (delay: number) => new Promise((r) => setTimeout(r, delay));

async function until<T>(read: () => Promise<T | null>, ok: (value: T) => boolean, what: string, tries = 100): Promise<T> {
  let last: T | null = null;
  for (let i = 0; i < tries; i++) {
    last = await read();
    if (last !== null && ok(last)) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

export function sessionFlows(launch: () => Promise<{ driver: Driver; close: () => Promise<void> }>) {
  describe('work sessions, weeks and the live popup', () => {
    let d: Driver;
    let close: () => Promise<void>;
    let popup: Tab;
    const tz = process.env.TZ;
    const read = () => popup.evaluate(readPeriod, null);
    beforeAll(async () => {
      process.env.TZ = afternoonZone();
      ({ driver: d, close } = await launch());
      await d.importHistory(history());
      popup = await d.openPopup();
    });
    afterAll(async () => {
      await close?.();
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });

    it("shows today's two sessions across MTurk and Prolific, and their parts add up to the day's", async () => {
      const day = await until(read, (p) => p.kind === 'day' && p.sessions.length === 2, "today's sessions");
      expect(day.from).toBe(dayOf(0));
      // Newest first.
      const [b, a] = day.sessions;
      expect(a!.platforms).toBe('Amazon Mechanical Turk');
      expect(b!.platforms).toBe('Prolific, Amazon Mechanical Turk');
      expect([a!.when, b!.when].map((w) => w.replace(/\s/g, ' '))).toEqual(['10:00 – 10:06 AM', '10:40 – 10:53 AM']);
      expect(a!.parts).toEqual({ paid: '4:00', unpaid: '1:00', platform: '1:00', idle: '0:00' });
      expect(b!.parts).toEqual({ paid: '10:00', unpaid: '0:00', platform: '2:30', idle: '0:30' });
      expect([a!.earned, b!.earned, a!.tasksDone, b!.tasksDone]).toEqual(['$0.60', '£1.20 + $0.30', '2 tasks done', '2 tasks done']);
      // The day's parts are the sessions' together; no work crossed midnight, so no note.
      for (const part of ['paid', 'unpaid', 'platform', 'idle'] as const) expect(ms(day.parts[part])).toBe(ms(a!.parts[part]) + ms(b!.parts[part]));
      expect(day.parts).toMatchObject({ paid: '14:00', unpaid: '1:00', platform: '3:30', idle: '0:30', worked: '18:30' });
      expect(money(day.earned)).toEqual(plus([money(a!.earned), money(b!.earned)]));
      expect(day.tasksDone).toBe('4 tasks done');
      expect(day.midnightNote).toBe(false);
      // A session expands to its tasks, each with its outcome.
      expect(a!.tasks).toEqual([
        { title: 'mturk task 3SESSIONAHIT1', outcome: 'submitted, pending' },
        { title: 'mturk task 3SESSIONAHIT2', outcome: 'returned' },
      ]);
    });

    it("shows the week from the locale's first day, and its figures are the sum of its days", async () => {
      await popup.evaluate(() => document.getElementById('period-tab-week')!.click(), null);
      const week = await until(read, (p) => p.kind === 'week' && p.days.length > 0, 'the week');
      // The range is the week that holds today, from the first day the browser's locale gives (Monday if none).
      const firstDay = await popup.evaluate(() => {
        const l = new Intl.Locale(navigator.language) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
        return (l.getWeekInfo?.() ?? l.weekInfo)?.firstDay ?? 1;
      }, null);
      const weekday = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
      expect(weekday(week.from)).toBe(firstDay);
      expect(Date.parse(week.to) - Date.parse(week.from)).toBe(6 * 24 * 60 * MIN);
      expect(week.from <= dayOf(0) && dayOf(0) <= week.to).toBe(true);
      // Exactly the seeded days that fall in it, in order.
      const seeded = [2, 1, 0].map(dayOf).filter((day) => week.from <= day && day <= week.to);
      expect(week.days.map((r) => r.day)).toEqual(seeded);
      expect(money(week.earned)).toEqual(plus(week.days.map((r) => money(r.earned))));
      expect(ms(week.parts.worked)).toBe(week.days.reduce((sum, r) => sum + ms(r.worked), 0));
      expect(ms(week.parts.worked)).toBe(ms(week.parts.paid) + ms(week.parts.unpaid) + ms(week.parts.platform));
      expect(Number(/\d+/.exec(week.tasksDone)![0])).toBe(week.days.reduce((sum, r) => sum + Number(r.tasks), 0));
      expect(week.days.find((r) => r.day === dayOf(0))).toMatchObject({ earned: '£1.20 + $0.90', worked: '18:30', tasks: '4' });
      await popup.evaluate(() => document.getElementById('period-tab-day')!.click(), null);
      await until(read, (p) => p.kind === 'day', 'today again');
    });

    it('updates an open popup within a second of a task submitted in another tab', async () => {
      const before = await until(read, (p) => p.kind === 'day' && p.sessions.length === 2, 'today');
      const url = new URL(task.url);
      url.searchParams.set('assignment_id', '3LIVESESSIONASSIGNMENT0000X');
      const tab = await d.newTab();
      await tab.bringToFront();
      await tab.goto(url.href);
      await until(() => tab.evaluate(() => document.documentElement.getAttribute('data-centime'), null), (v) => v === 'live', 'the content script');
      await sleep(2_000);
      // The popup, left open in its tab, marks the moment its period says one more task is done.
      await popup.evaluate((done: string) => {
        const w = window as unknown as { changedAt?: number };
        new MutationObserver(() => {
          if (!w.changedAt && document.querySelector('.period-summary .tasks-done')?.textContent !== done) w.changedAt = Date.now();
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      }, before.tasksDone);
      await tab.evaluate((src: string) => {
        document.querySelector<HTMLIFrameElement>('iframe.embed-responsive-item')!.src = src;
      }, `${EXTERNAL_SUBMIT}?assignmentId=3LIVESESSIONASSIGNMENT0000X`);
      await sleep(300); // the submit message reaches the content script, its claim the background
      // MTurk's "HIT Submitted" confirms it. Timed from the list page loaded: the browser's navigation (over 1 s on a
      // loaded machine) is not Centime's; the popup may even change before the load event.
      await tab.goto(HIT_LIST);
      const submittedAt = Date.now();
      const changedAt = await until(() => popup.evaluate(() => (window as unknown as { changedAt?: number }).changedAt ?? null, null), () => true, 'the popup to change', 30);
      expect(changedAt - submittedAt).toBeLessThanOrEqual(1_000);
      const after = await until(read, (p) => p.tasksDone === '5 tasks done', 'the new task in the period');
      // It is a session of its own (over 15 min after the morning's), with the HIT submitted.
      expect(after.sessions).toHaveLength(3);
      expect(after.sessions[0]!.tasks).toEqual([{ title: task.expected.title, outcome: 'submitted, pending' }]);
      await tab.close();
    });
  });
}
