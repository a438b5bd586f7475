import { beforeEach, describe, expect, it } from 'vitest';
import { TaskWriter } from '../../../lib/background/task-writer';
import { clearHistory } from '../../../lib/storage/history-db';
import { listRows } from '../../../lib/storage/rows-db';
import type { TaskRecord } from '../../../lib/storage/schemas';

const at = (iso: string) => Date.parse(iso);
const stamp = (iso: string) => ({ wall: at(iso), mono: at(iso), origin: 0 });

describe('rebuild() and the rows of tasks never stamped with their day', () => {
  beforeEach(() => clearHistory());

  it('lists a closed task imported without its counted day under the day its totals count it in', async () => {
    const writer = new TaskWriter(() => 'Europe/Paris');
    // Submitted at 23:30 UTC on 1 November: already 2 November in Paris. Written as an import writes it: no countedDay.
    const task: TaskRecord = {
      v: 2, platform: 'mturk', taskId: 'A1', title: 'T', requesterName: 'Lab', reward: { minor: 50, currency: 'USD' },
      firstSeenAt: at('2026-11-01T23:20:00Z'), updatedAt: at('2026-11-01T23:30:00Z'), status: 'submitted', endedAt: at('2026-11-01T23:30:00Z'),
      external: false, activeMs: 600_000, idleMs: 0,
      events: [{ boot: 1, n: 1, type: 'front', at: stamp('2026-11-01T23:20:00Z') }, { boot: 1, n: 2, type: 'outcome', outcome: 'submitted', at: stamp('2026-11-01T23:30:00Z') }],
    };
    await writer.importPrimary({ tasks: [task] });
    await writer.rebuild();
    const rows = await listRows({ index: 'day', from: '2026-11-02', to: '2026-11-02', limit: 10 });
    expect(rows.map((r) => [r.key, r.day])).toEqual([['mturk:A1', '2026-11-02']]);
  });
});
