import type { Money } from '../../lib/domain/money';
import { dayIn, DAY_MS, MIN_MS } from './plain';
import type { Row, TaskSpec } from './world';

/**
 * The platforms' hidden truth, known only to the generator: when each task was really submitted (or returned,
 * or timed out) and what the platform decides later. Status rows are read from it at the moment a page is read.
 */

/** What the platform decides after a submit. */
export interface Fate {
  decideAfterMin: number;
  outcome: 'approve' | 'reject' | 'screen' | 'return';
  /** Screened out: the share of the reward paid, in percent. */
  partialPct: number;
  bonus?: { minor: number; afterMin: number };
}

export interface Truth {
  spec: TaskSpec;
  /** Submitted (or, for `returned`, returned; for `timed-out`, the deadline). */
  at: number;
  end: 'submitted' | 'returned' | 'timed-out';
  fate: Fate;
}

/** The row a status page shows for `t` at `now`, or null when the platform does not list it (yet). */
export function rowAt(t: Truth, now: number): Row | null {
  if (now < t.at) return null;
  const { spec, fate } = t;
  const mturk = spec.platform === 'mturk';
  const date = dayIn(mturk ? 'America/Los_Angeles' : 'UTC', t.at);
  const row = (state: string, reward: Money = spec.reward, bonus?: Money): Row => ({ task: spec.key, state, reward, date, ...(bonus ? { bonus } : {}) });
  if (t.end === 'returned') return mturk ? null : row('RETURNED');
  if (t.end === 'timed-out') return mturk ? null : row('TIMED-OUT');
  const decided = now >= t.at + fate.decideAfterMin * MIN_MS;
  if (mturk) {
    if (!decided) return row('Submitted');
    if (fate.outcome === 'reject') return row('Rejected');
    return row(now >= t.at + fate.decideAfterMin * MIN_MS + DAY_MS ? 'Paid' : 'Approved');
  }
  if (!decided) return row('AWAITING REVIEW');
  switch (fate.outcome) {
    case 'reject':
      return row('REJECTED');
    case 'return':
      return row('RETURNED');
    case 'screen':
      return row('SCREENED OUT', { minor: Math.floor((spec.reward.minor * fate.partialPct) / 100), currency: spec.reward.currency });
    case 'approve': {
      const paid = fate.bonus && now >= t.at + (fate.decideAfterMin + fate.bonus.afterMin) * MIN_MS;
      return row('APPROVED', spec.reward, paid ? { minor: fate.bonus!.minor, currency: spec.reward.currency } : undefined);
    }
  }
}
