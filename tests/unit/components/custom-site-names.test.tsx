// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryView } from '../../../components/history/HistoryView';
import { StatementView } from '../../../components/data/StatementView';
import { PeriodSection } from '../../../components/PeriodSection';
import { PopupView } from '../../../components/PopupView';
import { taskCsvWords } from '../../../entrypoints/task-history/csv-words';
import { tasksCsv } from '../../../lib/data/tasks-csv';
import { statementCsv } from '../../../lib/data/statement-csv';
import { yearlyStatement } from '../../../lib/domain/statement';
import { platformName } from '../../../components/period-format';
import { setTranslator } from '../../../lib/i18n';
import type { BalanceView, PeriodView, PopupData } from '../../../lib/messaging';
import { setCustomSiteNames, type NamedRule } from '../../../lib/site-names';
import { row } from './history-fixtures';
import { at, dayView, figures, morning, usd } from './period-fixtures';

// The pages name a worker's custom site (`custom:<rule id>`) by the name the worker gave it, never by its id
// (random since ids stopped following the list: `site-k3j9x2ab`); a removed rule's tasks keep its id.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key), 'en'));
afterEach(() => {
  cleanup();
  setCustomSiteNames([]);
  setTranslator();
});

const HOSTILE = '<img src=x onerror=alert(1)>';
const rules: NamedRule[] = [
  { id: 'site-k3j9x2ab', name: 'Taskmill', match: 'https://tasks.example.net/task/*' },
  { id: 'clickworker', name: 'Clickworker jobs', match: 'https://workplace.clickworker.com/*' },
  { id: 'site-aaaa1111', name: 'Surveys', match: 'https://panel.example.net/*' },
  { id: 'site-bbbb2222', name: 'Surveys', match: 'https://*.surveys.example.org/*' },
  { id: 'site-hostile1', name: HOSTILE, match: 'https://hostile.example.com/*' },
];
const TASKMILL = 'custom:site-k3j9x2ab';
const GONE = 'custom:site-gone0000';
const texts = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent);

const balance = (platform: string): BalanceView => ({
  platform, currency: 'USD', pending: 150, presumablyApproved: 0, presumablyInReading: 0, withdrawable: null, withdrawableSince: null,
  paidOut: null, paidOutSince: null, withdrawableFrom: 'cash-out',
});
const popupData = (platforms: string[]): PopupData => ({
  tasks: [], day: figures({ earnings: [usd(100)] }), balances: platforms.map(balance), pending: { items: [], total: 0 }, quarantined: 0, manual: null, at: 0,
  today: platforms.map((platform) => ({ platform, totals: { tasks: 1, activeMs: 60_000, idleMs: 0, earnings: [usd(100)] } as never, figures: figures({ earnings: [usd(100)] }) })),
});
const periodWith = (platforms: string[]): PeriodView => ({
  ...dayView,
  sessions: [{ ...morning, start: at(9, 2), platforms, tasks: platforms.map((platform, i) => ({ ...morning.tasks[0]!, key: `${platform}:T${i}`, title: `Task ${i}`, platform })) }],
});

