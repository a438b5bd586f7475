// The background runs in a service worker: no DOM, no `Location` (a DOM-only API once slipped in here).
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, senderProblem, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from './fake-env';
import { CHANGED } from '../../../lib/messaging';
import { clearHistory } from '../../../lib/storage/history-db';
import { clearQuarantine } from '../../../lib/storage/quarantine';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const snapshot = side.expected;
const fromMturkTab: Sender = { id: me.extensionId, url: side.url, tab: { url: side.url } };
const fromPopup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };

describe('background router', () => {
  let fake: FakeBrowser;
  let route: Route;

  beforeEach(async () => {
    await clearHistory();
    await clearQuarantine();
    fake = new FakeBrowser();
    fake.wall = 1_000;
    const writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(fake.env(), writer, platforms);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  });

  it('stores a task a content script reports, broadcasts the change, and the popup reads it', async () => {
    const broadcast = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    await expect(route({ type: 'cs-bg-task-seen', payload: snapshot }, fromMturkTab)).resolves.toEqual({
      ok: true,
      data: { saved: true },
    });
    expect(broadcast).toHaveBeenCalledWith({ type: CHANGED, what: ['tasks'] });
    const popup = await route({ type: 'ui-bg-get-popup', payload: {} }, fromPopup);
    expect(popup).toEqual({
      ok: true,
      data: {
        quarantined: 0,
        manual: null,
        today: [],
        day: null,
        balances: [],
        pending: { items: [], total: 0 },
        tasks: [
          {
            platform: 'mturk',
            taskId: snapshot.taskId,
            title: snapshot.title,
            requesterName: snapshot.requesterName,
            reward: { minor: 50, currency: 'USD' },
            firstSeenAt: 1_000,
            status: 'open',
            activeMs: 0,
            idleMs: 0,
            front: false,
            running: false,
          },
        ],
        at: 1_000,
        rates: { minRates: DEFAULT_SETTINGS.minRates, targetRates: DEFAULT_SETTINGS.targetRates, displayCurrency: 'USD', exchangeRates: [] },
        paused: false,
      },
    });
  });

  it('keeps the first-seen time when a task page is reported again', async () => {
    await route({ type: 'cs-bg-task-seen', payload: snapshot }, fromMturkTab);
    fake.advance(4_000);
    await route({ type: 'cs-bg-task-seen', payload: { ...snapshot, title: 'Renamed' } }, fromMturkTab);
    const popup = await route({ type: 'ui-bg-get-popup', payload: {} }, fromPopup);
    expect(popup).toMatchObject({ ok: true, data: { tasks: [{ title: 'Renamed', firstSeenAt: 1_000 }] } });
  });

  it.each([
    ['a float reward', { ...snapshot, reward: { minor: 0.5, currency: 'USD' } }, 'reward.minor'],
    ['a lowercase currency', { ...snapshot, reward: { minor: 50, currency: 'usd' } }, 'reward.currency'],
    ['a missing task id', { ...snapshot, taskId: undefined }, 'taskId'],
    ['a huge title', { ...snapshot, title: 'x'.repeat(10_000) }, 'title'],
    ['no payload', undefined, 'payload'],
  ])('refuses a payload with %s and says where', async (_, payload, where) => {
    const reply = await route({ type: 'cs-bg-task-seen', payload }, fromMturkTab);
    // A code the page words in the worker's language; where and why stay in the detail, for the console.
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect((reply as { error: { detail: string } }).error.detail).toContain(where);
    const popup = await route({ type: 'ui-bg-get-popup', payload: {} }, fromPopup);
    expect(popup).toMatchObject({ data: { tasks: [] } });
  });

  it('answers every failure as a code the page words, never as the background’s English', async () => {
    const handlers = createHandlers({ tracker: new Tracker(fake.env(), new TaskWriter(() => 'UTC'), platforms), writer: new TaskWriter(() => 'UTC'), timeZone: () => 'UTC', claims: memoryClaims() });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failing = createRouter({ ...handlers, 'ui-bg-get-options': async () => Promise.reject(new Error('QuotaExceededError: quota exceeded')) }, me);
    // An unexpected failure (storage, a bug) is the generic code; its words stay in the detail and the console.
    expect(await failing({ type: 'ui-bg-get-options', payload: {} }, fromPopup)).toEqual({ ok: false, error: { code: 'unknown', detail: 'QuotaExceededError: quota exceeded' } });
    expect(warn).toHaveBeenCalled();
    // A known refusal keeps its code: the manual timer with nothing open.
    expect(await route({ type: 'ui-bg-manual', payload: { action: 'pause' } }, fromPopup)).toMatchObject({ ok: false, error: { code: 'manual_unavailable' } });
    // A page message from a content script is refused by the sender check, as a code.
    expect(await route({ type: 'ui-bg-get-popup', payload: {} }, fromMturkTab)).toMatchObject({ ok: false, error: { code: 'refused_sender' } });
    warn.mockRestore();
  });

  it('ignores messages that are not its own, so other listeners may answer', () => {
    expect(route({ type: CHANGED, what: ['tasks'] }, fromPopup)).toBeUndefined();
    expect(route('hello', fromPopup)).toBeUndefined();
    expect(route({ type: 'toString', payload: {} }, fromPopup)).toBeUndefined();
  });
});

describe('sender checks', () => {
  it.each<[string, string, unknown, Sender, string | null]>([
    ['a content script on MTurk', 'cs-bg-task-seen', snapshot, fromMturkTab, null],
    ['another extension', 'cs-bg-task-seen', snapshot, { ...fromMturkTab, id: 'evil' }, 'sender is not Centime'],
    [
      'a content script on another site naming MTurk',
      'cs-bg-task-seen',
      snapshot,
      { id: me.extensionId, url: 'https://evil.example/', tab: { url: 'https://evil.example/' } },
      'tab is not on Amazon Mechanical Turk',
    ],
    [
      'a look-alike host',
      'cs-bg-task-seen',
      snapshot,
      { id: me.extensionId, tab: { url: 'https://worker.mturk.com.evil.example/' } },
      'tab is not on Amazon Mechanical Turk',
    ],
    ['a platform nobody registered', 'cs-bg-task-seen', { ...snapshot, platform: 'nope' }, fromMturkTab, 'unknown platform'],
    ['a content script without a tab', 'cs-bg-task-seen', snapshot, { id: me.extensionId }, 'content message without a tab'],
    ['the popup', 'ui-bg-get-popup', {}, fromPopup, null],
    ['a content script asking for popup data', 'ui-bg-get-popup', {}, fromMturkTab, 'ui message from outside Centime pages'],
  ])('%s', (_, type, payload, sender, expected) => {
    expect(senderProblem(type, payload, sender, me)).toBe(expected);
  });
});
