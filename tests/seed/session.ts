import { elapsed } from '../../lib/domain/task-timer';
import type { Money } from '../../lib/domain/money';
import type { PlatformStretch, TaskRecord } from '../../lib/storage/schemas';
import { HOUR, MIN, SEC } from './calendar';
import { clickworkerId, clickworkerTitle, mturkGroup, mturkId, mturkTitle, MTURK_REQUESTERS, prolificHost, prolificId, prolificTitle } from './catalog';
import type { DayClock } from './clock';
import { mturkFate, prolificFate, type Fate } from './fates';
import type { Rng } from './prng';
import { timeline } from './timeline';

/** A task as it went, before the date of generation decides what is known of it yet (`resolve.ts`). */
export interface Draft {
  /** The record once the task ended: `status` is its outcome; no money news yet. */
  record: TaskRecord;
  fate: Fate;
  /** When it became a task Centime knows (first seen; a study: when it started). */
  knownFrom: number;
}

/** What a day's work leaves. */
export interface DayWork {
  drafts: Draft[];
  stretches: PlatformStretch[];
  /** The worker opens the platform's dashboard or list at the start of each session there: the ledger reads then. */
  visits: { platform: 'mturk' | 'prolific'; at: number }[];
}

export type Site = 'mturk' | 'prolific' | 'custom:clickworker';
export const CLICKWORKER = 'custom:clickworker';

const money = (minor: number, currency: string): Money => ({ minor, currency });

/** One work session: tasks back to back, platform time between them, from `start`. */
export class Session {
  t: number;
  private current: Site | null = null;

  constructor(private readonly clock: DayClock, private readonly r: Rng, private readonly out: DayWork, start: number) {
    this.t = start;
  }

  /** Time on the platform's own pages (search, queue, study list) from now. */
  stretch(platform: Site, ms: number): void {
    // Going on from the platform's last page (its list, then a study's page) is one stretch, as the tracker keeps it.
    const last = this.out.stretches.at(-1);
    const start = last?.platform === platform && last.end.wall === this.t ? this.out.stretches.pop()!.start : this.clock.stamp(this.t);
    const end = this.clock.stamp(this.t + ms);
    this.out.stretches.push({ v: 1, platform, start, end, ms: Math.round(elapsed(start, end)) });
    this.t += ms;
  }

  /** Moves to `site` (its dashboard or list first); then a batch of HITs, one study or one job. Returns the tasks done. */
  next(site: Site, left: number): number {
    const r = this.r;
    if (site !== this.current && site !== CLICKWORKER && !this.out.visits.some((v) => v.platform === site && v.at >= this.t - 6 * HOUR)) {
      this.out.visits.push({ platform: site, at: this.t });
    }
    this.current = site;
    if (site === 'mturk') {
      this.stretch(site, r.spread(10 * SEC, 45 * SEC, 4 * MIN));
      return this.mturkBatch(Math.min(left, r.weighted([[1, 3], [r.int(2, 5), 4], [r.int(6, 15), 3]])));
    }
    if (site === 'prolific') {
      this.stretch(site, r.spread(30 * SEC, 2 * MIN, 10 * MIN));
      this.prolificStudy();
      return 1;
    }
    this.stretch(site, r.spread(5 * SEC, 20 * SEC, MIN));
    this.clickworkerJob();
    return 1;
  }

