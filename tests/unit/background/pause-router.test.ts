// "Pause tracking" and platforms switched off, through the router as pages and content scripts reach them.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { allTasks, clearHistory } from '../../../lib/storage/history-db';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from './fake-env';
import { fakeMturk, statusJson } from './fake-mturk';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const fromMturkTab: Sender = { id: me.extensionId, url: side.url, tab: { id: 7, url: side.url } };
const fromPopup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };

describe('pause and platform switches through the router', () => {
  let b: FakeBrowser;
  let route: Route;

  beforeEach(async () => {
    await clearHistory();
    await saveSettings(DEFAULT_SETTINGS);
    b = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(b.env(), writer, platforms);
    // The background reads the switched-off platforms from the settings (entrypoints/background.ts).
    const disabled = async () => (await loadSettings()).settings.disabledPlatforms;
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me, undefined, disabled);
  });

  it('pauses and resumes from an extension page, answers the state, and the popup shows it', async () => {
    expect(await route({ type: 'ui-bg-get-popup', payload: {} }, fromPopup)).toMatchObject({ ok: true, data: { paused: false } });
    expect(await route({ type: 'ui-bg-pause', payload: { paused: true } }, fromPopup)).toEqual({ ok: true, data: { paused: true } });
    expect(b.paused).toBe(true);
    expect(await route({ type: 'ui-bg-get-popup', payload: {} }, fromPopup)).toMatchObject({ ok: true, data: { paused: true } });
    expect(await route({ type: 'ui-bg-pause', payload: { paused: false } }, fromPopup)).toEqual({ ok: true, data: { paused: false } });
    expect(b.paused).toBe(false);
  });

  it.each([
    ['no payload', undefined],
    ['a string', { paused: 'yes' }],
    ['a missing flag', {}],
    ['an extra field', { paused: true, until: 5 }],
  ])('refuses a pause with %s', async (_, payload) => {
    expect(await route({ type: 'ui-bg-pause', payload }, fromPopup)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(b.paused).toBe(false);
  });

  it('takes a pause only from Centime’s own pages', async () => {
    expect(await route({ type: 'ui-bg-pause', payload: { paused: true } }, fromMturkTab)).toMatchObject({ ok: false, error: { code: 'refused_sender' } });
    expect(b.paused).toBe(false);
  });

  it('refuses every content-script message of a platform switched off: nothing is recorded', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, disabledPlatforms: ['mturk'] });
    const messages: [string, unknown][] = [
      ['cs-bg-task-seen', side.expected],
      ['cs-bg-task-claim', { platform: 'mturk', taskId: side.expected.taskId, outcome: 'submitted' }],
      ['cs-bg-page-seen', { platform: 'mturk', pageKind: 'task', alert: null, taskId: side.expected.taskId }],
      ['cs-bg-balance-page', { platform: 'mturk', dashboard: { available: { minor: 1234, currency: 'USD' } } }],
      ['cs-bg-estimates', { platform: 'mturk', rows: [] }],
    ];
    for (const [type, payload] of messages) {
      expect(await route({ type, payload }, fromMturkTab)).toMatchObject({ ok: false, error: { code: 'platform_off' } });
    }
    expect(await allTasks()).toEqual([]);
    // Switched on again: the same page is recorded.
    await saveSettings({ ...DEFAULT_SETTINGS, disabledPlatforms: [] });
    expect(await route({ type: 'cs-bg-task-seen', payload: side.expected }, fromMturkTab)).toEqual({ ok: true, data: { saved: true } });
    expect(await allTasks()).toHaveLength(1);
  });

  it('leaves the other platforms alone', async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, disabledPlatforms: ['prolific'] });
    expect(await route({ type: 'cs-bg-task-seen', payload: side.expected }, fromMturkTab)).toEqual({ ok: true, data: { saved: true } });
  });

  it('lists every platform for the options page’s switches', async () => {
    expect(await route({ type: 'ui-bg-get-options', payload: {} }, fromPopup)).toMatchObject({
      ok: true,
      data: { platforms: [{ id: 'mturk', name: 'Amazon Mechanical Turk' }, { id: 'prolific', name: 'Prolific' }] },
    });
  });

  it('reads no balances of a platform switched off when refreshing', async () => {
    const m = fakeMturk(() => ({ body: statusJson([]) }));
    const writer = new TaskWriter(() => 'UTC');
    const handlers = createHandlers({ tracker: new Tracker(b.env(), writer, platforms), writer, timeZone: () => 'UTC', claims: memoryClaims(), refresh: m.env() });
    await saveSettings({ ...DEFAULT_SETTINGS, disabledPlatforms: ['mturk'] });
    expect(await handlers['ui-bg-refresh']({}, {})).toEqual({ kind: 'done', requests: 0 });
    expect(m.sent).toEqual([]);
  });
});
