import { describe, expect, it } from 'vitest';
import { check } from './check';
import { reckon } from './reckon';
import { DEFAULT_WORLD_SETTINGS, hit, page, Script, usd } from './script';
import type { Action, TaskSpec } from './world';

// The oracle's reading of corrections (issue 16), each figure worked out by hand in the comments beside it.
const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const DAY0 = '2026-03-10';

/** A HIT in front in tab `tab` from `at` for `ms` (active), submitted and confirmed. */
const done = (w: Script, tab: number, h: TaskSpec, at: number, ms: number) =>
  w.at(at, { kind: 'open', tab, page: page.task(h) })
    .at(at + ms, { kind: 'claim', tab, outcome: 'submitted' }, { kind: 'go', tab, page: page.list('submitted') }, { kind: 'close', tab });
const row = (h: TaskSpec, state: string): Action => ({ kind: 'rows', platform: 'mturk', rows: [{ task: h.key, state, reward: h.reward, date: DAY0 }] });

describe('the oracle: corrections kept as edits', () => {
  it('counts a corrected active time and reward, restores them, and leaves a deleted task out of everything', async () => {
    const h = hit(1, usd(50), { acceptedAt: T0 });
    const w = new Script(T0, 'UTC').add(h);
    done(w, 1, h, T0, 10 * MIN)
      .at(T0 + HOUR, { kind: 'edit', task: h.key, change: { field: 'activeMs', value: 20 * MIN } }, { kind: 'edit', task: h.key, change: { field: 'reward', value: usd(80) } }, { kind: 'popup' })
      .at(T0 + 2 * HOUR, { kind: 'edit', task: h.key, change: { field: 'reward', value: null } }, { kind: 'popup' })
      .at(T0 + 3 * HOUR, { kind: 'edit', task: h.key, change: { field: 'deleted', value: true } }, { kind: 'popup' });
    const [corrected, restored, deleted] = reckon(w.world).checkpoints;
    // 20 minutes paid (the 10 recorded give way), $0.80: $2.40 an hour; its one stretch carries the 20 minutes.
    expect(corrected!.days[`${DAY0}|mturk`]).toMatchObject({ paidActiveMs: 20 * MIN, earned: { USD: 80 }, tasks: 1 });
    expect(corrected!.rates[DAY0]!.effective).toEqual({ USD: 240 });
    expect(corrected!.periods.day.sessions[0]!.time.paidActiveMs).toBe(20 * MIN);
    // The reward restored: $0.50 over 20 minutes, $1.50 an hour; still pending.
    expect(restored!.rates[DAY0]!.effective).toEqual({ USD: 150 });
    expect(restored!.balances['mturk|USD']).toMatchObject({ pending: 50 });
    // Deleted: no day, no session, nothing pending.
    expect(deleted!.days).toEqual({});
    expect(deleted!.periods.day.sessions).toEqual([]);
    expect(deleted!.pending).toEqual([]);
    expect(deleted!.balances).toEqual({});
    // The real background agrees, figure by figure.
    expect((await check(w.world)).figures).toEqual([]);
  });

  it('gives a corrected approval no date (not withdrawable, no pace), and lets a later status row win', async () => {
    const settings = { ...DEFAULT_WORLD_SETTINGS, payoutThresholds: { mturk: [usd(3000)] } };
    const h = hit(2, usd(60), { acceptedAt: T0 });
    const w = new Script(T0, 'UTC', settings).add(h)
      .at(T0 - MIN, { kind: 'dashboard', available: usd(1000), rows: [] });
    done(w, 1, h, T0, 5 * MIN)
      .at(T0 + HOUR, { kind: 'edit', task: h.key, change: { field: 'outcome', value: 'approved' } }, { kind: 'popup' })
      // MTurk still lists it as submitted, after the correction: the platform's word stands.
      .at(T0 + 2 * HOUR, row(h, 'Submitted'), { kind: 'popup' })
      .at(T0 + 3 * HOUR, row(h, 'Approved'), { kind: 'popup' });
    const [word, platform, approved] = reckon(w.world).checkpoints;
    // Approved money of its day, nothing pending; withdrawable stays the reading, the pace nothing.
    expect(word!.days[`${DAY0}|mturk`]).toMatchObject({ earned: { USD: 60 }, paidActiveMs: 5 * MIN });
    expect(word!.balances['mturk|USD']).toMatchObject({ pending: 0, withdrawable: 1000, approvedLast14Days: 0, threshold: { reach: { kind: 'not-at-this-pace' } } });
    expect(platform!.balances['mturk|USD']).toMatchObject({ pending: 60, withdrawable: 1000 });
    // Approved there, known pending after the reading: 1000 + 60, and 60 in the pace.
    expect(approved!.balances['mturk|USD']).toMatchObject({ pending: 0, withdrawable: 1060, approvedLast14Days: 60 });
    expect((await check(w.world)).figures).toEqual([]);
  });

  it('counts a task added with an active time in rates, and one without in money only', async () => {
    const w = new Script(T0, 'UTC')
      .at(T0, { kind: 'add', ref: 'hand:1', task: { platform: 'mturk', title: 'Missed', reward: usd(100), day: DAY0, outcome: 'submitted', activeMs: 30 * MIN } })
      .at(T0, { kind: 'add', ref: 'hand:2', task: { platform: 'manual', title: 'Offline', reward: usd(40), day: DAY0, outcome: 'approved' } }, { kind: 'popup' });
    const [seen] = reckon(w.world).checkpoints;
    // $1.00 over 30 minutes: $2.00 an hour; one timed task; in no session (no time in front).
    expect(seen!.days[`${DAY0}|mturk`]).toMatchObject({ paidActiveMs: 30 * MIN, tasks: 1, earned: { USD: 100 } });
    expect(seen!.rates[DAY0]!.effective).toEqual({ USD: 200 });
    expect(seen!.periods.day.sessions).toEqual([]);
    // Untimed: its money on its day, no task counted, no time.
    expect(seen!.days[`${DAY0}|manual`]).toEqual({ paidActiveMs: 0, unpaidActiveMs: 0, idleMs: 0, platformMs: 0, tasks: 0, earned: { USD: 40 }, bonusIncome: {} });
    expect((await check(w.world)).figures).toEqual([]);
  });
});
