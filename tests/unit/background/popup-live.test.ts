import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory } from '../../../lib/storage/history-db';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from './fake-env';

// What the popup needs to tick its open tasks and band today's rate: the reading's time, whether each task's
// active time is running, and the worker's minimum, target and exchange rates.
const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };

describe('the popup reading of open tasks', () => {
  let b: FakeBrowser;
  let tracker: Tracker;
  let route: Route;
  const read = async () => ((await route({ type: 'ui-bg-get-popup', payload: {} }, popup)) as { data: PopupData }).data;

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(b.env(), writer, platforms);
    await tracker.start();
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  });

  it('says when it was read and that the task in front, not idle, is running; idle or behind, it is not', async () => {
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: true }];
    await tracker.taskSeen(side.expected, b.wall);
    b.advance(5_000);
    const front = await read();
    expect(front.at).toBe(b.wall);
    expect(front.tasks.map((t) => [t.front, t.running, t.activeMs])).toEqual([[true, true, 5_000]]);
    b.idle = 'idle';
    await tracker.reevaluate();
    expect((await read()).tasks.map((t) => [t.front, t.running])).toEqual([[true, false]]);
    b.idle = 'active';
    b.tabs = [{ id: 10, windowId: 1, url: side.url, active: false }, { id: 11, windowId: 1, url: 'https://news.example/', active: true }];
    await tracker.reevaluate();
    expect((await read()).tasks.map((t) => [t.front, t.running])).toEqual([[false, false]]);
  });

  it("gives the worker's minimum, target, display currency and exchange rates", async () => {
    const rates = [{ from: 'GBP', to: 'EUR', rate: 1.17 }];
    await saveSettings({ ...DEFAULT_SETTINGS, displayCurrency: 'EUR', exchangeRates: rates, minRates: { EUR: 800 } });
    expect((await read()).rates).toEqual({ minRates: { EUR: 800 }, targetRates: DEFAULT_SETTINGS.targetRates, displayCurrency: 'EUR', exchangeRates: rates });
  });
});
