import { beforeEach, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/background/router';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { replay } from '../../../lib/domain/task-timer';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory, getTaskByKey } from '../../../lib/storage/history-db';
import { FakeBrowser, memoryClaims } from './fake-env';

// A started study accrues in the tabs opened from its tab (DESIGN.md, Attention), also once that tab has gone
// back to Prolific's list while the survey runs: workers look for the next study meanwhile.
const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const STUDY = '665f2b7c9d0e1f2a3b4c5d6e';
const URL_ = `https://app.prolific.com/studies/${STUDY}`;
let b: FakeBrowser;
let tracker: Tracker;
let writer: TaskWriter;

beforeEach(async () => {
  await clearHistory();
  b = new FakeBrowser();
  writer = new TaskWriter(() => 'UTC');
  tracker = new Tracker(b.env(), writer, platforms);
  await tracker.start();
});

it('keeps timing a started study in its survey after its Prolific tab goes back to the list', async () => {
  const route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  const from = (id: number, url: string): Sender => ({ id: me.extensionId, url, tab: { id, url } });
  b.tabs = [{ id: 1, windowId: 1, url: URL_, active: true }];
  await route({ type: 'cs-bg-page-seen', payload: { platform: 'prolific', pageKind: 'task', alert: null, taskId: STUDY } }, from(1, URL_));
  await route(
    { type: 'cs-bg-task-seen', payload: { platform: 'prolific', taskId: STUDY, title: 'Study', requesterName: 'Lab', reward: { minor: 150, currency: 'GBP' }, timeAllottedSec: 3600 } },
    from(1, URL_),
  );
  // "Open study": the survey in a tab opened from the study's; it starts the study.
  b.tabs = [{ id: 1, windowId: 1, url: URL_, active: false }, { id: 2, windowId: 1, url: 'https://survey.example.org/s/1', openerTabId: 1, active: true }];
  await tracker.reevaluate();
  b.advance(60_000);
  // The Prolific tab, behind, goes back to the studies list; the survey stays in front for ten minutes more.
  b.tabs[0]!.url = 'https://app.prolific.com/studies';
  await tracker.reevaluate();
  b.advance(10 * 60_000);
  const task = await getTaskByKey(`prolific:${STUDY}`);
  expect(replay(task!.events, b.stamp()).activeMs).toBe(11 * 60_000);
});
