// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PeriodSection, type PeriodState } from '../../../components/PeriodSection';
import { PopupView } from '../../../components/PopupView';
import type { PeriodKind } from '../../../lib/domain/periods';
import { setTranslator } from '../../../lib/i18n';
import type { PeriodView, PopupData } from '../../../lib/messaging';
import { afternoon, at, dayView, emptyView, figures, frenchTranslator, hostile, MIN, morning, plain, usd, weekView } from './period-fixtures';

// Translations as keys with their substitutions: the tests read which message is shown, not its wording.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
  vi.useRealTimers();
});

const state = (view: PeriodView | null, kind: PeriodKind = view?.kind ?? 'day'): PeriodState => ({ kind, view, at: at(14, 40) });
const show = (view: PeriodView | null, props: { onKind?: (k: PeriodKind) => void; locale?: string; live?: boolean } = {}) =>
  render(<PeriodSection period={state(view)} locale={props.locale ?? 'en'} onKind={props.onKind ?? (() => {})} live={props.live ?? false} />);
const text = (selector: string, root: ParentNode = document) => plain(root.querySelector(selector)?.textContent);
const texts = (selector: string, root: ParentNode = document) => [...root.querySelectorAll(selector)].map((e) => plain(e.textContent));

describe('the period switch', () => {
  it('offers today, this week and this month as tabs, today chosen, and asks for the period clicked', () => {
    const onKind = vi.fn();
    show(dayView, { onKind });
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['today', 'thisWeek', 'thisMonth']);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    // One tab stop: the chosen tab; the panel is labelled by it.
    expect(tabs.map((t) => t.tabIndex)).toEqual([0, -1, -1]);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tabs[0]!.id);
    fireEvent.click(tabs[1]!);
    expect(onKind).toHaveBeenCalledWith('week');
    fireEvent.click(tabs[0]!);
    expect(onKind).toHaveBeenCalledTimes(1);
  });

  it('moves with the arrow keys, Home and End, and takes the focus along', () => {
    const onKind = vi.fn();
    const { rerender } = show(dayView, { onKind });
    fireEvent.keyDown(screen.getByRole('tab', { name: 'today' }), { key: 'ArrowRight' });
    expect(onKind).toHaveBeenLastCalledWith('week');
    expect(document.activeElement?.textContent).toBe('thisWeek');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'today' }), { key: 'ArrowLeft' });
    expect(onKind).toHaveBeenLastCalledWith('month');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'today' }), { key: 'End' });
    expect(onKind).toHaveBeenLastCalledWith('month');
    rerender(<PeriodSection period={state(null, 'month')} locale="en" onKind={onKind} />);
    expect(screen.getByRole('tab', { name: 'thisMonth' }).getAttribute('aria-selected')).toBe('true');
    // The month is loading: the panel says so rather than showing the day's figures under the month's tab.
    expect(screen.getByRole('tabpanel').textContent).toBe('loading');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'thisMonth' }), { key: 'Home' });
    expect(onKind).toHaveBeenLastCalledWith('day');
    expect(onKind).toHaveBeenCalledTimes(4);
  });
});