  /** HITs of one group back to back (MTurk accepts the next one as the last is submitted); a return or an expiry ends it. */
  private mturkBatch(count: number): number {
    const r = this.r;
    const req = r.int(0, MTURK_REQUESTERS.length - 1);
    const requester = MTURK_REQUESTERS[req]!;
    const { title, template } = mturkTitle(r);
    const typical = r.spread(20 * SEC, 90 * SEC, 12 * MIN);
    const reward = money(Math.max(1, Math.round((typical / HOUR) * r.int(300, 1500))), 'USD');
    // Generous enough for the slowest HIT of the group with a long idle spell and a spell elsewhere.
    const allottedSec = Math.ceil((typical * 2 + 45 * MIN) / (5 * MIN)) * 300;
    for (let i = 0; i < count; i++) {
      const ending = r.weighted<'submitted' | 'returned' | 'expired'>([['submitted', 96], ['returned', 3], ['expired', 1]]);
      const acceptedAt = this.t - r.int(300, 1_500);
      const deadline = acceptedAt + allottedSec * 1000;
      const full = Math.round(typical * (0.6 + r.next()));
      const tl = timeline(this.clock, r, {
        start: this.t,
        workMs: ending === 'submitted' ? full : Math.round(full * 0.4 * r.next()) + 3 * SEC,
        idleChance: ending === 'expired' ? 0 : 0.06,
        awayChance: ending === 'expired' ? 0 : 0.08,
        ending: ending === 'expired' ? { expireAt: deadline } : ending,
      });
      const record: TaskRecord = {
        v: 2, platform: 'mturk', taskId: mturkId(r), hitId: mturkId(r), groupId: mturkGroup(req, template), requesterId: requester.id,
        title, requesterName: requester.name, reward, timeAllottedSec: allottedSec, acceptedAt, firstSeenAt: this.t, updatedAt: tl.end,
        status: ending, endedAt: tl.end, deadline, external: false, events: tl.events, activeMs: 0, idleMs: 0,
      };
      this.out.drafts.push({ record, fate: ending === 'submitted' ? mturkFate(r, tl.end) : { kind: 'none' }, knownFrom: this.t });
      this.t = tl.lastFront + r.int(SEC, 4 * SEC);
      if (ending !== 'submitted') return i + 1;
    }
    return count;
  }

  /** A study: its page (platform time), then its survey opened from it, where the time runs; the completion page submits it. */
  private prolificStudy(): void {
    const r = this.r;
    const host = prolificHost(r);
    const title = prolificTitle(r);
    const estMin = r.spread(2, 8, 45);
    const currency = r.chance(0.8) ? 'GBP' : 'USD';
    const perHour = currency === 'GBP' ? r.int(600, 1_400) : r.int(800, 1_600);
    const reward = money(Math.max(10, Math.round((estMin * perHour) / 60 / 5) * 5), currency);
    const maxMin = Math.max(3 * estMin + 2, estMin + 40);
    const firstSeenAt = this.t;
    this.stretch('prolific', r.spread(5 * SEC, 20 * SEC, 2 * MIN));
    const startedAt = this.t;
    const deadline = startedAt + maxMin * MIN;
    const ending = r.weighted<'submitted' | 'returned' | 'expired'>([['submitted', 93], ['returned', 5], ['expired', 2]]);
    const full = Math.round(estMin * MIN * (0.5 + r.next() * 1.1));
    const tl = timeline(this.clock, r, {
      start: startedAt,
      workMs: ending === 'submitted' ? full : Math.round(full * 0.5 * r.next()) + 10 * SEC,
      idleChance: ending === 'expired' ? 0 : 0.2,
      awayChance: ending === 'expired' ? 0 : 0.1,
      ending: ending === 'expired' ? { expireAt: deadline } : ending,
    });
    const record: TaskRecord = {
      v: 2, platform: 'prolific', taskId: prolificId(r), title, requesterName: host, reward, timeAllottedSec: maxMin * 60,
      firstSeenAt, startedAt, deadline, updatedAt: tl.end, status: ending, endedAt: tl.end, external: true,
      events: tl.events, activeMs: 0, idleMs: 0,
    };
    this.out.drafts.push({ record, fate: ending === 'submitted' ? prolificFate(r, tl.end, reward) : { kind: 'none' }, knownFrom: startedAt });
    this.t = tl.lastFront + r.int(2 * SEC, 20 * SEC);
  }

  /** A job on a custom site: no status page, so a submitted job stays pending (then presumably approved). */
  private clickworkerJob(): void {
    const r = this.r;
    const full = r.spread(30 * SEC, 2 * MIN, 10 * MIN);
    const ending = r.chance(0.05) ? 'returned' : 'submitted';
    const tl = timeline(this.clock, r, { start: this.t, workMs: ending === 'submitted' ? full : Math.round(full * 0.3), idleChance: 0.05, awayChance: 0.08, ending });
    const record: TaskRecord = {
      v: 2, platform: CLICKWORKER, taskId: clickworkerId(r), title: clickworkerTitle(r), requesterName: 'clickworker',
      reward: money(Math.max(2, Math.round((full / HOUR) * r.int(500, 900))), 'EUR'), firstSeenAt: this.t, updatedAt: tl.end,
      status: ending, endedAt: tl.end, external: false, events: tl.events, activeMs: 0, idleMs: 0,
    };
    this.out.drafts.push({ record, fate: { kind: 'none' }, knownFrom: this.t });
    this.t = tl.lastFront + r.int(2 * SEC, 10 * SEC);
  }
}
