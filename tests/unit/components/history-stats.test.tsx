// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chartData } from '../../../components/history/stats/chart-options';
import { canDraw } from '../../../components/history/stats/HistoryChart';
import { HistoryStats } from '../../../components/history/stats/HistoryStats';
import { defaultQuery } from '../../../components/history/stats/stats-format';
import type { ConversionSettings } from '../../../lib/domain/figures';
import { chartSeries } from '../../../lib/domain/history-chart';
import { everyGroup, groupFigures, totalFigures, type FiguresQuery } from '../../../lib/domain/history-figures';
import { requesterFigures, type RequesterRow } from '../../../lib/domain/requester-figures';
import { recompute, type SummaryTask } from '../../../lib/domain/summary';
import { setTranslator } from '../../../lib/i18n';
import type { HistoryFigures } from '../../../lib/storage/history-figures-load';
import { frenchTranslator, hostile, plain } from './period-fixtures';

// The history's "Figures" tab: its tables from figures computed by lib/domain (hand-made days), its period
// control, and charts that draw nothing where there is no canvas (happy-dom) while their data is checked.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

const MIN = 60_000;
const DAY = 86_400_000;
const usd = (minor: number) => ({ minor, currency: 'USD' });
const gbp = (minor: number) => ({ minor, currency: 'GBP' });
const at = (iso: string) => Date.parse(iso);
const withRate: ConversionSettings = { displayCurrency: 'USD', exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.25 }] };
const noRate: ConversionSettings = { displayCurrency: 'USD', exchangeRates: [] };
const query: FiguresQuery = { from: '2026-11-27', to: '2026-11-28', grouping: 'day', firstDay: 1 };

const task = (over: Partial<SummaryTask>): SummaryTask => ({
  platform: 'mturk', status: 'submitted', endedAt: at('2026-11-27T10:00Z'), reward: null, activeMs: 0, idleMs: 0, ...over,
});
/** Friday 27th: a $4.00 HIT over 30 min, a £3.00 study over 20 min, 3 min on MTurk's pages, 2 min idle. */
const aggregates = recompute(
  [task({ reward: usd(400), activeMs: 30 * MIN, idleMs: 2 * MIN }), task({ platform: 'prolific', reward: gbp(300), activeMs: 20 * MIN })],
  [{ platform: 'mturk', start: { wall: at('2026-11-27T09:12Z') }, ms: 3 * MIN }],
  'UTC',
);
const requesterRow = (over: Partial<RequesterRow>): RequesterRow => ({
  platform: 'mturk', requesterName: hostile, requesterId: 'A1', requester: 'A1', status: 'approved', reward: usd(100),
  activeMs: 10 * MIN, idleMs: 0, day: '2026-11-27', endedAt: at('2026-11-27T10:00Z'), ...over,
});
const approved = at('2026-11-27T12:00Z');
/** Three approvals of requester A1 seen on the 27th, of HITs submitted 1, 2 and 2 days before. */
const approvals = [1, 2, 2].map((d) => ({ platform: 'mturk', requesterId: 'A1', at: approved, submittedAt: approved - d * DAY }));
const rows = [requesterRow({}), requesterRow({}), requesterRow({}), requesterRow({ status: 'rejected' })];

function figuresOf(settings: ConversionSettings, q: FiguresQuery = query): HistoryFigures {
  const data = { aggregates, rows, approvals };
  const groups = groupFigures(q, data, settings, 'UTC');
  return {
    query: q, groups, total: totalFigures(q, data, settings), inProgressMs: 0, sessions: [],
    requesters: requesterFigures(rows, approvals, settings), chart: chartSeries(everyGroup(q, groups, settings), settings), conversion: settings,
  };
}

const show = (data: HistoryFigures | null, over: { onQuery?: (q: FiguresQuery) => void; locale?: string; q?: FiguresQuery } = {}) =>
  render(<HistoryStats query={over.q ?? query} data={data} today="2026-11-27" locale={over.locale ?? 'en'} onQuery={over.onQuery ?? (() => {})} />);