describe('a period', () => {
  it("shows the day's range, earnings, rates, tasks done and its four parts with the time in progress", () => {
    show(dayView);
    expect(text('.range')).toBe('Monday, November 30, 2026');
    expect(text('.period-summary .earned')).toBe('£3.00 + $1.20');
    expect(texts('.period-summary .effective-rate')).toEqual(['effectiveRate(£9.00)', ' · effectiveRate($12.00)']);
    expect(text('.period-summary .true-rate')).toBe(' · trueRate($7.88) trueRateConverted');
    expect(document.querySelector('.period-summary .converted')!.getAttribute('title')).toBe('convertedAt(1 GBP = 1.27 USD)');
    expect(text('.period-summary .tasks-done')).toBe('tasksDone_other(3)');
    const parts = [...document.querySelectorAll('.parts > div')].map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent]);
    expect(parts).toEqual([
      ['partPaid', '26:00'],
      ['partUnpaid', '2:00'],
      ['partPlatform', '9:00'],
      ['partWorked', '37:00'],
      ['partIdle', '0:30'],
      ['partInProgress', '3:00'],
    ]);
    // A day needs no table of its days.
    expect(document.querySelector('table.days')).toBeNull();
  });

  it('lists the days of a week with their earnings, time worked, tasks and true rate', () => {
    show(weekView);
    expect(text('.range')).toBe('Nov 30 – Dec 6, 2026');
    const rows = [...document.querySelectorAll('table.days tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-period-day'))).toEqual(['2026-11-30', '2026-12-01']);
    expect(rows.map((r) => texts('th, td', r))).toEqual([
      ['Mon, Nov 30', '$2.00', '14:00', '2', 'perHour($8.00)'],
      ['Tue, Dec 1', '$3.00', '20:00', '3', 'perHour($8.00)'],
    ]);
    expect(texts('table.days thead th')).toEqual(['dayColumn', 'earnedColumn', 'workedColumn', 'tasksColumn', 'trueRateColumn']);
    // No time in progress: no such row.
    expect(document.querySelector('.parts .in-progress')).toBeNull();
  });

  it('says which exchange rate is missing for a true rate over several currencies, in the period and in a day', () => {
    show({ ...dayView, figures: { ...dayView.figures!, trueRate: { missing: ['GBP'], currency: 'USD' } } });
    expect(text('.period-summary .true-rate')).toBe(' · trueRateMissing(GBP → USD)');
    cleanup();
    const [first, second] = weekView.days;
    const mixed = { ...first!, figures: { ...first!.figures, trueRate: { missing: ['GBP'], currency: 'USD' } } };
    const converted = { ...second!, figures: { ...second!.figures, trueRate: { rate: { minor: 950, currency: 'USD' }, converted: true as const, rates: [{ from: 'GBP', to: 'USD', rate: 1.27 }] } } };
    show({ ...weekView, days: [mixed, converted] });
    expect(texts('table.days .true-rate')).toEqual(['rateMissingShort(GBP → USD)', 'perHour($9.50) trueRateConverted']);
    expect(document.querySelector('table.days .converted')!.getAttribute('title')).toBe('convertedAt(1 GBP = 1.27 USD)');
  });

  it('shows "nothing earned" plainly rather than as a headline', () => {
    show({ ...dayView, figures: { ...dayView.figures!, earnings: [] } });
    expect(document.querySelector('.headline .earned')!.className).toBe('earned none');
    expect(text('.headline .earned')).toBe('nothingEarned');
  });
});

