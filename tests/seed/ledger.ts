import type { DashboardReading } from '../../lib/domain/ledger';
import { MTURK_TIME_ZONE } from '../../lib/platforms/mturk-days';
import { DAY, localDay, localTime, MIN } from './calendar';
import type { PrimaryBatch } from '../../lib/storage/bulk';
import { streamOf } from './prng';
import type { Draft } from './session';

type Credit = { at: number; minor: number; currency: string; bonus?: true };

/**
 * The money side of the generated years, walked forward day by day: MTurk's dashboard read at the start of each
 * MTurk session ("Current Earnings" = what the platform approved since the last transfer, and the lifetime
 * Bonuses total, whose rises are bonus income), a transfer every week or two read from the earnings page, and
 * Prolific cash-outs per currency. Requester bonuses on MTurk come from the ledger's own stream of the day.
 */
export class Ledger {
  private mturk: Credit[] = [];
  private prolific: Credit[] = [];
  private available = 0;
  private bonusTotal = 0;
  private readTotal: number | null = null;
  private lastTransfer: number | null = null;
  private readonly transfers: { requestedDate: string; amount: { minor: number; currency: string } }[] = [];
  private readonly balance: Record<string, number> = {};
  private readonly cashedOut: Record<string, number> = {};

  constructor(private readonly seed: number, private readonly now: number, private readonly timeZone: string) {}

  /** The day's readings, bonus rises, transfer pages and cash-outs, from the day's drafts and visits. */
  day(day: string, drafts: readonly Draft[], visits: readonly { platform: string; at: number }[]): PrimaryBatch {
    const r = streamOf(this.seed, 'ledger', day);
    for (const { record, fate } of drafts) {
      if (fate.kind !== 'approve') continue;
      const paid = fate.partial ?? record.reward!;
      if (record.platform === 'mturk') this.mturk.push({ at: fate.platformAt, minor: paid.minor, currency: 'USD' });
      if (record.platform !== 'prolific') continue;
      this.prolific.push({ at: fate.seenAt, ...paid });
      if (fate.bonus) this.prolific.push({ at: fate.bonus.seenAt, ...fate.bonus.money });
    }
    const out: Required<Pick<PrimaryBatch, 'readings' | 'bonuses' | 'transfers'>> = { readings: [], bonuses: [], transfers: [] };
    if (visits.some((v) => v.platform === 'mturk') && r.chance(0.35)) {
      for (let i = r.int(1, 2); i > 0; i--) this.mturk.push({ at: localTime(day, r.int(480, 1_320), this.timeZone), minor: r.spread(5, 50, 500), currency: 'USD', bonus: true });
    }
    for (const visit of [...visits].sort((a, b) => a.at - b.at)) {
      // Every draw is made whatever the balances: the stream of a day stays the same in any history that holds it.
      const wants = { transfer: r.chance(0.4), GBP: r.chance(0.3), USD: r.chance(0.3) };
      if (visit.at > this.now) continue;
      if (visit.platform === 'mturk') this.readDashboard(visit.at, wants.transfer, out);
      else this.cashOut(visit.at + MIN, wants, out);
    }
    return out;
  }

  private readDashboard(at: number, wantsTransfer: boolean, out: Required<Pick<PrimaryBatch, 'readings' | 'bonuses' | 'transfers'>>): void {
    for (const c of take(this.mturk, at)) {
      this.available += c.minor;
      if (c.bonus) this.bonusTotal += c.minor;
    }
    const reading: DashboardReading = { at, available: { minor: this.available, currency: 'USD' }, bonuses: { minor: this.bonusTotal, currency: 'USD' } };
    out.readings.push({ platform: 'mturk', reading });
    // The first reading is a baseline; a later rise of the lifetime total is bonus income of that day.
    if (this.readTotal !== null && this.bonusTotal > this.readTotal) {
      out.bonuses.push({ entry: { platform: 'mturk', at, minor: this.bonusTotal - this.readTotal, currency: 'USD' }, fromTotal: this.readTotal });
    }
    this.readTotal = this.bonusTotal;
    const due = this.lastTransfer === null || at - this.lastTransfer >= 7 * DAY;
    if (!wantsTransfer || !due || this.available < 100) return;
    this.transfers.push({ requestedDate: localDay(at, MTURK_TIME_ZONE), amount: { minor: this.available, currency: 'USD' } });
    this.available = 0;
    this.lastTransfer = at;
    // The earnings page, read a moment later: the transfer history as stored once merged (every transfer so far).
    const readAt = at + 2 * MIN;
    if (readAt <= this.now) out.transfers.push({ platform: 'mturk', at: readAt, transfers: this.transfers.slice(-2000) });
  }

  /** Prolific: the approvals seen since the last cash-out; the worker cashes out from £6/$6, a week or more apart. */
  private cashOut(at: number, wants: Record<'GBP' | 'USD', boolean>, out: Required<Pick<PrimaryBatch, 'readings'>>): void {
    for (const c of take(this.prolific, at)) this.balance[c.currency] = (this.balance[c.currency] ?? 0) + c.minor;
    for (const currency of ['GBP', 'USD'] as const) {
      if ((this.balance[currency] ?? 0) < 600 || !wants[currency] || at > this.now || at - (this.cashedOut[currency] ?? 0) < 7 * DAY) continue;
      out.readings.push({ platform: 'prolific', reading: { at, available: { minor: 0, currency } } });
      this.balance[currency] = 0;
      this.cashedOut[currency] = at;
    }
  }
}

/** Removes and returns the credits due by `at`. */
function take(credits: Credit[], at: number): Credit[] {
  const due = credits.filter((c) => c.at <= at);
  if (due.length) credits.splice(0, credits.length, ...credits.filter((c) => c.at > at));
  return due;
}
