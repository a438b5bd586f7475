import { describe, expect, it } from 'vitest';
import { simulateWork } from '../../support/work-hour';

/**
 * Issue 13, item 2: an event appends; it never rewrites the task's whole timeline. Bytes are counted (not
 * timed) with the fake clock, so they are exact: two task tabs switching every 3 s for 10 minutes (each
 * switch moves both tasks), the heartbeat, two idle minutes. A task's 100th switch writes no more than its
 * 10th, nor does its last; the slack covers numbers gaining a digit (event counters, active time).
 */
const SLACK_BYTES = 100;
/** ~3 s alone (about 500 metered events on fake-indexeddb); more under a loaded full run. */
const TIMEOUT_MS = 30_000;

describe('writes per event do not grow with the task', () => {
  it('a tab switch, an idle change and a heartbeat cost the same late in a task as early', async () => {
    const { events } = await simulateWork({ tabs: 2, seconds: 600, switchEvery: 3, beatEvery: 5, idleEvery: 300, idleFor: 60 });
    const switches = events.filter((e) => e.kind === 'switch');
    expect(switches.length).toBeGreaterThanOrEqual(190);
    const tenth = switches[9]!;
    // Seen at all: each switch stores an event of both tasks and the front state, at the least.
    expect(tenth.writes).toBeGreaterThanOrEqual(3);
    for (const later of [switches[99]!, switches.at(-1)!]) {
      expect(later.bytesWritten, `switch ${later.n} vs switch 10`).toBeLessThanOrEqual(tenth.bytesWritten + SLACK_BYTES);
      expect(later.writes, `switch ${later.n} vs switch 10`).toBeLessThanOrEqual(tenth.writes);
    }
    for (const kind of ['idle', 'active', 'beat'] as const) {
      const of = events.filter((e) => e.kind === kind);
      expect(of.at(-1)!.bytesWritten, kind).toBeLessThanOrEqual(of[0]!.bytesWritten + SLACK_BYTES);
    }
  }, TIMEOUT_MS);
});
