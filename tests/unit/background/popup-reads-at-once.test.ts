// Issue 18: the popup's summary is painted once the background answers `ui-bg-get-popup` (and the day's period).
// Its reads are independent of one another: they run at once, so that the answer waits for the slowest read, not
// for the sum of a dozen one after another. Here the front task's read (the first, before) is held: the others
// must go on meanwhile.
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/background/router';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory } from '../../../lib/storage/history-db';
import { seedFake } from '../../seed/seed-fake';
import { startMeter } from '../../support/storage-meter';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
const NOW = Date.UTC(2026, 10, 27, 14);
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe("the popup's reads in the background", () => {
  beforeEach(() => clearHistory());

  it('every read of ui-bg-get-popup starts without waiting for the front task', { timeout: 60_000 }, async () => {
    const type = 'ui-bg-get-popup';
    const payload = {};
    const b = new FakeBrowser();
    b.wall = NOW;
    const writer = await seedFake({ tasks: 200, now: NOW, timeZone: 'UTC' });
    const env = b.env();
    const route = createRouter(createHandlers({ tracker: new Tracker(env, writer, platforms), writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
    // Opened once (the tracker started, the settings stored), then again with the front task's read held.
    const first = (await route({ type, payload }, popup)) as { data: unknown };
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const loadFront = env.loadFront;
    env.loadFront = async () => {
      await held;
      return loadFront();
    };
    const meter = startMeter();
    let readWhileHeld: number;
    try {
      const answer = route({ type, payload }, popup);
      await turns(100);
      readWhileHeld = meter.report().totals.reads;
      release();
      expect(((await answer) as { data: unknown }).data).toEqual(first.data);
    } finally {
      meter.stop();
    }
    // The day's totals, the balances, the pending list and the open tasks' index, at least.
    expect(readWhileHeld).toBeGreaterThan(5);
  });
});
