import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import type { Money } from '../../../lib/domain/money';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory } from '../../../lib/storage/history-db';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS, saveSettings } from '../../../lib/storage/settings';
import { FakeBrowser, memoryClaims } from './fake-env';

// What the popup is given for today: the figures computed in the background from the daily aggregates
// (DESIGN.md, "Rates"), per platform and for the whole day.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
const MIN = 60_000;
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const usd = (minor: number) => ({ minor, currency: 'USD' });

describe("the popup's figures of the day", () => {
  let b: FakeBrowser;
  let route: Route;
  let writer: TaskWriter;
  let n = 0;
  const popupData = async () => ((await route({ type: 'ui-bg-get-popup', payload: {} }, popup)) as { data: PopupData }).data;
  const figuresOf = async (platform: string) => (await popupData()).today.find((d) => d.platform === platform)!.figures;

  /** A task in front for `activeMs` from now, then submitted (its time derived from its events, as always). */
  async function timed(platform: string, taskId: string, reward: Money, activeMs: number) {
    const start = b.stamp();
    b.advance(activeMs);
    const end = b.stamp();
    const record: TaskRecord = {
      v: 2, platform, taskId, title: 'Study', requesterName: 'Lab', reward, firstSeenAt: start.wall, updatedAt: end.wall,
      status: 'submitted', endedAt: end.wall, external: platform === 'prolific', activeMs: 0, idleMs: 0,
      events: [
        { boot: 1, n: ++n, type: 'front', at: start },
        { boot: 1, n: ++n, type: 'outcome', outcome: 'submitted', at: end },
      ],
    };
    await writer.serial(() => writer.update(`${platform}:${taskId}`, () => record, end.wall));
  }

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    writer = new TaskWriter(() => 'UTC');
    const tracker = new Tracker(b.env(), writer, platforms);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  });

  it('gives a GBP study and a USD study on Prolific each its effective rate over its own time', async () => {
    await timed('prolific', 'S-GBP', gbp(1000), 20 * MIN);
    await timed('prolific', 'S-USD', usd(300), 10 * MIN);
    const f = await figuresOf('prolific');
    // £10.00 over 20 min and $3.00 over 10 min; not each over the platform's 30 min (£20.00, $6.00).
    expect(f.effective).toEqual([gbp(3000), usd(1800)]);
    expect(f.earnings).toEqual([gbp(1000), usd(300)]);
    expect(f.time.paidActiveMs).toBe(30 * MIN);
  });

  it("converts the day's true rate over several currencies with the worker's rate, or says which one is missing", async () => {
    await timed('prolific', 'S-GBP', gbp(1000), 20 * MIN);
    await timed('prolific', 'S-USD', usd(300), 10 * MIN);
    // Display currency USD (the default here), no exchange rate yet.
    expect((await figuresOf('prolific')).trueRate).toEqual({ missing: ['GBP'], currency: 'USD' });
    const rates = [{ from: 'GBP', to: 'USD', rate: 1.25 }];
    await saveSettings({ ...DEFAULT_SETTINGS, displayCurrency: 'USD', exchangeRates: rates });
    // £10.00 = $12.50, + $3.00 = $15.50 over 30 min.
    expect((await figuresOf('prolific')).trueRate).toEqual({ rate: usd(3100), converted: true, rates });
  });

  it("never lets an untimed record's money raise a rate", async () => {
    await timed('mturk', 'A1', usd(100), 6 * MIN);
    // A $5.00 HIT read from a status page, never timed (tracker's status sync writes such records).
    const untimed: TaskRecord = {
      v: 2, platform: 'mturk', taskId: 'A2', title: 'HIT', requesterName: 'Lab', reward: usd(500), firstSeenAt: b.wall, updatedAt: b.wall,
      status: 'approved', endedAt: b.wall, external: false, events: [], activeMs: 0, idleMs: 0, untimed: true, day: '2026-11-27',
    };
    await writer.serial(() => writer.update('mturk:A2', () => untimed, b.wall));
    const f = await figuresOf('mturk');
    expect(f.earnings).toEqual([usd(600)]);
    expect(f.effective).toEqual([usd(1000)]);
    expect(f.trueRate).toEqual({ rate: usd(1000), converted: false });
  });

  it('adds up the whole day across platforms', async () => {
    await timed('mturk', 'A1', usd(100), 10 * MIN);
    await timed('prolific', 'S-USD', usd(200), 20 * MIN);
    const data = await popupData();
    expect(data.today.map((d) => d.platform).sort()).toEqual(['mturk', 'prolific']);
    expect(data.day).toMatchObject({ earnings: [usd(300)], effective: [usd(600)], trueRate: { rate: usd(600), converted: false } });
    await clearHistory();
    expect((await popupData()).day).toBeNull();
  });
});
