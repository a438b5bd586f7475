import { describe, expect, it } from 'vitest';
import { reckon } from './reckon';
import { DEFAULT_WORLD_SETTINGS, gbp, hit, page, Script, study, usd } from './script';
import type { Action, TaskSpec } from './world';

// Each expected figure is worked out by hand from DESIGN.md's Definitions, in the comments beside it.
const S = 1_000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);

/** A HIT done in tab `tab` from `at` for `ms`, submitted and confirmed. */
const done = (w: Script, tab: number, h: TaskSpec, at: number, ms: number) =>
  w.at(at, { kind: 'open', tab, page: page.task(h) })
    .at(at + ms, { kind: 'claim', tab, outcome: 'submitted' }, { kind: 'go', tab, page: page.list('submitted') }, { kind: 'close', tab });
const rows = (...list: [TaskSpec, string][]): Action => ({
  kind: 'rows', platform: 'mturk', rows: list.map(([t, state]) => ({ task: t.key, state, reward: t.reward, date: '2026-03-09' })),
});

describe('the oracle: the ledger', () => {
  it("adds to a dashboard reading only approvals of items known pending after it, and paces on dated approvals", () => {
    const settings = { ...DEFAULT_WORLD_SETTINGS, payoutThresholds: { mturk: [usd(3000)] } };
    const old1 = hit(1, usd(100), { acceptedAt: T0 - DAY });
    const old2 = hit(2, usd(75), { acceptedAt: T0 - DAY });
    const h3 = hit(3, usd(50), { acceptedAt: T0 + 5 * MIN });
    const h4 = hit(4, usd(60), { acceptedAt: T0 + 80 * MIN });
    const w = new Script(T0, 'UTC', settings).add(old1, old2, h3, h4)
      .at(T0, { kind: 'dashboard', available: usd(2347), rows: [] })
      // An old status page full of approvals a minute later: first seen approved, no known date.
      .at(T0 + MIN, rows([old1, 'Approved'], [old2, 'Paid']), { kind: 'popup' });
    done(w, 1, h3, T0 + 5 * MIN, 5 * MIN) // submitted at 12:10, after the reading
      .at(T0 + HOUR, rows([h3, 'Approved']), { kind: 'popup' });
    done(w, 2, h4, T0 + 80 * MIN, 10 * MIN) // submitted at 13:30
      // A refresh at 14:00: the dashboard and, in the same refresh, h4 approved.
      .at(T0 + 2 * HOUR, { kind: 'dashboard', available: usd(2500), rows: [{ task: h4.key, state: 'Approved', reward: usd(60), date: '2026-03-10' }] }, { kind: 'popup' });
    const [first, second, third] = reckon(w.world).checkpoints;
    // $23.47 stays $23.47: the $1.75 were approved before the reading; no dated approval, no pace.
    expect(first!.balances['mturk|USD']).toMatchObject({ withdrawable: 2347, withdrawableSince: T0, approvedLast14Days: 0, threshold: { threshold: 3000, have: 2347, reach: { kind: 'not-at-this-pace' } } });
    // h3 was submitted after the reading and approved since: 2347 + 50. Pace: 50 ¢ over 14 days, so
    // (3000 − 2397) × 14 / 50 = 168.84 → 169 days.
    expect(second!.balances['mturk|USD']).toMatchObject({ withdrawable: 2397, pending: 0, approvedLast14Days: 50, threshold: { have: 2397, reach: { kind: 'date', at: T0 + HOUR + 169 * DAY } } });
    // The new reading includes h4 (approved in the same refresh): 2500. Pace: 50 + 60 = 110 ¢ →
    // (3000 − 2500) × 14 / 110 = 63.6 → 64 days.
    expect(third!.balances['mturk|USD']).toMatchObject({ withdrawable: 2500, withdrawableSince: T0 + 2 * HOUR, approvedLast14Days: 110, threshold: { have: 2500, reach: { kind: 'date', at: T0 + 2 * HOUR + 64 * DAY } } });
    // The old approvals are money on their own day, untimed: no task counted, no time.
    expect(third!.days['2026-03-09|mturk']).toEqual({ paidActiveMs: 0, unpaidActiveMs: 0, idleMs: 0, platformMs: 0, tasks: 0, earned: { USD: 175 }, bonusIncome: {} });
  });

  it('adds an approval to withdrawable when a page read after the reading still listed the item as pending', () => {
    const ghost = hit(5, usd(90), { acceptedAt: T0 - DAY });
    const w = new Script(T0, 'UTC').add(ghost)
      .at(T0, rows([ghost, 'Submitted']))
      .at(T0 + MIN, { kind: 'dashboard', available: usd(1000), rows: [] })
      .at(T0 + 2 * MIN, rows([ghost, 'Submitted'])) // still pending after the reading
      .at(T0 + 3 * MIN, rows([ghost, 'Approved']), { kind: 'popup' });
    expect(reckon(w.world).checkpoints[0]!.balances['mturk|USD']).toMatchObject({ withdrawable: 1090, pending: 0 });
  });

  it('keeps transfers as the platform lists them: per day and amount, the most seen in one reading', () => {
    const transfer = (date: string, minor: number) => ({ date, amount: usd(minor) });
    const w = new Script(T0, 'UTC')
      .at(T0, { kind: 'dashboard', available: usd(0), rows: [] }, { kind: 'earnings', transfers: [transfer('2026-03-01', 500)] }, { kind: 'popup' })
      .at(T0 + MIN, { kind: 'earnings', transfers: [transfer('2026-03-01', 500), transfer('2026-03-01', 500)] }, { kind: 'popup' })
      .at(T0 + 2 * MIN, { kind: 'earnings', transfers: [transfer('2026-02-01', 2500), transfer('2026-03-01', 500)] }, { kind: 'popup' });
    const paid = reckon(w.world).checkpoints.map((f) => f.balances['mturk|USD']!.paidOut);
    // 500; then two of 500 that day = 1000; then 2500 more, the two of March still two.
    expect(paid).toEqual([500, 1000, 3500]);
  });

  it("dates the expected payment at the median of the requester's past delays, once there are three", () => {
    const [a, b, c, d] = [1, 2, 3, 4].map((n) => hit(10 + n, usd(20), { acceptedAt: n === 4 ? T0 + 5 * DAY : T0 + (n - 1) * HOUR, requester: 7 }));
    const w = new Script(T0, 'UTC').add(a!, b!, c!, d!);
    done(w, 1, a!, T0, MIN);
    done(w, 2, b!, T0 + HOUR, MIN);
    done(w, 3, c!, T0 + 2 * HOUR, MIN);
    w.at(T0 + MIN + 2 * DAY, rows([a!, 'Approved'])) // after 2 days
      .at(T0 + HOUR + MIN + 3 * DAY, rows([b!, 'Approved'])) // 3 days
      .at(T0 + 2 * HOUR + MIN + 4 * DAY, rows([c!, 'Approved'])) // 4 days
      .at(T0 + 5 * DAY, { kind: 'popup' });
    done(w, 4, d!, T0 + 5 * DAY, MIN).at(T0 + 5 * DAY + 2 * MIN, { kind: 'popup' });
    const [before, after] = reckon(w.world).checkpoints;
    expect(before!.pending).toEqual([]);
    const submitted = T0 + 5 * DAY + MIN;
    expect(after!.pending).toEqual([{ key: d!.key, platform: 'mturk', reward: usd(20), submittedAt: submitted, latest: submitted + 30 * DAY, expected: submitted + 3 * DAY }]);
  });

  it('calls pending past its latest payment day "presumably approved", and counts a cash-out and a later bonus on Prolific', () => {
    const s1 = study(1, gbp(150));
    const s2 = study(2, gbp(300));
    const w = new Script(T0, 'UTC').add(s1, s2);
    for (const [tab, st, at] of [[1, s1, T0], [3, s2, T0 + HOUR]] as const) {
      w.at(at, { kind: 'open', tab, page: page.study(st) })
        .at(at + MIN, { kind: 'open', tab: tab + 1, page: page.web(), opener: tab })
        .at(at + 11 * MIN, { kind: 'go', tab: tab + 1, page: page.complete() }, { kind: 'close', tab: tab + 1 }, { kind: 'close', tab });
    }
    const row = (st: TaskSpec, state: string, bonus?: number) => ({ task: st.key, state, reward: st.reward, date: '2026-03-10', ...(bonus ? { bonus: gbp(bonus) } : {}) });
    w.at(T0 + 2 * HOUR, { kind: 'rows', platform: 'prolific', rows: [row(s1, 'AWAITING REVIEW'), row(s2, 'APPROVED')] }, { kind: 'popup' })
      .at(T0 + 3 * HOUR, { kind: 'cash-out', currency: 'GBP' }, { kind: 'popup' })
      // Seen after the cash-out still without a bonus: a bonus seen later came after the cash-out.
      .at(T0 + 3 * HOUR + 30 * MIN, { kind: 'rows', platform: 'prolific', rows: [row(s2, 'APPROVED')] })
      .at(T0 + 4 * HOUR, { kind: 'rows', platform: 'prolific', rows: [row(s2, 'APPROVED', 40)] }, { kind: 'popup' })
      // 22 days later: s1 (latest payment day 10 + 21 = 31 March) is past it on 1 April.
      .at(T0 + 22 * DAY, { kind: 'popup' });
    const [seen, cashed, bonus, late] = reckon(w.world).checkpoints;
    // Before any cash-out, everything approved can be withdrawn; pending and approved are apart.
    expect(seen!.balances['prolific|GBP']).toMatchObject({ pending: 150, withdrawable: 300, withdrawableSince: null, threshold: { threshold: 600, have: 450 } });
    expect(cashed!.balances['prolific|GBP']).toMatchObject({ withdrawable: 0, withdrawableSince: T0 + 3 * HOUR });
    // The bonus appears after the row was seen without it after the cash-out: new money to withdraw, in the day's
    // earnings with its study.
    expect(bonus!.balances['prolific|GBP']).toMatchObject({ withdrawable: 40 });
    expect(bonus!.days['2026-03-10|prolific']).toMatchObject({ earned: { GBP: 150 + 300 + 40 }, paidActiveMs: 20 * MIN });
    // Effective GBP: (150 + 300 + 40) p over 20 minutes = 1470 p/h.
    expect(bonus!.rates['2026-03-10']!.effective).toEqual({ GBP: 1470 });
    expect(late!.balances['prolific|GBP']).toMatchObject({ pending: 0, presumablyApproved: 150 });
  });

  it('makes returns, vanished HITs and rejections unpaid time, and takes two submits in the same instant', () => {
    const [h1, h2, h3, h4, h5] = [1, 2, 3, 4, 5].map((n) => hit(20 + n, usd(10 * n), { acceptedAt: T0 }));
    const w = new Script(T0, 'UTC').add(h1!, h2!, h3!, h4!, h5!)
      .at(T0, { kind: 'open', tab: 1, page: page.task(h1!) })
      .at(T0 + MIN, { kind: 'claim', tab: 1, outcome: 'returned' }, { kind: 'go', tab: 1, page: page.list() }) // returned
      .at(T0 + MIN, { kind: 'go', tab: 1, page: page.task(h2!) })
      .at(T0 + 3 * MIN, { kind: 'go', tab: 1, page: page.gone(h2!) }) // "no longer available": expired now
      .at(T0 + 3 * MIN, { kind: 'open', tab: 2, page: page.task(h3!), background: true }, { kind: 'go', tab: 1, page: page.task(h4!) })
      .at(T0 + 5 * MIN, { kind: 'switch', tab: 2 })
      .at(T0 + 6 * MIN, { kind: 'open', tab: 3, page: page.task(h5!) })
      .lanes(
        T0 + 7 * MIN,
        [{ kind: 'claim', tab: 2, outcome: 'submitted' }, { kind: 'go', tab: 2, page: page.list('submitted') }],
        [{ kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.list('submitted') }],
      )
      .at(T0 + 8 * MIN, { kind: 'go', tab: 3, page: page.newtab() })
      .at(T0 + HOUR, rows([h4!, 'Rejected']), { kind: 'popup' });
    const [f] = reckon(w.world).checkpoints;
    // h1 returned (1 min) and h2 gone (2 min) unpaid; h3 (tab 2, 5–6 min) and h4 (tab 1, 3–5 min) submitted
    // together at 7 min, h4 then rejected: unpaid; h5 open in tab 3 from 6 to 8 min, expires at its deadline
    // (12:30) later.
    expect(f!.days['2026-03-10|mturk']).toEqual({
      paidActiveMs: MIN, unpaidActiveMs: MIN + 2 * MIN + 2 * MIN + 2 * MIN, idleMs: 0, platformMs: 0, tasks: 5, earned: { USD: 30 }, bonusIncome: {},
    });
    expect(f!.pending.map((p) => p.key)).toEqual([h3!.key]);
  });
});
