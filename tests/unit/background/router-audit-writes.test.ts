// What a refused message leaves in storage: nothing. Real handlers and storage behind the router, messages shaped
// as a hostile page, frame or extension could shape them (DESIGN.md, Architecture: the background validates each
// message and checks its sender before it writes).
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { allAggregates, allTasks, clearHistory } from '../../../lib/storage/history-db';
import { clearQuarantine, quarantineCount } from '../../../lib/storage/quarantine';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const snapshot = side.expected;
const top = (url: string, tabId = 7): Sender => ({ id: me.extensionId, url, origin: new URL(url).origin, frameId: 0, tab: { id: tabId, url } }) as Sender;
const dashboard = top('https://worker.mturk.com/dashboard', 5);
const fromPopup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
const row = { assignmentId: 'ASG1', hitId: 'HIT1', state: 'Submitted', title: 'Survey', requesterName: 'Lab', reward: { minor: 300, currency: 'USD' }, date: '2026-11-20' };

let route: Route;
beforeEach(async () => {
  await clearHistory();
  await clearQuarantine();
  await saveSettings(DEFAULT_SETTINGS);
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
  const writer = new TaskWriter(() => 'UTC');
  const tracker = new Tracker(new FakeBrowser().env(), writer, platforms);
  route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
});

async function nothingStored(): Promise<void> {
  expect(await allTasks()).toEqual([]);
  expect(await allAggregates()).toEqual({});
  expect(await quarantineCount()).toBe(0);
}

describe('refused messages write nothing', () => {
  it('a task page reported from an evil.com frame inside an MTurk page', async () => {
    const frame = { id: me.extensionId, url: 'https://evil.example/hit', origin: 'https://evil.example', frameId: 2, tab: { id: 7, url: side.url } } as Sender;
    expect(await route({ type: 'cs-bg-task-seen', payload: snapshot }, frame)).toMatchObject({ ok: false, error: { code: 'refused_sender' } });
    await nothingStored();
  });

  it('settings saved by a content script', async () => {
    const reply = await route({ type: 'ui-bg-save-settings', payload: { ...DEFAULT_SETTINGS, idleTimeoutSec: 3600, overlay: false } }, top(side.url));
    expect(reply).toMatchObject({ ok: false, error: { code: 'refused_sender' } });
    expect((await loadSettings()).settings).toMatchObject({ idleTimeoutSec: DEFAULT_SETTINGS.idleTimeoutSec, overlay: true });
  });

  it.each([
    ['a month 13', '2026-13-01'],
    ['February 30', '2026-02-30'],
    ['a day before 1970', '1969-12-31'],
  ])('a status row dated %s (its record would carry an impossible instant and be set aside as invalid)', async (_, date) => {
    const reply = await route({ type: 'cs-bg-balance-page', payload: { platform: 'mturk', statuses: [{ ...row, date }] } }, dashboard);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    await nothingStored();
  });

  it('a negative reward on a status row (it would count against the pending balance)', async () => {
    const reply = await route({ type: 'cs-bg-balance-page', payload: { platform: 'mturk', statuses: [{ ...row, reward: { minor: -300, currency: 'USD' } }] } }, dashboard);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    await nothingStored();
  });

  it('a task page with a negative reward', async () => {
    const reply = await route({ type: 'cs-bg-task-seen', payload: { ...snapshot, reward: { minor: -50, currency: 'USD' } } }, top(side.url));
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    await nothingStored();
  });

  it('a task page whose deadline would pass the safe integers (its record would be invalid)', async () => {
    const reply = await route({ type: 'cs-bg-task-seen', payload: { ...snapshot, acceptedAt: 2 ** 53 - 1, timeAllottedSec: 3600 } }, top(side.url));
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    await nothingStored();
  });

  it('while a real status row is stored as it should be', async () => {
    const reply = await route({ type: 'cs-bg-balance-page', payload: { platform: 'mturk', statuses: [row] } }, dashboard);
    expect(reply).toMatchObject({ ok: true, data: { updated: 1 } });
    const popup = await route({ type: 'ui-bg-get-popup', payload: {} }, fromPopup);
    expect(popup).toMatchObject({ ok: true, data: { quarantined: 0 } });
    expect((await allTasks()).map((t) => [t.taskId, t.status, t.day])).toEqual([['ASG1', 'submitted', '2026-11-20']]);
  });
});
