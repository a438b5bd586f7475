// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupView } from '../../../components/PopupView';
import type { PeriodFigures } from '../../../lib/domain/figures';
import type { RateSettings } from '../../../lib/domain/live';
import { setTranslator } from '../../../lib/i18n';
import type { PopupData, TaskSummary } from '../../../lib/messaging';

// The popup's summary (today's true rate in its band, earnings in the display currency, time worked), its open
// tasks ticking each second, and its empty states. Translations as keys with their substitutions.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
  vi.useRealTimers();
});

const MIN = 60_000;
const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const rates = (over: Partial<RateSettings> = {}): RateSettings => ({ minRates: { USD: 725, GBP: 600 }, targetRates: { USD: 1000, GBP: 900 }, displayCurrency: 'USD', exchangeRates: [], ...over });
const day = (over: Partial<PeriodFigures> = {}): PeriodFigures => ({
  earnings: [],
  bonusIncome: [],
  time: { paidActiveMs: 20 * MIN, unpaidActiveMs: 5 * MIN, platformMs: 5 * MIN, idleMs: 3 * MIN },
  effective: [],
  trueRate: null,
  ...over,
});
const empty: PopupData = { tasks: [], today: [], day: null, balances: [], pending: { items: [], total: 0 }, quarantined: 0, manual: null, at: 0, rates: rates() };
const task = (over: Partial<TaskSummary> = {}): TaskSummary => ({
  platform: 'mturk', taskId: 'A1', title: 'Survey', requesterName: 'Lab', reward: usd(50), firstSeenAt: 1, status: 'open', activeMs: 0, idleMs: 0, front: false, ...over,
});
const show = (data: PopupData, locale = 'en') => render(<PopupView data={data} locale={locale} onOpenOptions={() => {}} />);
const text = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent!.replace(/[\u00a0\u202f]/g, ' '));

describe("the popup's open tasks", () => {
  it('marks a minimum converted from the display currency, with the rate on hover and focus', () => {
    const rate = { from: 'USD', to: 'EUR', rate: 0.9 };
    const eur = { minor: 1200, currency: 'EUR' };
    show({ ...empty, tasks: [task({ reward: eur, activeMs: 90_000 })], rates: rates({ exchangeRates: [rate] }) });
    expect(text('.open-tasks .left')).toEqual(['overlayLeft(1:48:50|€6.53)']);
    const mark = document.querySelector('.open-tasks .converted') as HTMLElement;
    expect([mark.textContent, mark.title, mark.getAttribute('aria-label'), mark.tabIndex]).toEqual(['trueRateConverted', 'convertedAt(1 USD = 0.9 EUR)', 'convertedAt(1 USD = 0.9 EUR)', 0]);
    cleanup();
    show({ ...empty, tasks: [task({ reward: usd(1200), activeMs: 90_000 })], rates: rates({ exchangeRates: [rate] }) });
    expect(document.querySelector('.open-tasks .converted')).toBeNull();
  });
});

