import type { Money } from '../../lib/domain/money';
import { DAY, HOUR, MIN } from './calendar';
import type { Rng } from './prng';

/**
 * What the platform later says of a submitted task, drawn when the task is made (so that it never depends on the
 * date the history is generated for), and when Centime learns it: the status page read after the platform acted.
 * A task learns its fate only if that moment has come (`resolve.ts`).
 */
export type Fate =
  /** No news ever: returned, expired, manual work, a custom site (no status page), or a HIT never seen again. */
  | { kind: 'none' }
  | {
      kind: 'approve';
      /** When the platform approved it (MTurk credits its balance then). */
      platformAt: number;
      /** When Centime saw it approved (a status or submissions page read). */
      seenAt: number;
      /** A read that still listed it pending, between the submission and the approval, if any. */
      pendingReadAt?: number;
      /** Prolific's screened out: the partial payment replaces the reward. */
      partial?: Money;
      /** A bonus for the task (Prolific), seen with the approval or later. */
      bonus?: { money: Money; seenAt: number };
    }
  | { kind: 'reject'; seenAt: number; pendingReadAt?: number };

/** When a status page shows what the platform did at `at`: within minutes to a couple of days. */
const seenAfter = (r: Rng, at: number) => at + r.spread(5 * MIN, 3 * HOUR, 2 * DAY);

function pendingRead(r: Rng, submitted: number, seen: number): number | undefined {
  return r.chance(0.5) ? submitted + Math.round((seen - submitted) * r.next() * 0.9) : undefined;
}

/** An MTurk HIT: most approved within days, a quarter late (3–25 days), a few rejected, a few never heard of again. */
export function mturkFate(r: Rng, submitted: number): Fate {
  const kind = r.weighted<'approve' | 'late' | 'reject' | 'silent'>([['approve', 72], ['late', 24], ['reject', 2], ['silent', 2]]);
  if (kind === 'silent') return { kind: 'none' };
  const delay = kind === 'late' ? r.int(3 * DAY, 25 * DAY) : r.spread(HOUR, 20 * HOUR, 3 * DAY);
  const seenAt = seenAfter(r, submitted + delay);
  if (kind === 'reject') return { kind: 'reject', seenAt, ...opt('pendingReadAt', pendingRead(r, submitted, seenAt)) };
  return { kind: 'approve', platformAt: submitted + delay, seenAt, ...opt('pendingReadAt', pendingRead(r, submitted, seenAt)) };
}

/** A Prolific study: reviewed within hours to 21 days; some screened out (part paid), a few rejected, some bonuses. */
export function prolificFate(r: Rng, submitted: number, reward: Money): Fate {
  const kind = r.weighted<'approve' | 'screened' | 'reject'>([['approve', 95], ['screened', 3], ['reject', 2]]);
  const delay = r.spread(2 * HOUR, 30 * HOUR, 21 * DAY);
  const seenAt = seenAfter(r, submitted + delay);
  const pendingReadAt = pendingRead(r, submitted, seenAt);
  if (kind === 'reject') return { kind: 'reject', seenAt, ...opt('pendingReadAt', pendingReadAt) };
  const fate: Fate = { kind: 'approve', platformAt: submitted + delay, seenAt, ...opt('pendingReadAt', pendingReadAt) };
  if (kind === 'screened') fate.partial = { minor: Math.max(1, Math.round(reward.minor * r.int(10, 30) / 100)), currency: reward.currency };
  // A bonus is never the reward's amount: an approval is keyed by task, date, currency and amount.
  else if (r.chance(0.08)) {
    const minor = r.int(10, 250);
    fate.bonus = { money: { minor: minor === reward.minor ? minor + 1 : minor, currency: reward.currency }, seenAt: r.chance(0.5) ? seenAt : seenAfter(r, seenAt + r.int(HOUR, 5 * DAY)) };
  }
  return fate;
}

/** `{ [key]: value }`, or nothing when the value is undefined (the schemas' optional fields are absent, not undefined). */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