const cells = (row: Element | null | undefined) => [...(row?.children ?? [])].map((c) => plain(c.textContent));

describe('the figures table', () => {
  it('shows a day across MTurk and Prolific: earnings per currency with their converted total, the four parts and both rates', () => {
    show(figuresOf(withRate));
    const friday = document.querySelector('.figures-table tbody tr[data-group="2026-11-27"]');
    expect(cells(friday)).toEqual([
      'Fri, Nov 27, 2026',
      // £3.00 + $4.00; at 1.25, £3.00 is $3.75: $7.75, marked as converted.
      '£3.00 + $4.00= $7.75 trueRateConverted',
      '50:00', '0:00', '3:00', '2:00',
      // Per currency: £3.00 / 20 min, $4.00 / 30 min.
      'perHour(£9.00)perHour($8.00)',
      // $7.75 over 53 min of work (idle left out): $8.77/h, converted.
      'perHour($8.77) trueRateConverted',
      '2',
      // Of A1's four tasks, three approved and one rejected; its three delays: median 2 days.
      'rejectedOf(1|4|25%)',
      'delayMedian(2 days|3)',
    ]);
    // The rates used show on hover and focus.
    expect(friday!.querySelector('.converted')!.getAttribute('title')).toBe('convertedAt(£3.00 → $3.75 (1 GBP = 1.25 USD))');
    expect(document.querySelector('.figures-table caption')!.textContent).toBe('figuresByDay');
    expect(cells(document.querySelector('.figures-table tfoot tr'))[0]).toBe('rangeTotal');
  });

  it('keeps the amounts per currency and says which exchange rate is missing, rather than a total or a true rate', () => {
    show(figuresOf(noRate));
    const friday = cells(document.querySelector('.figures-table tbody tr[data-group="2026-11-27"]'));
    expect(friday[1]).toBe('£3.00 + $4.00 rateMissingShort(GBP → USD)');
    expect(friday[7]).toBe('rateMissingShort(GBP → USD)');
  });

  it('names weeks by their days and headed by the grouping', () => {
    const q: FiguresQuery = { ...query, from: '2026-11-23', to: '2026-11-29', grouping: 'week' };
    show(figuresOf(withRate, q), { q });
    expect(document.querySelector('.figures-table caption')!.textContent).toBe('figuresByWeek');
    expect(cells(document.querySelector('.figures-table tbody tr'))[0]).toBe('Nov 23 – 29, 2026');
  });
});

describe('the requesters table', () => {
  it('shows a requester’s name as text, its rejection rate and its median approval delay', () => {
    show(figuresOf(withRate));
    const row = document.querySelector('.requesters-table tbody tr[data-requester="A1"]')!;
    expect(row.querySelector('img')).toBeNull();
    expect(row.querySelector('.requester-name')!.textContent).toBe(hostile);
    expect(cells(row).slice(1)).toEqual(['4', '$3.00', '30:00', '10:00', 'perHour($6.00)', 'rejectedOf(1|4|25%)', 'delayMedian(2 days|3)']);
  });
});

