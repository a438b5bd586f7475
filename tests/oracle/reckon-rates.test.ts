import { describe, expect, it } from 'vitest';
import { reckon } from './reckon';
import { DEFAULT_WORLD_SETTINGS, gbp, hit, page, Script, study, usd } from './script';

// Each expected figure is worked out by hand from DESIGN.md's Definitions, in the comments beside it.
const S = 1_000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 2, 10, 15, 0, 0); // 2026-03-10 15:00 UTC

describe('the oracle: rates', () => {
  it('rates each currency over its own tasks, and converts the true rate of a day paid in two', () => {
    const s1 = study(3, gbp(150));
    const s2 = study(4, usd(200));
    const build = (rates: { from: string; to: string; rate: number }[]) =>
      new Script(T0, 'UTC', { ...DEFAULT_WORLD_SETTINGS, displayCurrency: 'USD', exchangeRates: rates }).add(s1, s2)
        .at(T0, { kind: 'open', tab: 1, page: page.study(s1) })
        .at(T0 + 10 * S, { kind: 'open', tab: 2, page: page.web(), opener: 1 })
        .at(T0 + 610 * S, { kind: 'go', tab: 2, page: page.complete() })
        .at(T0 + 615 * S, { kind: 'go', tab: 2, page: page.newtab() })
        .at(T0 + 700 * S, { kind: 'open', tab: 3, page: page.study(s2) })
        .at(T0 + 710 * S, { kind: 'open', tab: 4, page: page.web(2), opener: 3 })
        .at(T0 + 1010 * S, { kind: 'go', tab: 4, page: page.complete() })
        .at(T0 + 1015 * S, { kind: 'go', tab: 4, page: page.newtab() }, { kind: 'popup' }).world;
    const [f] = reckon(build([{ from: 'GBP', to: 'USD', rate: 1.25 }])).checkpoints;
    // £1.50 over 600 s = 900 p/h; $2.00 over 300 s = 2400 ¢/h.
    expect(f!.rates['2026-03-10']!.effective).toEqual({ GBP: 900, USD: 2400 });
    // £1.50 × 1.25 = $1.875 → 188 ¢, + 200 ¢ = 388 ¢ over 900 s paid + 4 × 5 or 10 s of pages (30 s):
    // 388 × 3600 / 930 = 1501.9… → 1502 ¢/h.
    expect(f!.rates['2026-03-10']!.true).toEqual({ kind: 'converted', currency: 'USD', minor: 1502 });
    // The same rate typed the other way round is used inverted: 1 USD = 0.8 GBP ⇔ 1 GBP = 1.25 USD.
    expect(reckon(build([{ from: 'USD', to: 'GBP', rate: 0.8 }])).checkpoints[0]!.rates['2026-03-10']!.true).toEqual({ kind: 'converted', currency: 'USD', minor: 1502 });
    expect(reckon(build([])).checkpoints[0]!.rates['2026-03-10']!.true).toEqual({ kind: 'missing', currencies: ['GBP'] });
  });

  it('counts untimed records in earnings only, never in a rate, and bonus income in the true rate too', () => {
    const h = hit(6, usd(50), { acceptedAt: T0 });
    const ghost = hit(7, usd(120), { acceptedAt: T0 - 86_400_000 });
    const w = new Script(T0, 'UTC').add(h, ghost)
      .at(T0, { kind: 'dashboard', available: usd(1000), bonuses: usd(300), rows: [] }) // a baseline, not income
      .at(T0 + 10 * S, { kind: 'open', tab: 1, page: page.task(h) })
      .at(T0 + 70 * S, { kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.list('submitted') }, { kind: 'go', tab: 1, page: page.newtab() })
      .at(T0 + 80 * S, { kind: 'dashboard', available: usd(1100), bonuses: usd(375), rows: [{ task: ghost.key, state: 'Approved', reward: usd(120), date: '2026-03-10' }] })
      .at(T0 + 90 * S, { kind: 'dashboard', available: usd(1100), bonuses: usd(375), rows: [] }, { kind: 'popup' });
    const [f] = reckon(w.world).checkpoints;
    expect(f!.days['2026-03-10|mturk']).toEqual({
      paidActiveMs: 60 * S, unpaidActiveMs: 0, idleMs: 0, platformMs: 0, tasks: 1, earned: { USD: 50 + 120 + 75 }, bonusIncome: { USD: 75 },
    });
    // Effective: the timed HIT only, 50 ¢ ÷ 60 s = 3000 ¢/h. True: the timed HIT and the bonus income, the untimed
    // $1.20 left out (its time is unknown): 125 ¢ ÷ 60 s = 7500 ¢/h.
    expect(f!.rates['2026-03-10']).toMatchObject({ effective: { USD: 3000 }, true: { kind: 'single', currency: 'USD', minor: 7_500 } });
  });

  it('bands a rate against the minimum of its currency, else the display currency’s converted', () => {
    const [a, b] = [hit(8, usd(50), { acceptedAt: T0 }), hit(9, usd(200), { acceptedAt: T0 })];
    const build = (rates: { from: string; to: string; rate: number }[]) => {
      const settings = { ...DEFAULT_WORLD_SETTINGS, minRates: { GBP: 600 }, targetRates: { GBP: 900 }, displayCurrency: 'GBP', exchangeRates: rates };
      return new Script(T0, 'UTC', settings).add(a, b)
        .at(T0, { kind: 'open', tab: 1, page: page.task(a) })
        .at(T0 + 10 * MIN, { kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.task(b, 'submitted') })
        .at(T0 + 20 * MIN, { kind: 'claim', tab: 1, outcome: 'submitted' }, { kind: 'go', tab: 1, page: page.list('submitted') }, { kind: 'go', tab: 1, page: page.newtab() }, { kind: 'popup' }).world;
    };
    // $2.50 over 20 minutes = 750 ¢/h; the minimum £6.00 × 1.25 = $7.50 (750 ¢), the target £9.00 × 1.25 = 1125 ¢:
    // exactly the minimum is not under it.
    const [f] = reckon(build([{ from: 'GBP', to: 'USD', rate: 1.25 }])).checkpoints;
    expect(f!.rates['2026-03-10']).toEqual({
      effective: { USD: 750 }, true: { kind: 'single', currency: 'USD', minor: 750 }, bands: { effective: { USD: 'between' }, true: 'between' },
    });
    expect(reckon(build([])).checkpoints[0]!.rates['2026-03-10']!.bands).toEqual({ effective: { USD: 'no-minimum' }, true: 'no-minimum' });
  });
});
