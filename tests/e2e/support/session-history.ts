import type { Money } from '../../../lib/domain/money';
import type { TimerEvent } from '../../../lib/domain/task-timer';
import type { PlatformStretch, TaskRecord } from '../../../lib/storage/schemas';
import type { PrimaryBatch } from '../../../lib/storage/bulk';

// The history the sessions scenario plants (tests/e2e/support/sessions.ts), as the tracker would have written it.

const MIN = 60_000;
const SEC = 1_000;

/** A fixed-offset zone (no daylight saving) where the local time is now between 13:00 and 14:00. */
export function afternoonZone(now = Date.now()): string {
  const offset = 13 - new Date(now).getUTCHours();
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

// The tracker's records, as the seed writes them (tests/seed): one boot, whole seconds, a monotonic clock.
let n = 0;
const ORIGIN = Date.now() - 40 * 24 * 60 * MIN;
const stamp = (wall: number) => ({ wall, mono: wall - ORIGIN, origin: ORIGIN });
const event = (type: TimerEvent['type'], wall: number, outcome?: TimerEvent['outcome']): TimerEvent => ({ boot: 1, n: ++n, type, at: stamp(wall), ...(outcome ? { outcome } : {}) });
const usd = (minor: number): Money => ({ minor, currency: 'USD' });
const gbp = (minor: number): Money => ({ minor, currency: 'GBP' });

function record(platform: 'mturk' | 'prolific', id: string, start: number, work: { activeMs: number; idleMs?: number; outcome: 'submitted' | 'returned'; reward: Money }): TaskRecord {
  const idle = work.idleMs ?? 0;
  const events = [event('active', start), event('front', start)];
  if (idle) events.push(event('idle', start + work.activeMs / 2), event('active', start + work.activeMs / 2 + idle));
  const end = start + work.activeMs + idle;
  events.push(event('outcome', end, work.outcome));
  return {
    v: 2, platform, taskId: id, title: `${platform} task ${id}`, requesterName: 'Lab', reward: work.reward, firstSeenAt: start, updatedAt: end,
    status: work.outcome, endedAt: end, observedAt: end, external: platform === 'prolific', events, activeMs: 0, idleMs: 0,
  };
}
const stretch = (platform: string, start: number, ms: number): PlatformStretch => ({ v: 1, platform, start: stamp(start), end: stamp(start + ms), ms });

/** Local wall time, `daysAgo` days before today, at h:m:s (the test process runs in the browsers' zone). */
export function local(daysAgo: number, h: number, m: number, s = 0): number {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysAgo, h, m, s).getTime();
}
export const dayOf = (daysAgo: number) => new Date(local(daysAgo, 12, 0)).toLocaleDateString('en-CA');

/**
 * Today: a morning session on MTurk (a HIT paid, one returned) and, 34 min later, one on Prolific and MTurk (a study,
 * a HIT with 30 s idle). Earlier days: yesterday, two days ago and nine days ago (never in this week).
 */
export function history(): { tasks: TaskRecord[]; stretches: PlatformStretch[] } {
  return {
    tasks: [
      record('mturk', '3SESSIONAHIT1', local(0, 10, 1), { activeMs: 4 * MIN, outcome: 'submitted', reward: usd(60) }),
      record('mturk', '3SESSIONAHIT2', local(0, 10, 5, 10), { activeMs: MIN, outcome: 'returned', reward: usd(40) }),
      record('prolific', '665f2b7c9d0e1f2a3b4c5d01', local(0, 10, 42), { activeMs: 8 * MIN, outcome: 'submitted', reward: gbp(120) }),
      record('mturk', '3SESSIONBHIT1', local(0, 10, 51), { activeMs: 2 * MIN, idleMs: 30 * SEC, outcome: 'submitted', reward: usd(30) }),
      record('mturk', '3YESTERDAYHIT', local(1, 9, 1), { activeMs: 5 * MIN, outcome: 'submitted', reward: usd(100) }),
      record('prolific', '665f2b7c9d0e1f2a3b4c5d02', local(2, 20, 1), { activeMs: 10 * MIN, outcome: 'submitted', reward: gbp(200) }),
      record('mturk', '3LASTWEEKHIT', local(9, 9, 0), { activeMs: 30 * MIN, outcome: 'submitted', reward: usd(500) }),
    ],
    stretches: [
      stretch('mturk', local(0, 10, 0), MIN),
      stretch('prolific', local(0, 10, 40), 2 * MIN),
      stretch('mturk', local(0, 10, 50, 30), 30 * SEC),
      stretch('mturk', local(1, 9, 0), MIN),
      stretch('prolific', local(2, 20, 0), MIN),
    ],
  };
}

/**
 * Balances for the day above: MTurk's dashboard read yesterday evening (a baseline: $8.12 withdrawable) and
 * Prolific's balance page (£3.40), so that the popup shows each platform's withdrawable and pending money and,
 * with payout thresholds set, its bar.
 */
/**
 * Earlier in the year, work approved and paid out (the yearly statement's picture): MTurk HITs approved days after
 * their submission (seen happening, so dated) and Prolific studies, each year's transfers. Days 40–200 ago.
 */
export function approvedEarlier(): Pick<PrimaryBatch, 'tasks' | 'approvals' | 'transfers'> {
  const work = [
    ['mturk', '3STATEMENTHIT01', 200, usd(350), 25], ['mturk', '3STATEMENTHIT02', 150, usd(1200), 70], ['mturk', '3STATEMENTHIT03', 90, usd(480), 35],
    ['prolific', '665f2b7c9d0e1f2a3b4c5e01', 120, gbp(900), 60], ['prolific', '665f2b7c9d0e1f2a3b4c5e02', 40, gbp(450), 30],
  ] as const;
  const tasks = work.map(([platform, id, daysAgo, reward, minutes]) => {
    const task = record(platform, id, local(daysAgo, 10, 0), { activeMs: minutes * MIN, outcome: 'submitted', reward });
    return { ...task, status: 'approved' as const, approvedAt: task.endedAt! + 3 * 24 * 60 * MIN };
  });
  return {
    tasks,
    approvals: tasks.map((t) => ({ platform: t.platform, approval: { at: t.approvedAt, minor: t.reward!.minor, currency: t.reward!.currency, task: `${t.platform}:${t.taskId}`, part: 'reward' as const } })),
    transfers: [{ platform: 'mturk', at: local(30, 9, 0), transfers: [{ requestedDate: dayOf(60), amount: usd(1500) }] }],
  };
}

export function dayBalances(): Pick<PrimaryBatch, 'readings'> {
  return {
    readings: [
      { platform: 'mturk', reading: { at: local(1, 19, 30), available: usd(812), bonuses: usd(0) } },
      { platform: 'prolific', reading: { at: local(1, 19, 35), available: gbp(340) } },
    ],
  };
}