describe("the popup's summary of today", () => {
  it('leads with the true rate, told in words as well as colour, then earnings and the time worked', () => {
    show({ ...empty, day: day({ earnings: [usd(270)], trueRate: { rate: usd(540), converted: false } }) });
    expect(text('.summary-figures dt')).toEqual(['summaryTrueRate', 'summaryEarned', 'summaryWorked']);
    expect(text('.summary-rate')).toEqual(['perHour($5.40)']);
    expect(document.querySelector('.summary .band')!.textContent).toBe('▼bandUnder');
    expect(text('.summary-earned')).toEqual(['$2.70']);
    // Worked = paid + unpaid + platform time (what the true rate divides); idle is not work.
    expect(text('.summary-worked')).toEqual(['30:00']);
    expect(document.querySelector('.summary .converted')).toBeNull();
  });

  it.each([
    [900, '●bandBetween'],
    [1000, '▲bandGood'],
  ])('bands a true rate of %i cents an hour as %s', (minor, badge) => {
    show({ ...empty, day: day({ earnings: [usd(100)], trueRate: { rate: usd(minor), converted: false } }) });
    expect(document.querySelector('.summary .band')!.textContent).toBe(badge);
  });

  it('shows no true rate from a few seconds of work (a rate after a minute, as for a task)', () => {
    const time = { paidActiveMs: 0, unpaidActiveMs: 0, platformMs: 40_000, idleMs: 0 };
    show({ ...empty, day: day({ time, trueRate: { rate: usd(0), converted: false } }) });
    expect(text('.summary-rate')).toEqual(['rateAfterMinute']);
    expect(document.querySelector('.summary .band')).toBeNull();
  });

  it('converts the earnings to the display currency with the exchange rates and marks the converted part with its rate', () => {
    const rate = { from: 'GBP', to: 'USD', rate: 1.27 };
    const f = day({ earnings: [gbp(1000), usd(300)], trueRate: { rate: usd(3140), converted: true, rates: [rate] } });
    show({ ...empty, day: f, rates: rates({ exchangeRates: [rate] }) });
    expect(text('.summary-earned')).toEqual(['$15.70']);
    const marks = [...document.querySelectorAll('.summary .converted')] as HTMLElement[];
    expect(marks.map((m) => m.getAttribute('title'))).toEqual(['convertedAt(1 GBP = 1.27 USD)', 'convertedAt(£10.00 → $12.70 (1 GBP = 1.27 USD))']);
    // On focus as on hover: each mark is reachable with the keyboard and read with its rates.
    expect(marks.map((m) => [m.tabIndex, m.getAttribute('aria-label') === m.getAttribute('title')])).toEqual([[0, true], [0, true]]);
    expect(document.querySelector('.summary .band')!.getAttribute('data-band')).toBe('good');
  });

  it('gives each converted figure the date its exchange rate was entered, on hover and focus', () => {
    const rate = { from: 'GBP', to: 'USD', rate: 1.27, enteredAt: Date.UTC(2026, 2, 3, 12) };
    const f = day({ earnings: [gbp(1000), usd(300)], trueRate: { rate: usd(3140), converted: true, rates: [rate] } });
    show({ ...empty, day: f, rates: rates({ exchangeRates: [rate] }) });
    const marks = [...document.querySelectorAll('.summary .converted')] as HTMLElement[];
    expect(marks.map((m) => m.getAttribute('title'))).toEqual([
      'convertedAt(rateWithDate(1 GBP = 1.27 USD|Mar 3, 2026))',
      'convertedAt(£10.00 → $12.70 (rateWithDate(1 GBP = 1.27 USD|Mar 3, 2026)))',
    ]);
    expect(marks.every((m) => m.getAttribute('aria-label') === m.getAttribute('title'))).toBe(true);
  });

  it('shows the amounts per currency and says which exchange rate is missing, with no band for a rate it cannot tell', () => {
    const f = day({ earnings: [gbp(1000), usd(300)], trueRate: { missing: ['GBP'], currency: 'USD' } });
    show({ ...empty, day: f }, 'fr');
    expect(text('.summary-earned')).toEqual(['10,00 £GB + 3,00 $US']);
    expect(text('.summary-figures .missing')).toEqual(['rateMissingShort(GBP → USD)', 'rateMissingShort(GBP → USD)']);
    expect(document.querySelector('.summary .band')).toBeNull();
    expect(document.querySelector('.summary .converted')).toBeNull();
  });

  it('says what to do when nothing happened today, and that nothing is finished while a task is under way', () => {
    show(empty);
    expect(text('.summary .empty')).toEqual(['summaryEmpty']);
    expect(text('.open-tasks .empty')).toEqual(['noTasksYet']);
    expect(text('.balances .empty')).toEqual(['balancesEmpty']);
    cleanup();
    show({ ...empty, tasks: [task({ activeMs: 90_000 })] });
    expect(document.querySelector('.summary .empty')).toBeNull();
    expect(text('.summary-earned')).toEqual(['nothingToday']);
    expect(text('.summary-open')).toEqual(['summaryOpenTime(1:30)']);
  });

  it('keeps the figures per platform on demand, under the summary', () => {
    const f = day({ earnings: [usd(100)] });
    show({ ...empty, day: f, today: [{ platform: 'mturk', totals: {} as never, figures: f }] });
    const details = document.querySelector('.summary details.by-platform') as HTMLDetailsElement;
    expect([details.open, details.querySelector('summary')!.textContent]).toEqual([false, 'byPlatform']);
    expect(details.querySelector('[data-platform="mturk"] dt')!.textContent).toBe('Amazon Mechanical Turk');
  });
});