describe('the sessions of a period', () => {
  it('shows each session: start–end in local time, platforms, earnings, tasks done, its parts and rates', () => {
    show(dayView);
    expect(text('#period-panel h3')).toBe('sessionsTitle_other(2)');
    // Newest first.
    const [second, first] = [...document.querySelectorAll('.session')];
    expect(text('.when', first)).toBe('9:02 – 9:30 AM');
    expect(text('.platforms', first)).toBe('Amazon Mechanical Turk');
    expect(text('.earned', first)).toBe('$1.20');
    expect(text('.tasks-done', first)).toBe('tasksDone_other(2)');
    expect(text('.parts-inline', first)).toBe('paidActive(6:00) · unpaidActive(2:00) · platformTime(4:00) · idleShort(0:30)');
    expect(text('.rates', first)).toBe('effectiveRate($12.00) · trueRate($6.00)');
    expect(text('.when', second)).toBe('2:00 – 2:40 PM');
    expect(text('.platforms', second)).toBe('Prolific, Amazon Mechanical Turk');
    expect(text('.parts-inline', second)).toContain(' · inProgress(3:00)');
  });

  it('expands a session to its tasks: title as text, platform, outcome, active and idle time, reward and rate', () => {
    show(dayView);
    const details = document.querySelector('.session:last-child details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(text('summary', details)).toBe('sessionTasks_other(2)');
    details.open = true;
    const rows = [...details.querySelectorAll('li')];
    expect(rows.map((r) => r.getAttribute('data-task-key'))).toEqual(['mturk:A1', 'mturk:A2']);
    expect(rows[0]!.querySelector('.title')!.textContent).toBe(hostile);
    expect(details.querySelector('img, b')).toBeNull();
    expect(text('.times', rows[0])).toBe('Amazon Mechanical Turk · statusSubmitted · activeShort(6:00) · idleShort(0:30) · perHour($12.00)');
    expect(text('.reward', rows[0])).toBe('$1.20');
    // A returned task pays nothing: no rate.
    expect(text('.times', rows[1])).toBe('Amazon Mechanical Turk · statusReturned · activeShort(2:00) · idleShort(0:00)');
    const open = [...document.querySelectorAll('.session')][0]!.querySelectorAll('li')[1]!;
    expect(text('.outcome', open)).toBe('statusOpen');
  });

  it('lists the sessions newest first in a month, as in a day', () => {
    const earlier = { ...morning, start: at(9, 2) - 2 * 86_400_000, end: at(9, 30) - 2 * 86_400_000 };
    show({ ...weekView, kind: 'month', from: '2026-11-01', to: '2026-11-30', sessions: [earlier, morning, afternoon] });
    expect(texts('.session .when')).toEqual(['Mon, Nov 30, 2:00 – 2:40 PM', 'Mon, Nov 30, 9:02 – 9:30 AM', 'Sat, Nov 28, 9:02 – 9:30 AM']);
    cleanup();
    show(dayView);
    expect(texts('.session .when')).toEqual(['2:00 – 2:40 PM', '9:02 – 9:30 AM']);
  });

  it('shows no rate for a session with only time in progress, nor for the period, until time counts', () => {
    // Nothing finished: no part holds time (a few hundred ms of platform time at most), the rest is in progress.
    const underWay = { ...afternoon, tasksDone: 0, inProgressMs: 4 * MIN, figures: figures({ time: { paidActiveMs: 0, unpaidActiveMs: 0, platformMs: 400, idleMs: 0 }, trueRate: { rate: usd(0), converted: false } }) };
    show({ ...emptyView('day'), inProgressMs: 4 * MIN, figures: underWay.figures, sessions: [underWay] });
    expect(texts('.rates')).toEqual(['noRateYet', 'noRateYet']);
    expect(document.body.textContent).not.toContain('trueRate(');
  });

  it('dates each session in a week', () => {
    show(weekView);
    expect(text('.session .when')).toBe('Mon, Nov 30, 9:02 – 9:30 AM');
  });

  it('says a session held only platform pages instead of an empty list of tasks', () => {
    show({ ...dayView, sessions: [{ ...morning, tasks: [], tasksDone: 0 }] });
    expect(document.querySelector('.session details')).toBeNull();
    expect(text('.session .platform-only')).toBe('sessionPlatformOnly');
  });

  it('notes work that crossed midnight, and only then', () => {
    const { rerender } = show(dayView);
    expect(document.querySelector('.midnight')).toBeNull();
    rerender(<PeriodSection period={state({ ...dayView, crossesMidnight: true })} locale="en" onKind={() => {}} />);
    expect(document.querySelector('.midnight')!.getAttribute('role')).toBe('note');
    expect(text('.midnight')).toBe('crossesMidnight');
  });

  it('moves the time under way on each second while a task is in front, and stops when none is', () => {
    vi.useFakeTimers({ now: at(14, 40), toFake: ['Date', 'setInterval', 'clearInterval'] });
    const { rerender } = show({ ...dayView, sessions: [morning, { ...afternoon, end: at(14, 40) }] }, { live: true });
    act(() => void vi.advanceTimersByTime(5_000));
    expect(text('.parts .in-progress')).toBe('3:05');
    expect(text('.session:first-child .in-progress')).toBe(' · inProgress(3:05)');
    expect(text('.session:first-child .when')).toBe('2:00 – 2:40 PM');
    act(() => void vi.advanceTimersByTime(60_000));
    expect(text('.session:first-child .when')).toBe('2:00 – 2:41 PM');
    // The earlier session and the finished parts do not move.
    expect(text('.session:last-child .parts-inline')).toBe('paidActive(6:00) · unpaidActive(2:00) · platformTime(4:00) · idleShort(0:30)');
    expect(text('.parts .paid-active')).toBe('26:00');
    rerender(<PeriodSection period={state({ ...dayView, sessions: [morning, { ...afternoon, end: at(14, 40) }] })} locale="en" onKind={() => {}} live={false} />);
    expect(text('.parts .in-progress')).toBe('3:00');
  });
});

describe('empty states and errors', () => {
  it('tells the worker what to do next when the period is empty, per period', () => {
    for (const kind of ['day', 'week', 'month'] as const) {
      cleanup();
      show(emptyView(kind));
      expect(text('#period-panel .empty')).toBe({ day: 'periodEmptyDay', week: 'periodEmptyWeek', month: 'periodEmptyMonth' }[kind]);
      expect(document.querySelector('.period-summary, .sessions')).toBeNull();
    }
  });

  it('says how sessions appear when the period has figures but no session', () => {
    show({ ...weekView, sessions: [] });
    expect(text('#period-panel h3')).toBe('sessionsTitle_other(0)');
    expect(text('#period-panel .empty')).toBe('noSessions');
  });

  it('says that nothing is finished yet while work is under way', () => {
    show({ ...emptyView('day'), inProgressMs: 4 * MIN, sessions: [{ ...afternoon, tasksDone: 0 }] });
    expect(text('.period-summary .muted')).toBe('nothingFinishedYet');
    expect(text('.parts .in-progress')).toBe('4:00');
  });

  it('shows loading, then a failure in words', () => {
    const { rerender } = show(null);
    expect(screen.getByRole('tabpanel').getAttribute('aria-busy')).toBe('true');
    rerender(<PeriodSection period={{ ...state(null), error: 'boom' }} locale="en" onKind={() => {}} />);
    expect(screen.getByRole('alert').textContent).toBe('loadFailed(boom)');
  });
});

describe('in French', () => {
  it('reads in French, with French dates, times and money', () => {
    setTranslator(frenchTranslator());
    show(dayView, { locale: 'fr' });
    expect(texts('[role="tab"]')).toEqual(['Aujourd’hui', 'Cette semaine', 'Ce mois-ci']);
    expect(text('.range')).toBe('lundi 30 novembre 2026');
    expect(text('.period-summary .earned')).toBe('3,00 £GB + 1,20 $US');
    expect(text('.period-summary .tasks-done')).toBe('3 tâches terminées');
    expect(text('.parts dt')).toBe('Travail payé');
    expect(text('.session:last-child .when')).toBe('09:02 – 09:30');
    expect(text('.session:last-child .parts-inline')).toBe('6:00 de travail payé · 2:00 non payé · 4:00 sur les pages des plateformes · 0:30 inactif');
    expect(text('.session:last-child summary')).toBe('2 tâches');
    expect(text('.session:last-child li .outcome')).toBe('soumise, en attente');
    cleanup();
    show(emptyView('day'), { locale: 'fr' });
    expect(text('#period-panel .empty')).toMatch(/^Ouvrez une tâche sur MTurk ou Prolific, ou lancez le minuteur manuel/);
  });
});

describe('in the popup', () => {
  const data: PopupData = { tasks: [], today: [], day: null, balances: [], pending: { items: [], total: 0 }, quarantined: 0, manual: null };

  it('comes after the summary and the open tasks and before the balances, when the popup gives it a period', () => {
    const { rerender } = render(<PopupView data={data} locale="en" onOpenOptions={() => {}} />);
    expect(document.querySelector('#period-title')).toBeNull();
    rerender(<PopupView data={data} locale="en" onOpenOptions={() => {}} period={state(dayView)} onPeriod={() => {}} />);
    expect([...document.querySelectorAll('h2')].map((h) => h.id)).toEqual(['today-title', 'tasks-title', 'period-title', 'balances-title']);
  });
});
