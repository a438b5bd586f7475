import { clear, createStore, get, set } from 'idb-keyval';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CustomRule } from '../../../../lib/platforms/custom-rule';
import { DEFAULT_SETTINGS } from '../../../../lib/storage/settings';
import type { Money } from '../../../../lib/domain/money';
import type { FakeBrowser } from '../../background/fake-env';
import { statusOf, urlOf } from '../../../oracle/driver-pages';
import { gbp, hit, page, usd } from '../../../oracle/script';
import type { Page, World } from '../../../oracle/world';
import { madeBy, storedNow } from './capture';
import type { LegacyDump } from './dump';
import { browserState, tabSender, type Background } from './legacy-background';
import { ScriptedBrowser, type Shown } from './scripted-browser';

/**
 * What the oracle's generator does not make, written by hand and played through today's background: two custom
 * sites (one timed in its own tab, one off-site like a study), two browser crashes (a HIT, then the manual
 * timer, in front), a service-worker restart, a record gone bad and set aside (quarantine), MTurk readings
 * across the night the US clocks go back, and work still under way a month later.
 */

const MIN = 60_000;
const ZONE = 'America/Chicago';
const T0 = Date.UTC(2026, 9, 31, 14, 0); // Saturday 09:00 CDT; at 02:00 on Sunday the clocks go back to CST
const T1 = Date.UTC(2026, 10, 1, 16, 0); // Sunday 10:00 CST
const T2 = Date.UTC(2026, 11, 3, 15, 0); // Thursday 3 December, 09:00 CST

