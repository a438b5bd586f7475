import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { BadgeClock } from '../../../lib/background/badge-clock';
import { updateBadge } from '../../../lib/background/live';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { DayTotals } from '../../../lib/domain/summary';
import { replay } from '../../../lib/domain/task-timer';
import { setTranslator } from '../../../lib/i18n';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { allAggregates, clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';

// DESIGN.md, Attention: a study only looked at is platform time on its page and nothing elsewhere; only a
// started study, within its maximum time, whose tab is gone, accrues in another ordinary tab, until the worker
// says "not working on this"; with no known maximum time it expires after 2 hours with no activity in its tabs.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const STUDY = '665f2b7c9d0e1f2a3b4c5d6e';
const KEY = `prolific:${STUDY}`;
const studyUrl = (id: string) => `https://app.prolific.com/studies/${id}`;
const SURVEY = 'https://survey.example.org/s/1';
const NEWS = 'https://news.example.com/';
const HOUR = 3_600_000;
const tab = (id: number, url: string): Sender => ({ id: me.extensionId, url, tab: { id, url } });
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };

describe('off-site studies: looked at, started, and the fallback', () => {
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
  const totals = async (): Promise<DayTotals[]> => Object.values(await allAggregates());
  const sum = (days: DayTotals[], field: 'platformMs' | 'paidActiveMs' | 'unpaidActiveMs' | 'idleMs') => days.reduce((ms, d) => ms + d[field], 0);
  const activeMs = async (key = KEY) => {
    const task = await getTaskByKey(key);
    return task ? replay(task.events, b.stamp()).activeMs : 0;
  };

  /** The study page in tab `id`, in front; its content script reports it. */
  async function openStudy(id: number, study = STUDY, timeAllottedSec: number | null = 3600) {
    b.tabs = [...b.tabs.filter((t) => t.id !== id).map((t) => ({ ...t, active: false })), { id, windowId: 1, url: studyUrl(study), active: true }];
    const snapshot = { platform: 'prolific', taskId: study, title: 'Memory study', requesterName: 'Lab', reward: { minor: 150, currency: 'GBP' }, ...(timeAllottedSec ? { timeAllottedSec } : {}) };
    expect(await send('cs-bg-task-seen', snapshot, tab(id, studyUrl(study)))).toMatchObject({ ok: true });
  }
  /** Tab `id` comes to the front with `url` (opened from `opener`, if given); the others go behind it. */
  async function front(id: number, url: string, opener?: number) {
    b.tabs = [...b.tabs.filter((t) => t.id !== id).map((t) => ({ ...t, active: false })), { id, windowId: 1, url, active: true, ...(opener !== undefined ? { openerTabId: opener } : {}) }];
    await tracker.reevaluate();
  }
  async function close(...ids: number[]) {
    b.tabs = b.tabs.filter((t) => !ids.includes(t.id!));
    await tracker.reevaluate();
  }

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    beats = [];
    boot();
  });

  it('a study looked at, closed, then 25 s on another site: no task gets any time, its page is platform time', async () => {
    await openStudy(1);
    b.advance(3_000);
    await close(1);
    await front(2, NEWS);
    b.advance(25_000);
    await tracker.reevaluate();
    expect(await getTaskByKey(KEY)).toBeUndefined();
    expect((await popupData()).tasks).toEqual([]);
    const days = await totals();
    expect(sum(days, 'platformMs')).toBe(3_000);
    expect(sum(days, 'paidActiveMs') + sum(days, 'unpaidActiveMs') + sum(days, 'idleMs')).toBe(0);
  });

  it('a study looked at, then a browser restart: nothing accrues to it, and its restored page is looked at again', async () => {
    await openStudy(1);
    b.advance(2_000);
    b.restartBrowser();
    boot();
    // The restored window: an ordinary page in front, the study page behind it under a new tab id.
    b.tabs = [{ id: 7, windowId: 1, url: studyUrl(STUDY), active: false }, { id: 8, windowId: 1, url: NEWS, active: true }];
    await tracker.reevaluate();
    b.advance(25_000);
    await tracker.reevaluate();
    expect(await getTaskByKey(KEY)).toBeUndefined();
    expect((await popupData()).tasks).toEqual([]);
    // Its restored page reports it again: a survey opened from there starts it.
    await openStudy(7);
    await front(9, SURVEY, 7);
    b.advance(10_000);
    expect(await activeMs()).toBe(10_000);
  });

  it('a started study whose tab closed accrues in another tab only within its maximum time, the badge saying so', async () => {
    await openStudy(1);
    await front(2, SURVEY, 1);
    const started = b.wall;
    b.advance(10_000);
    await close(1, 2);
    await front(3, NEWS);
    b.advance(20_000);
    expect(await activeMs()).toBe(30_000);
    expect(beats.at(-1)).toEqual({ front: KEY, fallback: true });
    expect((await popupData()).tasks).toEqual([expect.objectContaining({ taskId: STUDY, fallback: true })]);
    // A platform page lends it nothing, a browser page neither, and nor does an unfocused browser.
    await front(4, 'https://app.prolific.com/studies');
    b.advance(5_000);
    await front(3, NEWS);
    b.focusedWindowId = null;
    await tracker.reevaluate();
    b.advance(5_000);
    b.focusedWindowId = 1;
    await tracker.reevaluate();
    expect(await activeMs()).toBe(30_000);
    // Past its maximum time (its alarm not rung yet: a sleeping worker), the tab in front gains nothing more.
    b.advance(started + HOUR - b.wall);
    await tracker.reevaluate();
    const atDeadline = await activeMs();
    b.advance(60_000);
    await tracker.reevaluate();
    expect(await activeMs()).toBe(atDeadline);
    expect(beats.at(-1)).toEqual({ front: null, fallback: false });
  });

  it('"Not working on this" stops the fallback for that study, which stays open, also after a restart', async () => {
    await openStudy(1);
    await front(2, SURVEY, 1);
    b.advance(10_000);
    await close(1, 2);
    await front(3, NEWS);
    b.advance(5_000);
    expect(await send('ui-bg-not-working-on', { platform: 'prolific', taskId: STUDY }, popup)).toEqual({ ok: true, data: { detached: true } });
    b.advance(60_000);
    await tracker.reevaluate();
    expect(await activeMs()).toBe(15_000);
    expect(await getTaskByKey(KEY)).toMatchObject({ status: 'open' });
    expect((await popupData()).tasks).toEqual([expect.not.objectContaining({ fallback: true })]);
    b.restartBrowser();
    boot();
    await tracker.reevaluate();
    b.advance(60_000);
    await tracker.reevaluate();
    expect(await activeMs()).toBe(15_000);
    // Only Centime's pages may send it, and only about an open study.
    expect(await send('ui-bg-not-working-on', { platform: 'prolific', taskId: STUDY }, tab(3, 'https://app.prolific.com/studies'))).toMatchObject({ ok: false });
    expect(await send('ui-bg-not-working-on', { platform: 'prolific', taskId: 'nothing' }, popup)).toEqual({ ok: true, data: { detached: false } });
  });

  it('the toolbar badge shows a study accruing in an unrelated tab, in words of its own', async () => {
    setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key));
    try {
      await openStudy(1);
      await front(2, SURVEY, 1);
      await close(1, 2);
      await front(3, NEWS);
      await updateBadge(tracker, KEY, true, new BadgeClock());
      expect(await fakeBrowser.action.getBadgeText({})).toBe('badgeFallback');
      expect(await fakeBrowser.action.getTitle({})).toBe('badgeFallbackTitle(Memory study)');
    } finally {
      setTranslator();
    }
  });

  it('a started study with no known maximum time expires 2 hours after its last activity in its tabs', async () => {
    await openStudy(1, STUDY, null);
    await front(2, SURVEY, 1);
    b.advance(3 * HOUR);
    // Three hours in its survey: the alarm rang meanwhile, but the study is active in its tab.
    expect(await tracker.deadlineReached(KEY)).toBeNull();
    expect(await getTaskByKey(KEY)).toMatchObject({ status: 'open' });
    await close(1, 2);
    const left = b.wall;
    expect(b.alarms.get(KEY)).toBe(left + 2 * HOUR);
    // A browser restart drops alarms (Firefox does): the start-up sets it again.
    b.alarms.clear();
    b.restartBrowser();
    boot();
    await tracker.start();
    expect(b.alarms.get(KEY)).toBe(left + 2 * HOUR);
    // The worker browses on: it accrues there (its tab is gone), which is no activity in its own tabs.
    await front(3, NEWS);
    b.advance(HOUR);
    expect(await tracker.deadlineReached(KEY)).toBeNull();
    b.advance(HOUR);
    expect(await tracker.deadlineReached(KEY)).toMatchObject({ status: 'expired', endedAt: left + 2 * HOUR });
  });

  it('the submissions page showing a study ACTIVE starts it, even with no survey seen', async () => {
    await openStudy(1);
    b.advance(2_000);
    await close(1);
    const row = { assignmentId: STUDY, hitId: STUDY, state: 'ACTIVE', title: 'Memory study', requesterName: '', reward: { minor: 150, currency: 'GBP' }, date: '2026-11-27' };
    expect(await send('cs-bg-balance-page', { platform: 'prolific', statuses: [row] }, tab(5, 'https://app.prolific.com/submissions'))).toMatchObject({ ok: true, data: { updated: 1 } });
    const started = b.wall;
    expect(await getTaskByKey(KEY)).toMatchObject({ status: 'open', startedAt: started, deadline: started + HOUR });
    // Its tab is gone: it accrues in the ordinary tab in front, and the completion page credits it.
    await front(6, SURVEY);
    b.advance(10_000);
    expect(await activeMs()).toBe(10_000);
    const reply = await send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'completion', alert: 'submitted', taskId: null }, tab(6, 'https://app.prolific.com/submissions/complete?cc=X1'));
    expect(reply).toMatchObject({ data: { confirmed: KEY } });
  });

  it('studies looked at in many tabs at once are each remembered, and each starts from its own tab', async () => {
    const ids = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].map((s) => `${s}5f2b7c9d0e1f2a3b4c5d6e`.slice(0, 24));
    b.tabs = ids.map((id, i) => ({ id: 10 + i, windowId: 1, url: studyUrl(id), active: i === 0 }));
    // Truly concurrent: every content script reports before any write lands.
    await Promise.all(
      ids.map((id, i) =>
        send('cs-bg-task-seen', { platform: 'prolific', taskId: id, title: `Study ${i}`, requesterName: 'Lab', reward: null }, tab(10 + i, studyUrl(id))),
      ),
    );
    expect((await popupData()).tasks).toEqual([]);
    for (const [i, id] of ids.entries()) {
      await front(20 + i, SURVEY, 10 + i);
      b.advance(1_000);
      expect(await activeMs(`prolific:${id}`)).toBe(1_000);
    }
  });

  it('started studies seen at once in new tabs each keep their tab; the one under way\'s stands for it after its page moves on', async () => {
    const ids = ['a1', 'b2', 'c3', 'd4', 'e5'].map((s) => `${s}5f2b7c9d0e1f2a3b4c5d6e`.slice(0, 24));
    for (const [i, id] of ids.entries()) {
      await openStudy(10 + i, id);
      await front(20 + i, SURVEY, 10 + i);
    }
    // The worker reopens all of them at once (a restored window): new tabs, reported together.
    b.tabs = ids.map((id, i) => ({ id: 30 + i, windowId: 1, url: studyUrl(id), active: false }));
    await Promise.all(
      ids.map((id, i) =>
        send('cs-bg-task-seen', { platform: 'prolific', taskId: id, title: 'Memory study', requesterName: 'Lab', reward: null }, tab(30 + i, studyUrl(id))),
      ),
    );
    expect(b.taskTabs).toEqual(Object.fromEntries(ids.map((id, i) => [`prolific:${id}`, 30 + i])));
    // Each tab then loads its survey in place: the time goes to the study under way (Prolific has one at a time: each
    // start ended the study started before it), and the tabs of those it ended stand for none of them.
    for (const i of ids.keys()) {
      const before = await Promise.all(ids.map((other) => activeMs(`prolific:${other}`)));
      await front(30 + i, `${SURVEY}?s=${i}`);
      b.advance(1_000);
      const after = await Promise.all(ids.map((other) => activeMs(`prolific:${other}`)));
      expect(after).toEqual(before.map((ms, j) => (j === i && i === ids.length - 1 ? ms + 1_000 : ms)));
    }
  });
});
