import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { replay } from '../../../lib/domain/task-timer';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';

// DESIGN.md, Definitions → Time (Attention) and Platforms → Prolific: a study's life as the tracker sees it.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const STUDY = '665f2b7c9d0e1f2a3b4c5d6e';
const OTHER = '775f2b7c9d0e1f2a3b4c5d6f';
const KEY = `prolific:${STUDY}`;
const OKEY = `prolific:${OTHER}`;
const studyUrl = (id: string) => `https://app.prolific.com/studies/${id}`;
const SUBMISSIONS = 'https://app.prolific.com/submissions';
const COMPLETE = 'https://app.prolific.com/submissions/complete?cc=C1A2B3C4';
const SURVEY = 'https://survey.example.org/s/1';
const NEWS = 'https://news.example.com/';
const HOUR = 3_600_000;
const tab = (id: number, url: string): Sender => ({ id: me.extensionId, url, tab: { id, url } });
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };

describe('audit: a Prolific study from the tracker side', () => {
  let b: FakeBrowser;
  let route: Route;
  let tracker: Tracker;
  let beats: { front: string | null; fallback: boolean }[];
  const send = (type: string, payload: object, sender: Sender) => route({ type, payload }, sender);
  const popupData = async () => ((await send('ui-bg-get-popup', {}, popup)) as { data: PopupData }).data;
  const boot = () => {
    const writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(b.env(), writer, platforms, (front, fallback) => beats.push({ front, fallback }));
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  };
  const activeMs = async (key = KEY) => {
    const task = await getTaskByKey(key);
    return task ? replay(task.events, b.stamp()).activeMs : 0;
  };
  async function openStudy(id: number, study = STUDY, timeAllottedSec: number | null = 3600) {
    b.tabs = [...b.tabs.filter((t) => t.id !== id).map((t) => ({ ...t, active: false })), { id, windowId: 1, url: studyUrl(study), active: true }];
    const snapshot = { platform: 'prolific', taskId: study, title: 'Memory study', requesterName: 'Lab', reward: { minor: 150, currency: 'GBP' }, ...(timeAllottedSec ? { timeAllottedSec } : {}) };
    expect(await send('cs-bg-task-seen', snapshot, tab(id, studyUrl(study)))).toMatchObject({ ok: true });
  }
  async function front(id: number, url: string, opener?: number) {
    b.tabs = [...b.tabs.filter((t) => t.id !== id).map((t) => ({ ...t, active: false })), { id, windowId: 1, url, active: true, ...(opener !== undefined ? { openerTabId: opener } : {}) }];
    await tracker.reevaluate();
  }
  /** Tab `id` navigates to `url` in place (it stays where it is, in front or not). */
  async function go(id: number, url: string) {
    b.tabs = b.tabs.map((t) => (t.id === id ? { ...t, url } : t));
    await tracker.reevaluate();
  }
  async function close(...ids: number[]) {
    b.tabs = b.tabs.filter((t) => !ids.includes(t.id!));
    await tracker.reevaluate();
  }
  const row = (id: string, state: string) => ({ assignmentId: id, hitId: id, state, title: 'Memory study', requesterName: '', reward: { minor: 150, currency: 'GBP' }, date: '2026-11-27' });
  const submissions = (...rows: object[]) => send('cs-bg-balance-page', { platform: 'prolific', statuses: rows }, tab(9, SUBMISSIONS));
  const completion = (tabId: number, url = COMPLETE) => send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'completion', alert: 'submitted', taskId: null }, tab(tabId, url));

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    beats = [];
    boot();
  });

  it('a survey tab that wanders across sites and opens further tabs keeps accruing to its study; unrelated tabs do not', async () => {
    await openStudy(1);
    await front(2, SURVEY, 1);
    b.advance(5_000);
    await go(2, 'https://other-survey.example.net/page?x=1');
    b.advance(5_000);
    await front(3, 'https://captcha.example.com/', 2);
    b.advance(5_000);
    await front(4, 'https://video.example.com/clip', 3);
    b.advance(5_000);
    expect(await activeMs()).toBe(20_000);
    // A tab the worker opens by hand (no opener) while the study tab is still open: ordinary browsing.
    await front(5, NEWS);
    b.advance(30_000);
    await tracker.reevaluate();
    expect(await activeMs()).toBe(20_000);
  });

  it('ordinary browsing never accrues to a study only looked at, whatever tabs are open', async () => {
    await openStudy(1);
    await openStudy(2, OTHER);
    await front(3, NEWS);
    b.advance(20_000);
    await front(4, 'https://mail.example.com/', 3);
    b.advance(20_000);
    await close(1, 2);
    await front(5, NEWS);
    b.advance(20_000);
    await tracker.reevaluate();
    expect(await getTaskByKey(KEY)).toBeUndefined();
    expect(await getTaskByKey(OKEY)).toBeUndefined();
    expect(beats.every((x) => x.front === null)).toBe(true);
  });

  it('started by the submissions page while the tab it was looked at in shows an unrelated site: that tab is no study tab', async () => {
    await openStudy(1);
    b.advance(2_000);
    // The worker leaves the study page in that tab for another site, then starts the study elsewhere (another
    // device, a window Centime did not see): the submissions page shows it ACTIVE.
    await go(1, NEWS);
    expect(await submissions(row(STUDY, 'ACTIVE'))).toMatchObject({ ok: true, data: { updated: 1 } });
    b.advance(10_000);
    await tracker.reevaluate();
    // Tab 1 is an ordinary page that can no longer be linked to the study: any time it lends the study is the
    // fallback (the badge says so, the popup lets the worker detach it), never silent time as "its own tab".
    expect(beats.at(-1)).toEqual({ front: KEY, fallback: true });
    expect(await activeMs()).toBe(10_000);
    expect((await popupData()).tasks).toEqual([expect.objectContaining({ taskId: STUDY, fallback: true })]);
    // "Not working on this" then stops it there.
    expect(await send('ui-bg-not-working-on', { platform: 'prolific', taskId: STUDY }, popup)).toEqual({ ok: true, data: { detached: true } });
    b.advance(10_000);
    await tracker.reevaluate();
    expect(await activeMs()).toBe(10_000);
  });

  it('a tab opened from the studies list, before the study is shown again in that tab, is no survey of it', async () => {
    await openStudy(1);
    await go(1, 'https://app.prolific.com/studies');
    // A link of the list (an external help page) opened in a new tab, behind, while the list is shown.
    b.tabs = [...b.tabs, { id: 2, windowId: 1, url: 'https://help.example.com/article', active: false, openerTabId: 1 }];
    await tracker.reevaluate();
    // The same study shown again in tab 1, then the help tab brought to the front: no start, no time.
    await openStudy(1);
    await front(2, 'https://help.example.com/article', 1);
    b.advance(10_000);
    await tracker.reevaluate();
    expect(await getTaskByKey(KEY)).toBeUndefined();
    // Its real survey, opened from it now, starts it.
    await front(1, studyUrl(STUDY));
    await front(3, SURVEY, 1);
    b.advance(5_000);
    await tracker.reevaluate();
    expect(await activeMs()).toBe(5_000);
  });

  it('a completion page with no study started credits nothing and creates nothing', async () => {
    await openStudy(1);
    expect(await completion(1)).toMatchObject({ ok: true, data: { confirmed: null } });
    expect(await completion(2, 'https://app.prolific.com/submissions/complete?cc=NOCODE')).toMatchObject({ ok: true, data: { confirmed: null } });
    expect(await getTaskByKey(KEY)).toBeUndefined();
  });

  it('cc=NOCODE credits the study under way, once, even when opened again in another tab', async () => {
    await openStudy(1);
    await front(2, SURVEY, 1);
    b.advance(10_000);
    const nocode = 'https://app.prolific.com/submissions/complete?cc=NOCODE';
    await go(2, nocode);
    expect(await completion(2, nocode)).toMatchObject({ data: { confirmed: KEY } });
    expect(await getTaskByKey(KEY)).toMatchObject({ status: 'submitted', activeMs: 10_000 });
    await front(3, nocode);
    expect(await completion(3, nocode)).toMatchObject({ data: { confirmed: null } });
  });

  // Prolific lets a worker do one study at a time (the single ACTIVE study): starting another ended the first there.
  describe('a study started ends the one started before it', () => {
    /** Study A started and left (its tabs closed), then study B started from tab 3 with its survey in tab 4. */
    async function abandonThenStart() {
      await openStudy(1);
      await front(2, SURVEY, 1);
      b.advance(10_000);
      await close(1, 2);
      await openStudy(3, OTHER);
      await front(4, 'https://survey.example.org/s/2', 3);
      b.advance(20_000);
    }

    it('a second completion page, in another tab after the first credited B, credits nothing: A stays open', async () => {
      await abandonThenStart();
      await go(4, COMPLETE);
      expect(await completion(4)).toMatchObject({ data: { confirmed: OKEY } });
      await front(5, COMPLETE);
      expect(await completion(5)).toMatchObject({ data: { confirmed: null } });
      expect(await getTaskByKey(KEY)).toMatchObject({ status: 'open', activeMs: 10_000 });
      expect(await getTaskByKey(OKEY)).toMatchObject({ status: 'submitted', activeMs: 20_000 });
      // The popup says A is over there; its outcome comes from the platform, as for any study.
      expect((await popupData()).tasks).toEqual([expect.objectContaining({ taskId: STUDY, superseded: true })]);
      await submissions(row(STUDY, 'RETURNED'));
      expect(await getTaskByKey(KEY)).toMatchObject({ status: 'returned' });
    });

    it('A lends no time to an unrelated tab while B is under way, nor after B is submitted', async () => {
      await abandonThenStart();
      await front(6, NEWS);
      b.advance(30_000);
      await tracker.reevaluate();
      expect(await activeMs(KEY)).toBe(10_000);
      expect(await activeMs(OKEY)).toBe(20_000);
      await go(4, COMPLETE);
      await completion(4);
      await front(7, NEWS);
      b.advance(30_000);
      await tracker.reevaluate();
      expect(await activeMs(KEY)).toBe(10_000);
      expect(beats.at(-1)).toEqual({ front: null, fallback: false });
    });

    it('A shown ACTIVE again by the submissions page is the one under way: a completion credits it, and B is ended', async () => {
      await abandonThenStart();
      await submissions(row(STUDY, 'ACTIVE'));
      await front(8, COMPLETE);
      expect(await completion(8)).toMatchObject({ data: { confirmed: KEY } });
      expect(await getTaskByKey(OKEY)).toMatchObject({ status: 'open' });
      await front(9, COMPLETE);
      expect(await completion(9)).toMatchObject({ data: { confirmed: null } });
    });
  });

  it('returned and timed out on the submissions page: both end, earn nothing; a reserved study stays no task', async () => {
    await openStudy(1);
    await front(2, SURVEY, 1);
    b.advance(10_000);
    await openStudy(3, OTHER);
    await front(4, SURVEY, 3);
    b.advance(5_000);
    await submissions(row(STUDY, 'RETURNED'), row(OTHER, 'TIMED-OUT'));
    expect(await getTaskByKey(KEY)).toMatchObject({ status: 'returned' });
    expect(await getTaskByKey(OKEY)).toMatchObject({ status: 'expired' });
    const third = '885f2b7c9d0e1f2a3b4c5d60';
    await openStudy(5, third);
    await submissions(row(third, 'RESERVED'));
    expect(await getTaskByKey(`prolific:${third}`)).toBeUndefined();
    await close(5);
    await front(6, NEWS);
    b.advance(10_000);
    await tracker.reevaluate();
    expect(await getTaskByKey(`prolific:${third}`)).toBeUndefined();
  });

  it('after a browser restart mid-study the restored study tab (new id) stands for it again', async () => {
    await openStudy(1);
    await front(2, SURVEY, 1);
    b.advance(10_000);
    b.beat();
    b.restartBrowser();
    boot();
    // Restored: the study's page under a new id, reported by its content script, in front.
    b.tabs = [{ id: 11, windowId: 1, url: studyUrl(STUDY), active: true }];
    await tracker.reevaluate();
    await send('cs-bg-task-seen', { platform: 'prolific', taskId: STUDY, title: 'Memory study', requesterName: 'Lab', reward: null }, tab(11, studyUrl(STUDY)));
    const before = await activeMs();
    b.advance(5_000);
    await tracker.reevaluate();
    expect(await activeMs()).toBe(before + 5_000);
    // A tab opened from it is its survey again.
    await front(12, SURVEY, 11);
    b.advance(5_000);
    expect(await activeMs()).toBe(before + 10_000);
    expect(beats.at(-1)).toEqual({ front: KEY, fallback: false });
  });

  it('after a browser restart whose study page is not restored, the study falls back to an ordinary tab within its maximum time', async () => {
    await openStudy(1);
    await front(2, SURVEY, 1);
    b.advance(10_000);
    b.beat();
    b.restartBrowser();
    boot();
    b.tabs = [{ id: 12, windowId: 1, url: SURVEY, active: true }];
    await tracker.reevaluate();
    b.advance(5_000);
    await tracker.reevaluate();
    expect(await activeMs()).toBe(15_000);
    expect(beats.at(-1)).toEqual({ front: KEY, fallback: true });
  });

  it('a started study with no maximum, its tab closed: accrues in the fallback, expires 2 h after its last own activity', async () => {
    await openStudy(1, STUDY, null);
    await front(2, SURVEY, 1);
    b.advance(HOUR);
    await close(1, 2);
    const left = b.wall;
    await front(3, NEWS);
    b.advance(HOUR);
    await tracker.reevaluate();
    expect(await activeMs()).toBe(2 * HOUR);
    b.advance(HOUR);
    expect(await tracker.deadlineReached(KEY)).toMatchObject({ status: 'expired', endedAt: left + 2 * HOUR });
    expect(await activeMs()).toBe(3 * HOUR);
  });


});
