// The per-day index (docs/storage.md) holds each closed stretch a task spent in front and each platform stretch,
// under the local day it starts, in the reader's time zone: what work sessions are computed from.
import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { workSessions } from '../../../lib/domain/sessions';
import type { Stamp } from '../../../lib/domain/task-timer';
import { clearHistory, dayEntries } from '../../../lib/storage/history-db';
import type { TaskRecord } from '../../../lib/storage/schemas';

const MIN = 60_000;
const stamp = (wall: number): Stamp => ({ wall, mono: wall, origin: 0 });
// 23:10 UTC on 27 November: 00:10 on the 28th in Paris.
const LATE = Date.UTC(2026, 10, 27, 23, 10);

describe('the per-day index', () => {
  let writer: TaskWriter;
  let n = 0;
  beforeEach(async () => {
    await clearHistory();
    writer = new TaskWriter(() => 'UTC');
  });

  /** A task in front from `from` to `to` (it then leaves the front), submitted at `to` when `submit`. */
  async function worked(id: string, from: number, to: number, submit = true) {
    const events: TaskRecord['events'] = [
      { boot: 1, n: ++n, type: 'front', at: stamp(from) },
      submit ? { boot: 1, n: ++n, type: 'outcome', outcome: 'submitted', at: stamp(to) } : { boot: 1, n: ++n, type: 'not-front', at: stamp(to) },
    ];
    await writer.serial(() =>
      writer.update(`mturk:${id}`, () => ({
        v: 2, platform: 'mturk', taskId: id, title: id, requesterName: 'Lab', reward: { minor: 10, currency: 'USD' },
        firstSeenAt: from, updatedAt: from, status: submit ? 'submitted' : 'open', external: false, events, activeMs: 0, idleMs: 0,
        ...(submit ? { endedAt: to } : {}),
      }), to),
    );
  }

  it('lists each closed stretch under the day it starts, and gives the sessions of that day', async () => {
    await worked('A', LATE, LATE + 10 * MIN); // 23:10–23:20 UTC
    await writer.addStretch('mturk', stamp(LATE + 12 * MIN), stamp(LATE + 14 * MIN), 2 * MIN);
    await worked('B', LATE + 40 * MIN, LATE + 45 * MIN); // 23:50 UTC: 26 min after the latest end
    await worked('C', LATE + 55 * MIN, LATE + 56 * MIN, false); // still open, left the front at 00:06 UTC

    const utc = await dayEntries('2026-11-27', 'UTC');
    expect(utc.map((e) => e.taskKey ?? `@${e.platform}`)).toEqual(['mturk:A', '@mturk', 'mturk:B']);
    expect(workSessions(utc).map((s) => s.taskKeys)).toEqual([['mturk:A'], ['mturk:B']]);
    expect((await dayEntries('2026-11-28', 'UTC')).map((e) => e.taskKey)).toEqual(['mturk:C']);
    // The same records, read in Paris (UTC+1): all four start on the 28th there.
    const paris = await dayEntries('2026-11-28', 'Europe/Paris');
    expect(paris.map((e) => e.taskKey ?? `@${e.platform}`)).toEqual(['mturk:A', '@mturk', 'mturk:B', 'mturk:C']);
    expect(workSessions(paris).map((s) => [s.taskKeys, s.platforms])).toEqual([[['mturk:A'], ['mturk']], [['mturk:B', 'mturk:C'], ['mturk']]]);
  });

  it('writes a stretch once when it closes, and never the open one', async () => {
    await worked('D', LATE, LATE + MIN, false);
    expect(await dayEntries('2026-11-27', 'UTC')).toHaveLength(1);
    // Back in front, still there: no entry until it leaves.
    await writer.serial(() => writer.append('mturk:D', [{ boot: 1, n: ++n, type: 'front', at: stamp(LATE + 2 * MIN) }], LATE + 2 * MIN));
    expect(await dayEntries('2026-11-27', 'UTC')).toHaveLength(1);
    await writer.serial(() => writer.append('mturk:D', [{ boot: 1, n: ++n, type: 'not-front', at: stamp(LATE + 5 * MIN) }], LATE + 5 * MIN));
    expect((await dayEntries('2026-11-27', 'UTC')).map((e) => [e.start, e.end])).toEqual([[LATE, LATE + MIN], [LATE + 2 * MIN, LATE + 5 * MIN]]);
  });
});