const taskmill: CustomRule = {
  id: 'taskmill', name: 'Taskmill', match: 'https://tasks.example.net/task/*', titleSelector: 'h1', rewardSelector: '.reward',
  currency: 'USD', submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', payoutThreshold: usd(1000), enabled: true,
};
const surveyhub: CustomRule = {
  id: 'surveyhub', name: 'SurveyHub', match: 'https://surveyhub.example.com/study/*', titleSelector: 'h1', rewardSelector: '.pay',
  currency: 'GBP', submit: { kind: 'url', pattern: 'https://surveyhub.example.com/complete*' }, timing: 'external', enabled: true,
};
const shownTask = (platform: string, url: string, title: string, reward: Money): Shown => ({
  url, seen: { platform, taskId: url.replace(/^https:\/\//, ''), title, requesterName: platform === 'custom:taskmill' ? 'Taskmill' : 'SurveyHub', reward },
});
const task42 = shownTask('custom:taskmill', 'https://tasks.example.net/task/42', 'Tag 20 photos', usd(40));
const task43 = shownTask('custom:taskmill', 'https://tasks.example.net/task/43', 'Sort 50 receipts', usd(65));
const study = shownTask('custom:surveyhub', 'https://surveyhub.example.com/study/s1', 'Attitudes to commuting', gbp(250));
const COMPLETE = 'https://surveyhub.example.com/complete?cc=7Q';

const [hit1, hit2, hit3] = [
  hit(1, usd(120), { acceptedAt: T0 + 3 * MIN, allottedSec: 1800, requester: 1 }),
  hit(2, usd(85), { acceptedAt: T0 + 4 * MIN, allottedSec: 3600, requester: 2 }),
  hit(3, usd(300), { acceptedAt: T0 + 120 * MIN, allottedSec: 7200, requester: 2 }),
];
const world = { tasks: { [hit1.key]: hit1, [hit2.key]: hit2, [hit3.key]: hit3 } } as unknown as World;

export const CRASH_CUSTOM_ABOUT =
  'Hand-scripted (crash-custom.ts): custom sites Taskmill (internal timing, USD, payout threshold) and SurveyHub (external, ' +
  'GBP, started from its study page, submitted by URL); two browser crashes (a HIT in front, then the running manual timer: ' +
  'crash events, paused timer) and a service-worker restart; a queued HIT whose record went bad and was set aside (quarantine); ' +
  'MTurk dashboard readings with a bonus rise, a late approval and transfers across the night the US clocks go back; a ' +
  'cash-out on a custom site; a month later the pending items presumably approved and a custom task open in front. No oracle figures: it models none of these.';

export async function captureCrashCustom(): Promise<LegacyDump> {
  const s = new ScriptedBrowser(T0, ZONE, world);
  const { b } = s;
  const send = (type: string, payload: object, sender?: Parameters<Background['send']>[2]) => s.bg.send(type, payload, sender);
  const mturk = (pg: Page): Shown => ({ url: urlOf(world, pg), page: pg });
  const claim = (tab: number, h: typeof hit1) => send('cs-bg-task-claim', { platform: 'mturk', taskId: h.id, outcome: 'submitted' }, tabSender(tab, urlOf(world, page.task(h))));
  const balance = (read: object) => send('cs-bg-balance-page', { platform: 'mturk', ...read }, tabSender(900, 'https://worker.mturk.com/dashboard'));
  const row = (h: typeof hit1, state: string) => statusOf(world, { task: h.key, state, reward: h.reward, date: '2026-10-31' });
  const front = (tab: number) => (x: FakeBrowser) => x.tabs.forEach((t) => (t.active = t.id === tab));

  await clear(createStore('centime', 'records'));
  await clear(createStore('centime-quarantine', 'entries'));
  await fakeBrowser.storage.local.clear();
  await s.boot();
  await send('ui-bg-save-settings', { ...DEFAULT_SETTINGS, exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.27 }] });
  await send('ui-bg-save-rules', { rules: [taskmill, surveyhub] });

  await s.open(1, mturk(page.list()));
  s.at(T0 + 3 * MIN);
  await s.go(1, mturk(page.task(hit1)));
  s.at(T0 + 4 * MIN);
  await s.open(2, mturk(page.task(hit2)), { background: true });
  s.at(T0 + 12 * MIN);
  await claim(1, hit1);
  await s.go(1, mturk(page.list('submitted')));
  s.at(T0 + 13 * MIN);
  await s.change(front(2));
  s.at(T0 + 17 * MIN);
  // The browser crashes with HIT 2 in front; two minutes later it restores both tabs under new ids.
  await s.crash([{ id: 11, shown: mturk(page.list()), active: false }, { id: 12, shown: mturk(page.task(hit2)), active: true }], 2 * MIN);
  s.at(T0 + 25 * MIN);
  await claim(12, hit2);
  await s.go(12, mturk(page.list('submitted')));
  s.at(T0 + 26 * MIN);
  await s.change((x) => (x.tabs = x.tabs.filter((t) => t.id !== 11)));
  await s.go(12, task42);
  s.at(T0 + 31 * MIN);
  await s.change((x) => (x.idle = 'idle'));
  s.at(T0 + 33 * MIN);
  await s.change((x) => (x.idle = 'active'));
  s.at(T0 + 36 * MIN);
  await send('cs-bg-custom-submitted', { platform: 'custom:taskmill', taskId: 'tasks.example.net/task/42' }, tabSender(12, task42.url));
  s.at(T0 + 37 * MIN);
  await s.open(13, task43);
  s.at(T0 + 40 * MIN);
  // The service worker is stopped and started again: storage and the browser session stay.
  b.restartWorker();
  await s.boot();
  s.at(T0 + 44 * MIN);
  await s.change(front(12));
  s.at(T0 + 46 * MIN);
  await s.open(14, study);
  s.at(T0 + 48 * MIN);
  await s.open(15, { url: 'https://forms.example.org/q/77' }, { opener: 14 });
  s.at(T0 + 60 * MIN);
  await s.go(15, { url: COMPLETE });
  await send('cs-bg-custom-submitted', { platform: 'custom:surveyhub', taskId: null }, tabSender(15, COMPLETE));
  s.at(T0 + 61 * MIN);
  await s.change((x) => {
    x.tabs = x.tabs.filter((t) => t.id !== 15 && t.id !== 14);
    front(13)(x);
  });
  s.at(T0 + 70 * MIN);
  await send('ui-bg-manual', { action: 'start', title: 'Offline work' });
  s.at(T0 + 90 * MIN);
  // The browser crashes again while the manual timer runs: it comes back paused.
  await s.crash([{ id: 21, shown: task43, active: true }, { id: 22, shown: task42, active: false }], 5 * MIN);
  s.at(T0 + 100 * MIN);
  await send('ui-bg-manual', { action: 'resume' });
  s.at(T0 + 110 * MIN);
  await send('ui-bg-manual', { action: 'stop', reward: usd(300) });
  s.at(T0 + 111 * MIN);
  await balance({ dashboard: { available: usd(1200), bonuses: usd(500) }, statuses: [row(hit1, 'Submitted'), row(hit2, 'Submitted')] });
  s.at(T0 + 112 * MIN);
  await s.change((x) => (x.focusedWindowId = null));
  s.at(T0 + 120 * MIN);
  await s.open(23, mturk(page.task(hit3)), { background: true });
  // The queued HIT's record goes bad on disk; the next read sets it aside.
  const store = createStore('centime', 'records');
  await set(`task:${hit3.key}`, { ...(await get(`task:${hit3.key}`, store)), reward: { minor: 12.5, currency: 'USD' } }, store);
  await s.bg.popup();
  await s.bg.writer.serial(async () => {});

  s.at(T1);
  await s.change((x) => (x.focusedWindowId = 1));
  await balance({ dashboard: { available: usd(1300), bonuses: usd(575) }, statuses: [row(hit1, 'Approved'), row(hit2, 'Submitted')] });
  s.at(T1 + MIN);
  await balance({ transfers: [{ requestedDate: '2026-10-15', amount: usd(2500) }, { requestedDate: '2026-10-15', amount: usd(2500) }, { requestedDate: '2026-10-22', amount: usd(1000) }] });
  s.at(T1 + 2 * MIN);
  await send('ui-bg-cash-out', { platform: 'custom:taskmill', currency: 'USD' });
  s.at(T1 + 3 * MIN);
  await s.change((x) => (x.focusedWindowId = null));
  // A month later with no news of the pending items: presumably approved. Task 43 is still open, in front again.
  s.at(T2);
  await s.change((x) => (x.focusedWindowId = 1));
  s.at(T2 + 10 * MIN);
  const popup = await s.bg.popup();
  return {
    name: 'crash-custom', about: CRASH_CUSTOM_ABOUT, madeBy: madeBy({ script: 'tests/unit/storage/legacy/crash-custom.ts' }),
    zone: ZONE, now: b.wall, ...(await storedNow()), browser: browserState(b), popup,
    oracle: null, oracleNote: 'The oracle models no crash, service-worker restart or custom site (tests/oracle/README.md, "What the generator does not make").',
  };
}
