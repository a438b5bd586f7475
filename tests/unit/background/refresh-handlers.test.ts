import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { MIN_GAP_MS, type RefreshEnv } from '../../../lib/background/refresh';
import { createRouter, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';
import { fakeMturk, gaps, statusJson, statusRequest, VirtualClock, type Answer } from './fake-mturk';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
const GROUP = '3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0';
const dashboardHtml = readFileSync('tests/fixtures/mturk/dashboard.html', 'utf8');
const earningsHtml = readFileSync('tests/fixtures/mturk/earnings.html', 'utf8');
/** MTurk as served: `days` gives each day's status JSON (none: no HIT that day). */
const mturk = (days: Record<string, string> = {}) => (url: string): Answer => {
  if (url.endsWith('/dashboard')) return { body: dashboardHtml };
  if (url.endsWith('/earnings')) return { body: earningsHtml };
  const day = statusRequest(url)?.day ?? '';
  return { body: days[day] ?? statusJson([]) };
};

/** The background of a worker in `timeZone`, refreshing through `refresh`; `submit` times and submits a HIT. */
function background(timeZone: string, refresh: RefreshEnv, wall: number) {
  const b = new FakeBrowser();
  b.wall = wall;
  const writer = new TaskWriter(() => timeZone);
  const tracker = new Tracker(b.env(), writer, platforms);
  const handlers = createHandlers({ tracker, writer, timeZone: () => timeZone, claims: memoryClaims(), refresh });
  const route = createRouter(handlers, me);
  const submit = async (assignmentId: string) => {
    const url = `https://worker.mturk.com/projects/${GROUP}/tasks/H${assignmentId}?assignment_id=${assignmentId}`;
    b.tabs = [{ id: 1, windowId: 1, url, active: true }];
    const snapshot = { platform: 'mturk', taskId: assignmentId, groupId: GROUP, title: 'Label', requesterName: 'Lab', reward: { minor: 50, currency: 'USD' } };
    await route({ type: 'cs-bg-task-seen', payload: snapshot }, { id: me.extensionId, url, tab: { id: 1, url } });
    b.advance(60_000);
    await tracker.outcome(`mturk:${assignmentId}`, 'submitted');
  };
  return { b, handlers, route, submit };
}

beforeEach(async () => {
  await clearHistory();
});

describe('the status days a refresh reads', () => {
  it('are the Pacific days of the pending items: in Honolulu at 23:30, the day after the local one', async () => {
    const m = fakeMturk(mturk({ '2026-11-27': statusJson([{ assignment: 'A1', state: 'Approved' }]) }));
    // Submitted at 23:30 on Nov 26 in Honolulu (UTC−10): 01:30 on Nov 27 in Los Angeles, MTurk's day.
    const bg = background('Pacific/Honolulu', m.env(), Date.UTC(2026, 10, 27, 9, 29));
    await bg.submit('A1');
    const reply = await bg.route({ type: 'ui-bg-refresh', payload: {} }, popup);
    expect(m.sent.flatMap(({ url }) => statusRequest(url)?.day ?? [])).toEqual(['2026-11-27']);
    expect(reply).toEqual({ ok: true, data: { kind: 'done', requests: 3 } });
    // The row MTurk lists on its day settles the HIT.
    expect(await getTaskByKey('mturk:A1')).toMatchObject({ status: 'approved' });
  });
});

describe('the popup and the periodic alarm at once', () => {
  it('join one refresh: one set of requests, 3 s apart, and the same outcome for every caller', async () => {
    const clock = new VirtualClock();
    // Each answer takes 0.5 s: a second caller arrives while the first one's requests are under way.
    const m = fakeMturk(mturk(), clock, 500);
    const bg = background('UTC', m.env(), Date.UTC(2026, 10, 27, 14, 0));
    await bg.submit('A1');
    await bg.submit('A2');
    // Three clicks of the popup's button and two alarms, all before any answer comes.
    const callers = [
      bg.route({ type: 'ui-bg-refresh', payload: {} }, popup)!.then((reply) => (reply.ok ? reply.data : reply)),
      bg.handlers['ui-bg-refresh']({}, {}),
      bg.route({ type: 'ui-bg-refresh', payload: {} }, popup)!.then((reply) => (reply.ok ? reply.data : reply)),
      bg.handlers['ui-bg-refresh']({}, {}),
      bg.route({ type: 'ui-bg-refresh', payload: {} }, popup)!.then((reply) => (reply.ok ? reply.data : reply)),
    ];
    const outcomes = await clock.run(Promise.all(callers));
    for (const gap of gaps(m.sent)) expect(gap).toBeGreaterThanOrEqual(MIN_GAP_MS);
    // The dashboard, the earnings page and the one pending day (Nov 27), once.
    for (const outcome of outcomes) expect(outcome).toEqual({ kind: 'done', requests: 3 });
    expect(m.sent.map(({ url }) => new URL(url).pathname)).toEqual(['/dashboard', '/earnings', '/status_details/2026-11-27']);
    // A refresh asked for after that one ended is a new one, and keeps its distance from the last request.
    const again = await clock.run(Promise.all([bg.handlers['ui-bg-refresh']({}, {}), bg.handlers['ui-bg-refresh']({}, {})]));
    expect(again).toEqual([{ kind: 'done', requests: 3 }, { kind: 'done', requests: 3 }]);
    expect(m.sent).toHaveLength(6);
    for (const gap of gaps(m.sent)) expect(gap).toBeGreaterThanOrEqual(MIN_GAP_MS);
  });
});