describe('the popup names custom sites', () => {
  it("by the worker's names in the day per platform, the balances and the sessions; a removed rule's tasks by its id", () => {
    setCustomSiteNames(rules);
    const platforms = [TASKMILL, 'custom:clickworker', GONE];
    render(<PopupView data={popupData(platforms)} locale="en" onOpenOptions={() => {}} />);
    expect(texts('.by-platform [data-platform] dt')).toEqual(['Taskmill', 'Clickworker jobs', 'site-gone0000']);
    expect(texts('.balance[data-platform] dt')).toEqual(['Taskmill', 'Clickworker jobs', 'site-gone0000']);
    cleanup();
    render(<PeriodSection period={{ kind: 'day', view: periodWith(platforms), at: at(14, 40) }} locale="en" onKind={() => {}} />);
    expect(texts('.session .platforms')).toEqual(['Taskmill, Clickworker jobs, site-gone0000']);
    expect(texts('.session li .platform')).toEqual(['Taskmill', 'Clickworker jobs', 'site-gone0000']);
  });

  it('tells two sites of one name apart by their hosts, and shows a name as text, never as markup', () => {
    setCustomSiteNames(rules);
    render(<PopupView data={popupData(['custom:site-aaaa1111', 'custom:site-bbbb2222', 'custom:site-hostile1'])} locale="en" onOpenOptions={() => {}} />);
    expect(texts('.by-platform [data-platform] dt')).toEqual([
      'customSiteWithHint(Surveys|panel.example.net)',
      'customSiteWithHint(Surveys|surveys.example.org)',
      HOSTILE,
    ]);
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('the history names custom sites', () => {
  const list = [
    row(0, { platform: TASKMILL, key: `${TASKMILL}:T0` }),
    row(1, { platform: 'custom:site-aaaa1111', key: 'custom:site-aaaa1111:T1' }),
    row(2, { platform: 'custom:site-bbbb2222', key: 'custom:site-bbbb2222:T2' }),
    row(3, { platform: GONE, key: `${GONE}:T3` }),
  ];
  const show = () =>
    render(<HistoryView rows={list} complete locale="en" today="2026-11-30" timeZone="UTC" opened={null} onOpen={() => {}} onClose={() => {}} />);

  it("in the platform column and the platform filter's choices, which still filter by the site", () => {
    setCustomSiteNames(rules);
    const { container } = show();
    const cells = [...container.querySelectorAll('.history-body [role="row"]')].map((r) => [r.getAttribute('data-key'), r.querySelector('[data-col="platform"]')?.textContent]);
    expect(Object.fromEntries(cells)).toEqual({
      [`${TASKMILL}:T0`]: 'Taskmill',
      'custom:site-aaaa1111:T1': 'customSiteWithHint(Surveys|panel.example.net)',
      'custom:site-bbbb2222:T2': 'customSiteWithHint(Surveys|surveys.example.org)',
      [`${GONE}:T3`]: 'site-gone0000',
    });
    const options = [...container.querySelectorAll('select[name="platform"] option')].map((o) => [(o as HTMLOptionElement).value, o.textContent]);
    expect(options.slice(1)).toEqual(
      expect.arrayContaining([
        [TASKMILL, 'Taskmill'],
        ['custom:site-aaaa1111', 'customSiteWithHint(Surveys|panel.example.net)'],
        ['custom:site-bbbb2222', 'customSiteWithHint(Surveys|surveys.example.org)'],
        [GONE, 'site-gone0000'],
      ]),
    );
    fireEvent.change(container.querySelector('select[name="platform"]')!, { target: { value: TASKMILL } });
    expect([...container.querySelectorAll('.history-body [role="row"]')].map((r) => r.getAttribute('data-key'))).toEqual([`${TASKMILL}:T0`]);
  });

  it("in the CSV export's platform column", () => {
    setCustomSiteNames(rules);
    const csv = tasksCsv(list, taskCsvWords(), 'UTC');
    const platforms = csv.split('\r\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]);
    expect(platforms).toEqual(['Taskmill', 'customSiteWithHint(Surveys|panel.example.net)', 'customSiteWithHint(Surveys|surveys.example.org)', 'site-gone0000']);
  });
});

describe('the statement names custom sites', () => {
  it('in its rows and its CSV', () => {
    setCustomSiteNames(rules);
    const input = {
      tasks: [TASKMILL, GONE].map((platform) => ({ platform, status: 'approved' as const, reward: usd(500), day: '2025-02-01', activeMs: 3_600_000 })),
      bonuses: [],
      transfers: [],
    };
    const statement = yearlyStatement(input, 2025, 'UTC', 'USD', []);
    render(<StatementView locale="en" years={[2025]} statement={statement} display="USD" rates={{}} onYear={() => {}} onRate={() => {}} onCsv={() => {}} onPrint={() => {}} />);
    expect(texts('tbody th[scope="row"]').sort()).toEqual(['Taskmill', 'site-gone0000'].sort());
    const csv = statementCsv(statement, { header: ['y', 'p', 'c', 'a', 'o', 't', 'h'], total: 'total', converted: 'converted', platformName });
    expect(csv).toContain(',Taskmill,');
    expect(csv).toContain(',site-gone0000,');
    expect(csv).not.toContain('site-k3j9x2ab');
  });
});