describe("the popup's open tasks", () => {
  it('tick each second while the popup is open: the running task in front, not the others', () => {
    const at = Date.UTC(2026, 10, 30, 14, 0, 0);
    vi.useFakeTimers({ now: at, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const tasks = [task({ taskId: 'F', front: true, running: true, activeMs: 58_000 }), task({ taskId: 'B', activeMs: 10_000 })];
    show({ ...empty, at, tasks });
    const active = () => text('.tasks .active');
    expect(active()).toEqual(['activeShort(0:58)', 'activeShort(0:10)']);
    act(() => void vi.advanceTimersByTime(3_000));
    expect(active()).toEqual(['activeShort(1:01)', 'activeShort(0:10)']);
    expect(text('.summary-open')).toEqual(['summaryOpenTime(1:11)']);
  });

  it('lead with the time left at the minimum, then show the rate and its band in words after a minute', () => {
    const at = Date.UTC(2026, 10, 30, 14, 0, 0);
    vi.useFakeTimers({ now: at, toFake: ['Date', 'setInterval', 'clearInterval'] });
    // $0.50 at $7.25/h lasts 4:08 (to the half cent); after a minute it pays $30.00/h: at or above the target.
    show({ ...empty, at, tasks: [task({ front: true, running: true, activeMs: 59_000 })] });
    expect(text('.tasks .task-rate')).toEqual(['overlayLeft(3:09|$7.25)']);
    act(() => void vi.advanceTimersByTime(1_000));
    expect(text('.tasks .left')).toEqual(['overlayLeft(3:08|$7.25)']);
    expect(text('.tasks .rate')).toEqual(['perHour($30.00)']);
    expect(document.querySelector('.tasks .band')!.textContent).toBe('▲bandGood');
  });

  it('show a rate under the minimum alone, as the warning, in words', () => {
    show({ ...empty, tasks: [task({ reward: usd(5), activeMs: 2 * MIN })] });
    expect(text('.tasks .task-rate')).toEqual(['perHour($1.50) ▼bandUnder']);
    expect(document.querySelector('.tasks .rate')!.className).toBe('rate rate-under');
  });

  it("count a running manual timer's time with theirs in the summary, ticking", () => {
    const at = Date.UTC(2026, 10, 30, 14, 0, 0);
    vi.useFakeTimers({ now: at, toFake: ['Date', 'setInterval', 'clearInterval'] });
    const manual = { key: 'manual:1', title: 'Transcript', running: true, activeMs: 60_000, at, currency: 'USD', currencies: ['USD'] };
    show({ ...empty, at, manual, tasks: [task({ activeMs: 10_000 })] });
    expect(text('.summary-open')).toEqual(['summaryOpenTime(1:10)']);
    act(() => void vi.advanceTimersByTime(2_000));
    expect(text('.summary-open')).toEqual(['summaryOpenTime(1:12)']);
  });

  it('stand still when no task is in front', () => {
    const at = Date.UTC(2026, 10, 30, 14, 0, 0);
    vi.useFakeTimers({ now: at, toFake: ['Date', 'setInterval', 'clearInterval'] });
    show({ ...empty, at, tasks: [task({ activeMs: 10_000 })] });
    act(() => void vi.advanceTimersByTime(5_000));
    expect(text('.tasks .active')).toEqual(['activeShort(0:10)']);
  });
});
