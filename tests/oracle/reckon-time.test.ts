import { describe, expect, it } from 'vitest';
import { reckon } from './reckon';
import { gbp, hit, page, Script, study, usd } from './script';

// Each expected figure is worked out by hand from DESIGN.md's Definitions, in the comments beside it.
const S = 1_000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 2, 10, 15, 0, 0); // 2026-03-10 15:00 UTC

describe('the oracle: time, attention, days and rates', () => {
  it('splits a HIT into active and idle, and the list page after it into platform time', () => {
    const h = hit(1, usd(50), { acceptedAt: T0 });
    const w = new Script(T0, 'UTC').add(h)
      .at(T0, { kind: 'open', tab: 1, page: page.task(h) })
      .at(T0 + 60 * S, { kind: 'idle', idle: true })
      .at(T0 + 90 * S, { kind: 'idle', idle: false })
      .at(T0 + 120 * S, { kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.list('submitted') })
      .at(T0 + 150 * S, { kind: 'go', tab: 1, page: page.newtab() }, { kind: 'popup' });
    const [f] = reckon(w.world).checkpoints;
    // Active 0–60 s and 90–120 s, idle 60–90 s; the list page 120–150 s is platform time.
    expect(f!.days['2026-03-10|mturk']).toEqual({
      paidActiveMs: 90 * S, unpaidActiveMs: 0, idleMs: 30 * S, platformMs: 30 * S, tasks: 1, earned: { USD: 50 }, bonusIncome: {},
    });
    // Effective: 50 ¢ ÷ 90 s = 2000 ¢/h; true: 50 ¢ ÷ (90 + 30) s = 1500 ¢/h (idle is in neither).
    // Both at or above the $10.00 target: good.
    expect(f!.rates['2026-03-10']).toEqual({
      effective: { USD: 2000 }, true: { kind: 'single', currency: 'USD', minor: 1500 }, bands: { effective: { USD: 'good' }, true: 'good' },
    });
    expect(f!.balances['mturk|USD']).toEqual({ pending: 50, presumablyApproved: 0, withdrawable: null, withdrawableSince: null, paidOut: null, approvedLast14Days: 0 });
    expect(f!.pending).toEqual([
      { key: h.key, platform: 'mturk', reward: usd(50), submittedAt: T0 + 120 * S, latest: T0 + 120 * S + 30 * 86_400_000, expected: null },
    ]);
    expect(f!.open).toEqual([]);
  });

  it('moves a HIT whose confirmation was missed from its deadline day to the day of its last second, paid', () => {
    const start = Date.UTC(2026, 2, 10, 23, 40); // London is on UTC until 29 March
    const h = hit(2, usd(80), { acceptedAt: start, allottedSec: 3600 });
    const w = new Script(start, 'Europe/London').add(h)
      .at(start, { kind: 'open', tab: 1, page: page.task(h) })
      // Submitted at 23:50, but the next page shows no "HIT Submitted": nothing confirms it.
      .at(start + 10 * MIN, { kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.list() })
      .at(start + 15 * MIN, { kind: 'go', tab: 1, page: page.newtab() })
      .at(start + 61 * MIN, { kind: 'popup' })
      .at(start + 9 * 60 * MIN, { kind: 'rows', platform: 'mturk', rows: [{ task: h.key, state: 'Submitted', reward: usd(80), date: '2026-03-10' }] }, { kind: 'popup' });
    const [expired, repaired] = reckon(w.world).checkpoints;
    // The deadline (00:40 on the 11th) ends it as expired: its 10 minutes are unpaid, on its deadline's day.
    expect(expired!.days['2026-03-11|mturk']).toMatchObject({ unpaidActiveMs: 10 * MIN, paidActiveMs: 0, tasks: 1 });
    expect(expired!.days['2026-03-10|mturk']).toMatchObject({ platformMs: 5 * MIN, tasks: 0 });
    // The platform lists it as Submitted: paid, earned, on the 10th (its last second, 23:50).
    expect(repaired!.days['2026-03-10|mturk']).toEqual({
      paidActiveMs: 10 * MIN, unpaidActiveMs: 0, idleMs: 0, platformMs: 5 * MIN, tasks: 1, earned: { USD: 80 }, bonusIncome: {},
    });
    expect(repaired!.days['2026-03-11|mturk']).toBeUndefined();
    expect(repaired!.pending.map((p) => p.submittedAt)).toEqual([start + 10 * MIN]);
  });

  it('follows openers up the chain, stops at platform pages, and lets a started study take a tab once its own is gone', () => {
    const h = hit(3, usd(40), { acceptedAt: T0 });
    const st = study(1, gbp(150));
    const w = new Script(T0, 'UTC').add(h, st)
      .at(T0, { kind: 'open', tab: 1, page: page.task(h) })
      .at(T0 + 10 * S, { kind: 'open', tab: 2, page: page.web(), opener: 1 }) // the HIT's survey: the HIT's
      .at(T0 + 30 * S, { kind: 'open', tab: 3, page: page.newtab(), opener: 2 }) // a browser page lends nothing
      .at(T0 + 40 * S, { kind: 'go', tab: 3, page: page.web(2) }) // …but is climbed through once it is a site
      .at(T0 + 50 * S, { kind: 'open', tab: 4, page: page.list(), opener: 1 }) // platform time
      .at(T0 + 60 * S, { kind: 'open', tab: 5, page: page.web(3), opener: 4 }) // a platform page passes nothing on
      .at(T0 + 70 * S, { kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.list('submitted') })
      .at(T0 + 80 * S, { kind: 'open', tab: 6, page: page.study(st) }) // looked at: platform time
      .at(T0 + 90 * S, { kind: 'open', tab: 7, page: page.web(4), opener: 6 }) // its survey opens: started
      .at(T0 + 120 * S, { kind: 'close', tab: 6, then: 7 }) // its tab is gone: the survey tab still counts (fallback)
      .at(T0 + 140 * S, { kind: 'go', tab: 7, page: page.complete() }, { kind: 'go', tab: 7, page: page.newtab() }, { kind: 'popup' });
    const [f] = reckon(w.world).checkpoints;
    // HIT: 0–10 s (its tab), 10–30 s (survey), 40–50 s (tab 3 from the survey) = 40 s.
    expect(f!.days['2026-03-10|mturk']).toMatchObject({ paidActiveMs: 40 * S, platformMs: 10 * S, tasks: 1 });
    // Study: 90–120 s from its tab, 120–140 s as the orphan = 50 s; its page alone 80–90 s was platform time.
    expect(f!.days['2026-03-10|prolific']).toMatchObject({ paidActiveMs: 50 * S, platformMs: 10 * S, tasks: 1, earned: { GBP: 150 } });
  });

  it('ends a started study with no maximum time 2 hours after its last active second', () => {
    const st = study(5, gbp(100), 0);
    const w = new Script(T0, 'UTC').add(st)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) }, { kind: 'open', tab: 2, page: page.web(), opener: 1 })
      .at(T0 + 10 * MIN, { kind: 'idle', idle: true }) // idle in front is no activity
      .at(T0 + 70 * MIN, { kind: 'open', tab: 3, page: page.newtab() })
      .at(T0 + 10 * MIN + 2 * 60 * MIN - 1, { kind: 'popup' })
      .at(T0 + 3 * 60 * MIN, { kind: 'popup' });
    const [before, after] = reckon(w.world).checkpoints;
    expect(before!.open).toEqual([{ key: st.key, activeMs: 10 * MIN, idleMs: 60 * MIN, front: false }]);
    // Expired at 17:10: 10 minutes active (unpaid) and an hour idle.
    expect(after!.open).toEqual([]);
    expect(after!.days['2026-03-10|prolific']).toEqual({
      paidActiveMs: 0, unpaidActiveMs: 10 * MIN, idleMs: 60 * MIN, platformMs: 0, tasks: 1, earned: {}, bonusIncome: {},
    });
  });

  it('gives no time to a study only looked at, whatever the worker does next', () => {
    const st = study(2, gbp(150));
    const w = new Script(T0, 'UTC').add(st)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) })
      .at(T0 + 3 * S, { kind: 'close', tab: 1 }, { kind: 'open', tab: 2, page: page.web() })
      .at(T0 + 28 * S, { kind: 'go', tab: 2, page: page.newtab() }, { kind: 'popup' });
    const [f] = reckon(w.world).checkpoints;
    expect(f!.days).toEqual({
      '2026-03-10|prolific': { paidActiveMs: 0, unpaidActiveMs: 0, idleMs: 0, platformMs: 3 * S, tasks: 0, earned: {}, bonusIncome: {} },
    });
    expect(f!.open).toEqual([]);
  });

  it('keeps a day counted under one time zone when the zone changes; later records use the new zone', () => {
    const at = Date.UTC(2026, 2, 11, 1, 50); // New York (UTC−4 since 8 March): 10 March, 21:50
    const h = hit(4, usd(30), { acceptedAt: at });
    const w = new Script(at, 'America/New_York').add(h)
      .at(at, { kind: 'open', tab: 1, page: page.task(h) })
      .at(at + 10 * MIN, { kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.list('submitted') })
      .at(at + 15 * MIN, { kind: 'zone', zone: 'Asia/Tokyo' }) // Tokyo: 11 March, 11:05
      .at(at + 20 * MIN, { kind: 'go', tab: 1, page: page.newtab() }, { kind: 'popup' });
    const [f] = reckon(w.world).checkpoints;
    expect(f!.today).toBe('2026-03-11');
    expect(f!.days['2026-03-10|mturk']).toMatchObject({ paidActiveMs: 10 * MIN, platformMs: 0, tasks: 1 });
    // The list page's stretch (22:00–22:10 New York) is recorded after the change: under Tokyo's day of its start.
    expect(f!.days['2026-03-11|mturk']).toMatchObject({ platformMs: 10 * MIN, tasks: 0 });
  });

  it('times the manual timer whatever the focus and idle state, pausing the task in front meanwhile', () => {
    const h = hit(5, usd(40), { acceptedAt: T0 });
    const w = new Script(T0, 'UTC').add(h)
      .at(T0, { kind: 'open', tab: 1, page: page.task(h) })
      .at(T0 + 10 * S, { kind: 'manual-start' })
      .at(T0 + 20 * S, { kind: 'focus', focused: false })
      .at(T0 + 30 * S, { kind: 'idle', idle: true })
      .at(T0 + 50 * S, { kind: 'popup' })
      .at(T0 + 60 * S, { kind: 'manual-pause' })
      .at(T0 + 70 * S, { kind: 'focus', focused: true }, { kind: 'idle', idle: false })
      .at(T0 + 80 * S, { kind: 'manual-resume' })
      .at(T0 + 100 * S, { kind: 'manual-stop', reward: usd(300) }, { kind: 'popup' });
    const [running, stopped] = reckon(w.world).checkpoints;
    expect(running!.manual).toEqual({ running: true, activeMs: 40 * S });
    expect(running!.open).toEqual([{ key: h.key, activeMs: 10 * S, idleMs: 0, front: false }]);
    // Manual: 10–60 s and 80–100 s; the HIT: 0–10 s and 70–80 s.
    expect(stopped!.manual).toBeNull();
    expect(stopped!.days['2026-03-10|manual']).toEqual({
      paidActiveMs: 70 * S, unpaidActiveMs: 0, idleMs: 0, platformMs: 0, tasks: 1, earned: { USD: 300 }, bonusIncome: {},
    });
    expect(stopped!.open).toEqual([{ key: h.key, activeMs: 20 * S, idleMs: 0, front: true }]);
  });

});
