// Issue 18, "an event durable … with 20 task tabs": the overlays read again only the tasks a decision wrote, so
// the writer must tell every task it writes, and "anything" when it writes many at once.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { Tracker } from '../../../lib/background/tracker';
import { platforms } from '../../../lib/platforms/registry';
import { clearHistory } from '../../../lib/storage/history-db';
import { FakeBrowser } from './fake-env';

const side = JSON.parse(readFileSync('tests/fixtures/mturk/task-page.json', 'utf8'));
const url = (id: string) => side.url.replace(side.expected.taskId, id) as string;

describe('the writer tells what it wrote', () => {
  beforeEach(async () => {
    await clearHistory();
  });

  it('the tasks of a tab switch, nothing for a decision that wrote no task, and "anything" for a rebuild', async () => {
    const b = new FakeBrowser();
    const writer = new TaskWriter(() => 'UTC');
    const told: (string[] | null)[] = [];
    writer.watch((keys) => told.push(keys));
    const tracker = new Tracker(b.env(), writer, platforms);
    await tracker.start();
    const [one, two] = ['AAAA1111', 'BBBB2222'];
    b.tabs = [{ id: 1, windowId: 1, url: url(one), active: true }, { id: 2, windowId: 1, url: url(two), active: false }];
    await tracker.taskSeen({ ...side.expected, taskId: one }, b.wall, 1);
    await tracker.taskSeen({ ...side.expected, taskId: two }, b.wall, 2);
    expect(told.flat()).toEqual([`mturk:${one}`, `mturk:${two}`]);
    told.length = 0;
    b.advance(3_000);
    b.tabs = b.tabs.map((t) => ({ ...t, active: t.id === 2 }));
    await tracker.reevaluate();
    expect(told.flat().sort()).toEqual([`mturk:${one}`, `mturk:${two}`]);
    told.length = 0;
    b.advance(3_000);
    await tracker.reevaluate();
    expect(told).toEqual([]);
    await writer.rebuild();
    expect(told).toEqual([null]);
  });
});