describe('the period control', () => {
  it('asks for another grouping, another range (turned round if backwards) and this week from the locale’s first day', () => {
    const onQuery = vi.fn();
    show(figuresOf(withRate), { onQuery });
    fireEvent.click(screen.getByRole('radio', { name: 'groupByMonth' }));
    expect(onQuery).toHaveBeenLastCalledWith({ ...query, grouping: 'month' });
    fireEvent.change(screen.getByLabelText('rangeFrom'), { target: { value: '2026-12-05' } });
    expect(onQuery).toHaveBeenLastCalledWith({ ...query, from: '2026-11-28', to: '2026-12-05' });
    fireEvent.change(screen.getByLabelText('rangeTo'), { target: { value: '' } });
    expect(onQuery).toHaveBeenCalledTimes(2);
    fireEvent.click(screen.getByRole('button', { name: 'thisWeek' }));
    expect(onQuery).toHaveBeenLastCalledWith({ ...query, from: '2026-11-23', to: '2026-11-29' });
    // A Sunday-first locale's week: Sunday 22nd to Saturday 28th.
    expect(defaultQuery('2026-11-27', 'en-US').firstDay).toBe(7);
    expect(defaultQuery('2026-11-27', 'fr-FR')).toEqual({ from: '2026-11-01', to: '2026-11-27', grouping: 'day', firstDay: 1 });
  });

  it('says when the figures load, and gives a next step for an empty range', () => {
    const { rerender } = show(null);
    expect(screen.getByRole('status').textContent).toBe('loading');
    const empty: HistoryFigures = { ...figuresOf(withRate), groups: [], total: null, requesters: [] };
    rerender(<HistoryStats query={query} data={empty} today="2026-11-27" locale="en" onQuery={() => {}} />);
    expect(plain(document.querySelector('.empty')!.textContent)).toBe('figuresEmpty(Nov 27 – 28, 2026)');
    // Only a task under way: not empty; its time shows in progress.
    rerender(<HistoryStats query={query} data={{ ...empty, inProgressMs: 20 * MIN }} today="2026-11-27" locale="en" onQuery={() => {}} />);
    expect(document.querySelector('.history-stats > .empty')).toBeNull();
    expect(cells(document.querySelector('.figures-table tfoot tr.in-progress'))).toEqual(['partInProgress', '20:00']);
  });
});

describe('the charts', () => {
  it('draw nothing where no canvas can be drawn (happy-dom), the tables standing for them', () => {
    expect(canDraw()).toBe(false);
    show(figuresOf(withRate));
    expect(document.querySelector('figure.chart')).toBeNull();
    expect(document.querySelector('canvas')).toBeNull();
  });

  it('are given the table’s numbers: earnings and true rate per day, the parts stacked top band first', () => {
    const f = figuresOf(withRate);
    expect(chartData('earnings', f.chart)).toEqual([[0, 1], [7.75, 0], [8.77, null]]);
    const [x, idle, platform, unpaid, paid] = chartData('parts', f.chart) as number[][];
    expect(x).toEqual([0, 1]);
    // Friday: 50 min paid, no unpaid, 3 min platform, 2 min idle → drawn up to 50, 50, 53 and 55 minutes.
    expect([paid![0], unpaid![0], platform![0], idle![0]].map((h) => Math.round(h! * 60))).toEqual([50, 50, 53, 55]);
    expect([paid![1], idle![1]]).toEqual([0, 0]);
  });
});

describe('in French', () => {
  it('writes the figures with French words, numbers and dates', () => {
    setTranslator(frenchTranslator(), 'fr-FR');
    show(figuresOf(withRate), { locale: 'fr-FR' });
    const friday = cells(document.querySelector('.figures-table tbody tr[data-group="2026-11-27"]'));
    expect(friday[0]).toBe('ven. 27 nov. 2026');
    expect(friday[1]).toBe('3,00 £GB + 4,00 $US= 7,75 $US converti');
    expect(friday[9]).toBe('1 sur 4 (25 %)');
    expect(friday[10]).toBe('2 jours (médiane de 3)');
    expect(screen.getByRole('radio', { name: 'Semaine' })).toBeTruthy();
  });
});

describe('the true rate cell', () => {
  it('shows no true rate for a session with only time in progress, as the popup does (no "$0.00/h")', async () => {
    const { TrueCell } = await import('../../../components/history/stats/cells');
    const time = { paidActiveMs: 0, unpaidActiveMs: 0, platformMs: 0, idleMs: 0, inProgressMs: 18_000 };
    const figures = { trueRate: { rate: usd(0), converted: false }, time, effective: [] } as unknown as Parameters<typeof TrueCell>[0]['figures'];
    render(<TrueCell figures={figures} locale="en" />);
    expect(document.body.textContent).toBe('—');
  });
});
