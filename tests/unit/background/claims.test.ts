import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { CLAIM_TTL_MS, createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const snapshot = side.expected;
const KEY = `mturk:${snapshot.taskId}`;
const tab = (id: number, url: string): Sender => ({ id: me.extensionId, url, tab: { id, url } });
const onTask = tab(7, side.url);
const HIT_LIST = 'https://worker.mturk.com/projects';

describe('outcomes claimed on the task page and confirmed by the next page', () => {
  let b: FakeBrowser;
  let route: Route;
  let claims: ReturnType<typeof memoryClaims>;
  const send = (type: string, payload: unknown, sender: Sender) => route({ type, payload }, sender);
  const pageSeen = (sender: Sender, alert: string | null, taskId: string | null = null) =>
    send('cs-bg-page-seen', { platform: 'mturk', pageKind: 'listing', alert, taskId }, sender);

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    b.tabs = [{ id: 7, windowId: 1, url: side.url, active: true }];
    claims = memoryClaims();
    const writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(b.env(), writer, platforms);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims }), me);
    await send('cs-bg-task-seen', snapshot, onTask);
    b.advance(10_000);
  });

  it('records a submit when "HIT Submitted" follows in the same tab, ending the time at the submit', async () => {
    await send('cs-bg-task-claim', { platform: 'mturk', taskId: snapshot.taskId, outcome: 'submitted' }, onTask);
    b.advance(2_000); // the next page loads
    b.tabs = [{ id: 7, windowId: 1, url: HIT_LIST, active: true }];
    expect(await pageSeen(tab(7, HIT_LIST), 'submitted')).toEqual({ ok: true, data: { confirmed: KEY } });
    expect(await getTaskByKey(KEY)).toMatchObject({ status: 'submitted', activeMs: 10_000 });
    expect(claims.all.size).toBe(0);
  });

  it('does not record a submit that no "HIT Submitted" confirms', async () => {
    await send('cs-bg-task-claim', { platform: 'mturk', taskId: snapshot.taskId, outcome: 'submitted' }, onTask);
    expect(await pageSeen(tab(7, HIT_LIST), null)).toEqual({ ok: true, data: { confirmed: null } });
    expect((await getTaskByKey(KEY))!.status).toBe('open');
  });

  it('does not take "HIT Submitted" in another tab, or without a claim, as this task submitted', async () => {
    await send('cs-bg-task-claim', { platform: 'mturk', taskId: snapshot.taskId, outcome: 'submitted' }, onTask);
    await pageSeen(tab(8, HIT_LIST), 'submitted');
    expect((await getTaskByKey(KEY))!.status).toBe('open');
    await claims.set(7, null);
    await pageSeen(tab(7, HIT_LIST), 'submitted');
    expect((await getTaskByKey(KEY))!.status).toBe('open');
  });

  it('drops a claim older than the time a page takes to follow', async () => {
    await send('cs-bg-task-claim', { platform: 'mturk', taskId: snapshot.taskId, outcome: 'submitted' }, onTask);
    b.advance(CLAIM_TTL_MS + 1);
    await pageSeen(tab(7, HIT_LIST), 'submitted');
    expect((await getTaskByKey(KEY))!.status).toBe('open');
    expect(claims.all.size).toBe(0);
  });

  it('records a return when the tab moves on to another page, with its time as unpaid', async () => {
    await send('cs-bg-task-claim', { platform: 'mturk', taskId: snapshot.taskId, outcome: 'returned' }, onTask);
    // The same task page again (the return failed and MTurk re-rendered it) confirms nothing.
    await pageSeen(onTask, null, snapshot.taskId);
    expect((await getTaskByKey(KEY))!.status).toBe('open');
    await pageSeen(tab(7, 'https://worker.mturk.com/tasks'), null);
    expect(await getTaskByKey(KEY)).toMatchObject({ status: 'returned', activeMs: 10_000 });
  });

  it('marks a task expired when its page says it is no longer available', async () => {
    await pageSeen(onTask, 'unavailable', snapshot.taskId);
    expect((await getTaskByKey(KEY))!.status).toBe('expired');
  });

  it('refuses a claim from a page that is not on the platform', async () => {
    const reply = await send(
      'cs-bg-task-claim',
      { platform: 'mturk', taskId: snapshot.taskId, outcome: 'submitted' },
      tab(9, 'https://requester.example.org/hit.html'),
    );
    expect(reply).toMatchObject({ ok: false });
    expect(claims.all.size).toBe(0);
  });
});
