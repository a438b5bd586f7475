import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Route, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const GROUP = '3XKJ1ZQ8R2B7N4M0P6A5S9T1V3W8Y0';
const urlOf = (assignment: string) => `https://worker.mturk.com/projects/${GROUP}/tasks/3H7Z1Q5L8N2K4B6V0C9X1M3R5T7P9?assignment_id=${assignment}`;
const search: Sender = { id: me.extensionId, url: 'https://worker.mturk.com/projects', tab: { id: 9, url: 'https://worker.mturk.com/projects' } };

describe('estimates from the worker’s own history', () => {
  let b: FakeBrowser;
  let route: Route;
  let tracker: Tracker;

  beforeEach(async () => {
    await clearHistory();
    b = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    tracker = new Tracker(b.env(), writer, platforms);
    route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  });

  /** Seeds history the way it is really made: a HIT worked in front for `seconds`, then submitted. */
  async function workAndSubmit(assignment: string, seconds: number, requesterId = 'AREQUESTER1') {
    const url = urlOf(assignment);
    b.tabs = [{ id: 1, windowId: 1, url, active: true }];
    const snapshot = { platform: 'mturk', taskId: assignment, groupId: GROUP, requesterId, title: 'Label', requesterName: 'Lab', reward: { minor: 10, currency: 'USD' } };
    await route({ type: 'cs-bg-task-seen', payload: snapshot }, { id: me.extensionId, url, tab: { id: 1, url } });
    b.advance(seconds * 1000);
    await tracker.outcome(`mturk:${assignment}`, 'submitted');
  }

  const ask = (rows: unknown[]) => route({ type: 'cs-bg-estimates', payload: { platform: 'mturk', rows } }, search);

  it('gives no estimate before 3 submitted HITs, then the group median', async () => {
    const row = { groupId: GROUP, requesterId: 'AREQUESTER1', reward: { minor: 10, currency: 'USD' }, timeAllottedSec: 600 };
    await workAndSubmit('A1', 30);
    await workAndSubmit('A2', 60);
    expect(await ask([row])).toEqual({ ok: true, data: { estimates: [{ basis: 'none', samples: 0, worstCase: { minor: 60, currency: 'USD' } }] } });
    await workAndSubmit('A3', 90);
    // $0.10 in the median 60 s = $6.00/h, under the prefilled $7.25 minimum.
    expect(await ask([row])).toMatchObject({
      ok: true,
      data: { estimates: [{ basis: 'group', samples: 3, medianMs: 60_000, expected: { minor: 600, currency: 'USD' }, band: 'under' }] },
    });
  });

  it('uses the requester’s median for a group never worked', async () => {
    for (const [id, s] of [['B1', 20], ['B2', 40], ['B3', 30]] as const) await workAndSubmit(id, s, 'AREQ2');
    const reply = await ask([{ groupId: 'OTHERGROUP', requesterId: 'AREQ2', reward: { minor: 25, currency: 'USD' } }]);
    expect(reply).toMatchObject({ data: { estimates: [{ basis: 'requester', medianMs: 30_000, band: 'good' }] } });
  });

  it('refuses more rows than a page can show, and rows with float money', async () => {
    expect(await ask(Array.from({ length: 201 }, () => ({ reward: null })))).toMatchObject({ ok: false });
    expect(await ask([{ reward: { minor: 0.5, currency: 'USD' } }])).toMatchObject({ ok: false });
  });
});
