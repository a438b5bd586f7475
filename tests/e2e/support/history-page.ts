import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { lastActivity } from '../../../lib/storage/task-store';
import { generateAll } from '../../seed/generate';
import { keyOf } from '../../seed/resolve';
import type { Driver } from './driver';

/**
 * The history page (issue 16, item 6) over 1,000 generated tasks, the same in both browsers: what the filters and
 * sorts show is checked against the seed (expected rows computed here from the generated records, never read
 * from the page), hostile requester names stay text, and axe finds nothing serious, light and dark.
 */
export const HOSTILE_HTML = '<img src=x onerror=alert(1)>';
export const HOSTILE_FORMULA = '=HYPERLINK("http://x","y")';

/** The page in one browser: Playwright's or puppeteer's page behind the few calls the scenario needs. */
export interface HistoryTab {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Runs source text in the page (axe: extension pages' CSP refuses injected scripts). */
  run(source: string): Promise<unknown>;
  press(key: string): Promise<void>;
  scheme(scheme: 'light' | 'dark'): Promise<void>;
  /** A screenshot of the page, to `path` (PNG). */
  shot(path: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface HistoryHarness {
  driver: Driver;
  openHistory(): Promise<HistoryTab>;
  close(): Promise<void>;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axeViolations(tab: HistoryTab): Promise<string[]> {
  await tab.run(axeSource);
  return tab.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    // Every violation, whatever its impact (the issue asks for no serious one; the popup and options have none).
    return violations.map((v) => `${v.impact}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }, null);
}

const NOW = Date.UTC(2026, 10, 27, 14);
const TZ = 'UTC';

/** The seed, with two Prolific hosts renamed to the hostile strings (a Prolific requester is its name). */
function seeded() {
  const batch = generateAll({ tasks: 1_000, now: NOW, timeZone: TZ });
  const prolific = batch.tasks.filter((t) => t.platform === 'prolific' && t.status !== 'open');
  prolific[3]!.requesterName = HOSTILE_HTML;
  prolific[7]!.requesterName = HOSTILE_FORMULA;
  return batch;
}

/** A row's day and time as the list orders them (DESIGN: a task's day is the one it was counted under). */
const dayOf = (t: TaskRecord) => (t.status === 'open' ? undefined : (t.countedDay ?? t.day));
const newestFirst = (a: TaskRecord, b: TaskRecord) => {
  const [da, db] = [dayOf(a) ?? '9999-12-31', dayOf(b) ?? '9999-12-31'];
  if (da !== db) return da < db ? 1 : -1;
  const [ta, tb] = [a.endedAt ?? lastActivity(a), b.endedAt ?? lastActivity(b)];
  return tb - ta || (keyOf(a) < keyOf(b) ? -1 : 1);
};

interface Shown {
  rowcount: number;
  keys: string[];
  complete: boolean;
  images: number;
  requesters: string[];
  inDom: number;
}

/** Runs in the page: what the list shows. */
function readList(): Shown {
  const rows = [...document.querySelectorAll<HTMLElement>('.history-body [role="row"]')].sort(
    (a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')),
  );
  return {
    rowcount: Number(document.querySelector('[role="table"]')?.getAttribute('aria-rowcount') ?? 1) - 1,
    keys: rows.map((r) => r.dataset.key!),
    complete: document.querySelector('.history-count') !== null && document.querySelector('.history-count .muted') === null,
    images: document.querySelectorAll('img').length,
    requesters: rows.map((r) => r.querySelector('.requester-name')?.textContent ?? ''),
    inDom: rows.length,
  };
}

/** Runs in the page: sets a filter control as the worker would (the events Preact listens to). */
function setControl([selector, value]: readonly [string, string]): void {
  const control = document.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
  control.dispatchEvent(new Event('change', { bubbles: true }));
}

const SHOTS = process.env.CENTIME_SHOTS ?? '/tmp/centime-shots';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 100; i++) {
    last = await read();
    if (ok(last)) return last;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

export function historyFlows(name: string, launch: () => Promise<HistoryHarness>) {
  mkdirSync(SHOTS, { recursive: true });
  describe(`${name}: the history page over 1,000 seeded tasks`, () => {
    let h: HistoryHarness;
    let tab: HistoryTab;
    const batch = seeded();
    const tasks = batch.tasks;
    const tz = process.env.TZ;

    /** Waits until the list shows `count` rows (the filters apply on the next render). */
    const shown = async (count: number): Promise<Shown> => {
      let last: Shown | null = null;
      for (let i = 0; i < 100; i++) {
        last = await tab.evaluate(readList, null);
        if (last.complete && last.rowcount === count) return last;
        await sleep(50);
      }
      throw new Error(`the list never showed ${count} rows; last: ${JSON.stringify(last).slice(0, 300)}`);
    };
    const filter = async (name: string, value: string) => tab.evaluate(setControl, [`.history-filters [name="${name}"]`, value] as const);
    const set = async (name: string, value: string) => tab.evaluate(setControl, [`:not(.history-filters) > label > [name="${name}"]`, value] as const);
    const clear = () => tab.evaluate(() => document.querySelector<HTMLButtonElement>('.clear-filters')!.click(), null);
    const sortBy = (col: string) => tab.evaluate((c) => document.querySelector<HTMLButtonElement>(`[role="columnheader"][data-col="${c}"] button`)!.click(), col);
    /** The first rows the list renders are the first of the expected order. */
    const expectFirst = (s: Shown, expected: TaskRecord[]) => {
      expect(expected.length).toBeGreaterThan(0); // a filter the seed leaves empty would check nothing
      expect(s.rowcount).toBe(expected.length);
      expect(s.keys.length).toBeGreaterThan(Math.min(10, expected.length) - 1);
      expect(s.keys).toEqual(expected.slice(0, s.keys.length).map(keyOf));
    };

    beforeAll(async () => {
      process.env.TZ = TZ;
      h = await launch();
      await h.driver.importHistory(batch);
      tab = await h.openHistory();
    }, 120_000);
    afterAll(async () => {
      await h?.close();
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });

    it('lists every task, newest first, with only a screenful of rows in the DOM', async () => {
      const s = await shown(tasks.length);
      expectFirst(s, [...tasks].sort(newestFirst));
      expect(s.inDom).toBeLessThanOrEqual(100);
    });

    it('filters by platform and outcome, by requester, by days and by text: the rows the seed says', async () => {
      await filter('platform', 'prolific');
      await filter('outcome', 'approved');
      expectFirst(await shown(tasks.filter((t) => t.platform === 'prolific' && t.status === 'approved').length), tasks.filter((t) => t.platform === 'prolific' && t.status === 'approved').sort(newestFirst));
      await clear();
      const mturk = tasks.find((t) => t.platform === 'mturk' && t.requesterId)!;
      await filter('requester', mturk.requesterId!);
      const byRequester = tasks.filter((t) => (t.requesterId || t.requesterName) === mturk.requesterId).sort(newestFirst);
      expectFirst(await shown(byRequester.length), byRequester);
      await clear();
      const day = dayOf(tasks[300]!)!;
      await filter('from', day);
      await filter('to', day);
      const onDay = tasks.filter((t) => dayOf(t) === day).sort(newestFirst);
      expectFirst(await shown(onDay.length), onDay);
      await clear();
      const hit = tasks.find((t) => t.platform === 'mturk' && t.hitId)!;
      await filter('text', hit.hitId!.toLowerCase());
      const withHit = tasks.filter((t) => t.hitId === hit.hitId).sort(newestFirst);
      expectFirst(await shown(withHit.length), withHit);
      await clear();
      await shown(tasks.length);
    });

    it('sorts by reward and by active time, both ways: the order the seed gives', async () => {
      await filter('platform', 'mturk');
      const mturk = tasks.filter((t) => t.platform === 'mturk');
      const byReward = (sign: number) => (a: TaskRecord, b: TaskRecord) => sign * ((a.reward?.minor ?? 0) - (b.reward?.minor ?? 0)) || newestFirst(a, b);
      const withReward = mturk.filter((t) => t.reward);
      const noReward = mturk.filter((t) => !t.reward).sort(newestFirst);
      await sortBy('reward');
      expectFirst(await shown(mturk.length), [...withReward.sort(byReward(-1)), ...noReward]);
      await sortBy('reward');
      expectFirst(await shown(mturk.length), [...withReward.sort(byReward(1)), ...noReward]);
      await sortBy('active');
      expectFirst(await shown(mturk.length), [...mturk].sort((a, b) => b.activeMs - a.activeMs || newestFirst(a, b)));
      await sortBy('ended');
      await clear();
      await shown(tasks.length);
    });

    it('shows hostile requester names as inert text, and finds them by requester', async () => {
      for (const hostile of [HOSTILE_HTML, HOSTILE_FORMULA]) {
        await filter('requester', hostile);
        const theirs = tasks.filter((t) => t.requesterName === hostile && !t.requesterId).sort(newestFirst);
        const s = await shown(theirs.length);
        expectFirst(s, theirs);
        expect(s.requesters.every((r) => r === hostile)).toBe(true);
        expect(s.images).toBe(0);
        expect(await tab.evaluate(() => document.querySelectorAll('.history a, .history [onerror]').length, null)).toBe(0);
      }
      await clear();
    });

    it('exports the tasks shown as CSV: the formula-named requester is a text cell, and the rows are the filtered ones', async () => {
      await filter('requester', HOSTILE_FORMULA);
      const theirs = tasks.filter((t) => t.requesterName === HOSTILE_FORMULA && !t.requesterId);
      await shown(theirs.length);
      const csv = await tab.evaluate(async () => {
        // The download is caught at the link the page clicks, and read back from its blob.
        let href = '';
        const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function caught(this: HTMLAnchorElement) {
          href = this.href;
        };
        try {
          document.querySelector<HTMLButtonElement>('.export-csv')!.click();
          for (let i = 0; i < 200 && !href; i++) await new Promise((r) => setTimeout(r, 25));
          return await (await fetch(href)).text();
        } finally {
          HTMLAnchorElement.prototype.click = click;
        }
      }, null);
      const lines = csv.split('\r\n');
      expect(lines).toHaveLength(theirs.length + 1);
      // RFC 4180: the cell is quoted (it holds a comma and quotes) and starts with ' so a spreadsheet shows it as text.
      for (const line of lines.slice(1)) expect(line).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
      await clear();
    });

    it('opens a task from the keyboard to its timeline: every recorded event', async () => {
      await filter('platform', 'prolific');
      const first = [...tasks].filter((t) => t.platform === 'prolific').sort(newestFirst)[0]!;
      await shown(tasks.filter((t) => t.platform === 'prolific').length);
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.history-body .row-open')!.focus(), null);
      await tab.press('Enter');
      let events = 0;
      for (let i = 0; i < 100 && events === 0; i++) {
        events = await tab.evaluate(() => document.querySelectorAll('.timeline tbody tr').length, null);
        await sleep(50);
      }
      expect(events).toBe(first.events.length);
      expect(await tab.evaluate(() => document.activeElement?.id, null)).toBe('task-title');
    });

    it("corrects a task: the popup's totals follow at once, and the correction is undone in one click", async () => {
      const today = new Date().toISOString().slice(0, 10); // the browsers run in UTC (TZ above)
      const earned = async () => (await h.driver.readPopup()).today.mturk?.earned ?? '';
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.history-back')?.click(), null);
      await clear();
      await shown(tasks.length);
      const before = await earned();
      // A task Centime missed, added for today: $3.00, approved, no active time (money only).
      await tab.evaluate(() => document.querySelector<HTMLDetailsElement>('.add-task')!.open = true, null);
      for (const [name, value] of [['add-platform', 'mturk'], ['add-title', 'HIT done on my phone'], ['add-requester', HOSTILE_HTML], ['add-reward', '3.00'], ['add-currency', 'USD'], ['add-day', today], ['add-outcome', 'approved']] as const) {
        await set(name, value);
      }
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.add-task-submit')!.click(), null);
      await until(() => tab.evaluate(() => document.querySelector('.add-task [role="status"]')?.textContent ?? '', null), (t) => t.length > 0, 'the added task');
      expect(before).toBe('');
      expect(await earned()).toBe('$3.00');

      // Opened from the "added by hand" list; its reward corrected to $4.50.
      await filter('outcome', 'byHand');
      await shown(1);
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.history-body .row-open')!.click(), null);
      await until(() => tab.evaluate(() => document.querySelector('.correction-form') !== null, null), Boolean, 'the correction form');
      await set('field', 'reward');
      await set('value', '4.50');
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.save-correction')!.click(), null);
      await until(() => tab.evaluate(() => document.querySelectorAll('.edits li').length, null), (n) => n === 1, 'the correction listed');
      expect(await earned()).toBe('$4.50');
      expect(await tab.evaluate(() => document.querySelector('[data-fact="reward"] dd')?.textContent ?? '', null)).toMatch(/^\$4\.50.*\$3\.00/);

      // Undone in one click: the recorded reward stands again; the restore is listed too.
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.edits .restore')!.click(), null);
      await until(() => tab.evaluate(() => document.querySelectorAll('.edits li').length, null), (n) => n === 2, 'the restore listed');
      expect(await earned()).toBe('$3.00');

      // Deleted, it leaves the totals; restored, it is back.
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.delete-task')!.click(), null);
      await until(() => tab.evaluate(() => document.querySelector('.undelete-task') !== null, null), Boolean, 'the task deleted');
      expect(await earned()).toBe('');
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.undelete-task')!.click(), null);
      await until(() => tab.evaluate(() => document.querySelector('.delete-task') !== null, null), Boolean, 'the task restored');
      expect(await earned()).toBe('$3.00');
      await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.history-back')!.click(), null);
      await clear();
      expect(await tab.evaluate(() => document.querySelectorAll('img').length, null)).toBe(0);
    });

    for (const scheme of ['light', 'dark'] as const) {
      it(`has no accessibility violation in the ${scheme} theme (a task opened, then the list); screenshots of both`, async () => {
        await tab.scheme(scheme);
        expect(await tab.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches, null)).toBe(scheme === 'dark');
        await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.history-body .row-open')!.click(), null);
        await until(() => tab.evaluate(() => document.querySelector('#task-title') !== null, null), Boolean, 'a task opened');
        expect(await axeViolations(tab)).toEqual([]);
        await tab.shot(`${SHOTS}/history-${name.toLowerCase()}-${scheme}-task.png`);
        await tab.evaluate(() => document.querySelector<HTMLButtonElement>('.history-back')?.click(), null);
        await sleep(100);
        expect(await axeViolations(tab)).toEqual([]);
        await tab.shot(`${SHOTS}/history-${name.toLowerCase()}-${scheme}-list.png`);
      });
    }
  });
}
