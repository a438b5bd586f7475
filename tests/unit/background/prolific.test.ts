import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { allAggregates, clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';

// A Prolific study from its page to the survey site and back to the completion URL, as the background sees
// it: tabs, focus and the content script's messages (DESIGN.md: studies are external tasks).
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const STUDY = '665f2b7c9d0e1f2a3b4c5d6e';
const OTHER = '77aa2b7c9d0e1f2a3b4c5d00';
const studyUrl = (id: string) => `https://app.prolific.com/studies/${id}`;
const COMPLETE = 'https://app.prolific.com/submissions/complete?cc=C1A2B3C4';
const SURVEY = 'https://survey.example.org/s/1';
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const tab = (id: number, url: string): Sender => ({ id: me.extensionId, url, tab: { id, url } });
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };

describe('Prolific studies in the background', () => {
  let b: FakeBrowser;
  let route: Route;
  let tracker: Tracker;
  const send = (type: string, payload: object, sender: Sender) => route({ type, payload }, sender);
  const popupData = async () => ((await send('ui-bg-get-popup', {}, popup)) as { data: PopupData }).data;

  /** The worker opens a study page in tab `id`; the content script reports it. */
  async function openStudy(id: number, study: string, reward = gbp(150)) {
    b.tabs = [...b.tabs.filter((t) => t.id !== id).map((t) => ({ ...t, active: false })), { id, windowId: 1, url: studyUrl(study), active: true }];
    await send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'task', alert: null, taskId: study }, tab(id, studyUrl(study)));
    const snapshot = { platform: 'prolific', taskId: study, title: 'Memory study', requesterName: 'Lab', reward, timeAllottedSec: 3600 };
    expect(await send('cs-bg-task-seen', snapshot, tab(id, studyUrl(study)))).toMatchObject({ ok: true });
  }

  /** "Open study": the survey opens in tab `survey`, from the study's tab, and comes to the front. */
  async function startSurvey(study: number, survey: number, url = SURVEY) {
    b.tabs = [...b.tabs.map((t) => ({ ...t, active: false })), { id: survey, windowId: 1, url, openerTabId: study, active: true }];
    await tracker.reevaluate();
  }

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(b.env(), writer, platforms);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  });

  it('times the survey tab opened from the study, even with the study tab hidden, and credits the completion', async () => {
    await openStudy(1, STUDY);
    b.advance(5_000);
    // "Open study": the survey opens in a new tab from the study's tab, which goes to the background.
    await startSurvey(1, 2);
    b.advance(10_000);
    // The survey sends the worker to the completion URL, in the survey's tab.
    b.tabs[1]!.url = COMPLETE;
    await tracker.reevaluate();
    const reply = await send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'completion', alert: 'submitted', taskId: null }, tab(2, COMPLETE));
    expect(reply).toEqual({ ok: true, data: { confirmed: `prolific:${STUDY}` } });
    const task = await getTaskByKey(`prolific:${STUDY}`);
    // The study's time runs from its start; the 5 s reading its page before are Prolific's platform time.
    expect(task).toMatchObject({ status: 'submitted', external: true, activeMs: 10_000 });
    expect(Object.values(await allAggregates()).reduce((ms, day) => ms + day.platformMs, 0)).toBe(5_000);
    const balances = (await popupData()).balances.filter((view) => view.platform === 'prolific');
    expect(balances).toEqual([expect.objectContaining({ currency: 'GBP', pending: 150 })]);
  });

  it('credits the study under way, never one only looked at', async () => {
    await openStudy(1, OTHER);
    b.advance(2_000);
    await openStudy(1, STUDY);
    b.advance(3_000);
    // Neither study started (no survey opened): a completion page credits nothing.
    const complete = () => send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'completion', alert: 'submitted', taskId: null }, tab(2, COMPLETE));
    expect(await complete()).toMatchObject({ data: { confirmed: null } });
    await startSurvey(1, 2);
    b.advance(3_000);
    expect(await complete()).toMatchObject({ data: { confirmed: `prolific:${STUDY}` } });
    expect(await getTaskByKey(`prolific:${OTHER}`)).toBeUndefined();
  });

  it('credits the study whose survey is open, even when another study was looked at since', async () => {
    await openStudy(1, STUDY);
    b.advance(2_000);
    await startSurvey(1, 2);
    b.advance(5_000);
    // Back on Prolific in a third tab, the worker reads another study while the survey waits.
    b.tabs = b.tabs.map((t) => ({ ...t, active: false }));
    await openStudy(3, OTHER);
    b.advance(5_000);
    const reply = await send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'completion', alert: 'submitted', taskId: null }, tab(2, COMPLETE));
    expect(reply).toMatchObject({ data: { confirmed: `prolific:${STUDY}` } });
    // The study only looked at is no task.
    expect(await getTaskByKey(`prolific:${OTHER}`)).toBeUndefined();
  });

  it('credits the study started last, even one whose survey never came to the front', async () => {
    await openStudy(1, STUDY);
    b.advance(2_000);
    await startSurvey(1, 2);
    b.advance(5_000);
    // The window loses focus; another study's survey opens from its page there: it starts (Prolific's single
    // ACTIVE study is now this one) though no time went to it, and its completion page is its own.
    b.focusedWindowId = null;
    await openStudy(3, OTHER);
    await startSurvey(3, 4);
    b.advance(5_000);
    const reply = await send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'completion', alert: 'submitted', taskId: null }, tab(4, COMPLETE));
    expect(reply).toMatchObject({ data: { confirmed: `prolific:${OTHER}` } });
    expect(await getTaskByKey(`prolific:${STUDY}`)).toMatchObject({ status: 'open' });
  });

  it('credits a completion page once: seen again (a reload), it submits no other study', async () => {
    await openStudy(1, OTHER);
    await startSurvey(1, 3);
    b.advance(2_000);
    await openStudy(2, STUDY);
    await startSurvey(2, 4);
    b.advance(3_000);
    const completion = () => send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'completion', alert: 'submitted', taskId: null }, tab(4, COMPLETE));
    expect(await completion()).toMatchObject({ data: { confirmed: `prolific:${STUDY}` } });
    expect(await completion()).toMatchObject({ data: { confirmed: null } });
    expect(await getTaskByKey(`prolific:${OTHER}`)).toMatchObject({ status: 'open' });
  });

  it('keeps a study only looked at out of the history: no record, no alarm', async () => {
    await openStudy(1, OTHER);
    expect(b.alarms.has(`prolific:${OTHER}`)).toBe(false);
    expect(await getTaskByKey(`prolific:${OTHER}`)).toBeUndefined();
    expect((await popupData()).tasks).toEqual([]);
  });

  it("runs a study's maximum time from when its survey opens, not from when its page was read", async () => {
    await openStudy(1, STUDY);
    // Twenty minutes reading the study, then "Open study".
    b.advance(20 * 60_000);
    await startSurvey(1, 2);
    const started = b.wall;
    expect(await getTaskByKey(`prolific:${STUDY}`)).toMatchObject({ startedAt: started, deadline: started + 3_600_000 });
    expect(b.alarms.get(`prolific:${STUDY}`)).toBe(started + 3_600_000);
    // The study page seen again (a route back to it) keeps the started deadline.
    b.advance(60_000);
    await openStudy(1, STUDY);
    expect(await getTaskByKey(`prolific:${STUDY}`)).toMatchObject({ startedAt: started, deadline: started + 3_600_000 });
  });

  it('follows the submissions page: screened out pays its partial amount, returned earns nothing, GBP and USD apart', async () => {
    await openStudy(1, STUDY);
    await startSurvey(1, 5);
    b.advance(60_000);
    await openStudy(2, OTHER, { minor: 200, currency: 'USD' });
    await startSurvey(2, 6);
    b.advance(30_000);
    const row = (studyId: string, state: string, reward: { minor: number; currency: string }) => ({
      assignmentId: studyId, hitId: studyId, state, title: 'Memory study', requesterName: '', reward, date: '2026-11-27',
    });
    const page = 'https://app.prolific.com/submissions?page=1';
    const reply = await send('cs-bg-balance-page', { platform: 'prolific', statuses: [row(STUDY, 'SCREENED OUT', gbp(25)), row(OTHER, 'RETURNED', { minor: 200, currency: 'USD' })] }, tab(3, page));
    expect(reply).toEqual({ ok: true, data: { reading: false, updated: 2 } });
    expect(await getTaskByKey(`prolific:${STUDY}`)).toMatchObject({ status: 'approved', reward: gbp(25), activeMs: 60_000 });
    expect(await getTaskByKey(`prolific:${OTHER}`)).toMatchObject({ status: 'returned' });
    const today = (await popupData()).today.find((d) => d.platform === 'prolific')!.totals;
    expect(today).toMatchObject({ earned: { GBP: 25 }, approved: { GBP: 25 }, paidActiveMs: 60_000, unpaidActiveMs: 30_000 });
  });

  it('follows the platform where it lists a study held as submitted as RETURNED or TIMED-OUT', async () => {
    await openStudy(1, STUDY);
    await startSurvey(1, 2);
    b.advance(60_000);
    await send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'completion', alert: 'submitted', taskId: null }, tab(2, COMPLETE));
    expect(await getTaskByKey(`prolific:${STUDY}`)).toMatchObject({ status: 'submitted' });
    const page = tab(3, 'https://app.prolific.com/submissions?page=1');
    const row = { assignmentId: STUDY, hitId: STUDY, state: 'TIMED-OUT', title: 'Memory study', requesterName: '', reward: gbp(150), date: '2026-11-27' };
    expect(await send('cs-bg-balance-page', { platform: 'prolific', statuses: [row] }, page)).toEqual({ ok: true, data: { reading: false, updated: 1 } });
    expect(await getTaskByKey(`prolific:${STUDY}`)).toMatchObject({ status: 'expired', activeMs: 60_000 });
    const data = await popupData();
    expect(data.today.find((d) => d.platform === 'prolific')!.totals).toMatchObject({ earned: {}, pending: {}, paidActiveMs: 0, unpaidActiveMs: 60_000 });
    expect(data.pending.total).toBe(0);
  });

  it("counts a study's bonus with its reward, in its earnings and in what can be withdrawn", async () => {
    await openStudy(1, STUDY);
    await startSurvey(1, 2);
    b.advance(60_000);
    await send('cs-bg-page-seen', { platform: 'prolific', pageKind: 'completion', alert: 'submitted', taskId: null }, tab(2, COMPLETE));
    const page = tab(3, 'https://app.prolific.com/submissions?page=1');
    const row = { assignmentId: STUDY, hitId: STUDY, state: 'APPROVED', title: 'Memory study', requesterName: '', reward: gbp(150), date: '2026-11-27' };
    await send('cs-bg-balance-page', { platform: 'prolific', statuses: [row] }, page);
    // The bonus shows up later on the same row.
    await send('cs-bg-balance-page', { platform: 'prolific', statuses: [{ ...row, bonus: gbp(50) }] }, page);
    expect(await getTaskByKey(`prolific:${STUDY}`)).toMatchObject({ status: 'approved', reward: gbp(150), bonus: gbp(50) });
    const data = await popupData();
    expect(data.today.find((d) => d.platform === 'prolific')!.totals).toMatchObject({ earned: { GBP: 200 }, approved: { GBP: 200 }, paidActiveMs: 60_000 });
    expect(data.balances.find((v) => v.platform === 'prolific')).toMatchObject({ withdrawable: 200 });
    b.advance(1_000);
    await send('ui-bg-cash-out', { platform: 'prolific', currency: 'GBP' }, popup);
    b.advance(1_000);
    // Seen after the cash-out still with its £0.50 bonus: a rise after that is new money.
    await send('cs-bg-balance-page', { platform: 'prolific', statuses: [{ ...row, bonus: gbp(50) }] }, page);
    b.advance(1_000);
    await send('cs-bg-balance-page', { platform: 'prolific', statuses: [{ ...row, bonus: gbp(80) }] }, page);
    // Only the bonus's rise is new money since the cash-out.
    expect((await popupData()).balances.find((v) => v.platform === 'prolific')).toMatchObject({ withdrawable: 30 });
  });

  it('counts withdrawable as approved since the last cash-out the worker records', async () => {
    await openStudy(1, STUDY);
    b.advance(60_000);
    await openStudy(2, OTHER, gbp(300));
    b.advance(60_000);
    const row = (studyId: string, state: string, reward: { minor: number; currency: string }) => ({
      assignmentId: studyId, hitId: studyId, state, title: 'Memory study', requesterName: '', reward, date: '2026-11-27',
    });
    const page = tab(3, 'https://app.prolific.com/submissions?page=1');
    const prolificGbp = async () => (await popupData()).balances.find((v) => v.platform === 'prolific' && v.currency === 'GBP')!;
    await send('cs-bg-balance-page', { platform: 'prolific', statuses: [row(STUDY, 'APPROVED', gbp(150)), row(OTHER, 'AWAITING REVIEW', gbp(300))] }, page);
    // No cash-out recorded yet: everything approved is withdrawable.
    expect(await prolificGbp()).toMatchObject({ withdrawableFrom: 'cash-out', withdrawable: 150, withdrawableSince: null, pending: 300 });
    b.advance(1_000);
    expect(await send('ui-bg-cash-out', { platform: 'prolific', currency: 'GBP' }, popup)).toEqual({ ok: true, data: { recorded: true } });
    const cashedOutAt = b.wall;
    expect(await prolificGbp()).toMatchObject({ withdrawable: 0, withdrawableSince: cashedOutAt });
    b.advance(1_000);
    // Still awaiting review after the cash-out: its approval cannot have been cashed out.
    await send('cs-bg-balance-page', { platform: 'prolific', statuses: [row(OTHER, 'AWAITING REVIEW', gbp(300))] }, page);
    b.advance(1_000);
    await send('cs-bg-balance-page', { platform: 'prolific', statuses: [row(OTHER, 'APPROVED', gbp(300))] }, page);
    expect(await prolificGbp()).toMatchObject({ withdrawable: 300, withdrawableSince: cashedOutAt, pending: 0 });
    // Only Centime's pages may record a cash-out.
    expect(await send('ui-bg-cash-out', { platform: 'prolific', currency: 'GBP' }, page)).toMatchObject({ ok: false });
    // MTurk's withdrawable is its dashboard's, never a typed cash-out.
    expect(await send('ui-bg-cash-out', { platform: 'mturk', currency: 'USD' }, popup)).toMatchObject({ ok: false, error: { code: 'reports_itself', params: ['Amazon Mechanical Turk'] } });
  });
});
