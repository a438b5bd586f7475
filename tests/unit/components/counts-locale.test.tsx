// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DayTable } from '../../../components/DayTable';
import { SessionsTable } from '../../../components/history/stats/SessionsTable';
import { FiguresTable } from '../../../components/history/stats/FiguresTable';
import { RequestersTable } from '../../../components/history/stats/RequestersTable';
import type { GroupFigures } from '../../../lib/domain/history-figures';
import { setTranslator } from '../../../lib/i18n';
import { figures, frenchTranslator, morning, plain, usd } from './period-fixtures';

// A year of MTurk is thousands of HITs: the counts in the history's tables and the popup's days are written as the
// worker's language writes numbers ("1 234" in French, "1,234" in English), as the money and the history's own
// count ("1 234 tâches affichées") already are, never as bare digits.
beforeEach(() => setTranslator(frenchTranslator(), 'fr'));
afterEach(() => {
  cleanup();
  setTranslator();
});

const settings = { displayCurrency: 'USD', exchangeRates: [] };
const f = figures({ earnings: [usd(123_400)] });
const group: GroupFigures = { from: '2026-01-01', to: '2026-12-31', figures: f, tasksDone: 1234, decided: 1500, rejected: 12, rejectionRate: 12 / 1500, delays: { count: 1480, medianMs: 2 * 86_400_000 } };
const text = (selector: string) => plain(document.querySelector(selector)?.textContent);

describe('counts in the figures, in the worker’s language', () => {
  it('the history’s figures by period: tasks done, rejections of decided, and the delays a median is made of', () => {
    render(<FiguresTable groups={[group]} total={group} grouping="month" inProgressMs={0} settings={settings} locale="fr-FR" />);
    expect(text('tbody .tasks-done')).toBe('1 234');
    expect(text('tbody .rejected')).toBe('12 sur 1 500 (0,8 %)');
    expect(text('tbody .delay')).toBe('2 jours (médiane de 1 480)');
    expect(text('tfoot .tasks-done')).toBe('1 234');
  });

  it('the requesters and the sessions', () => {
    render(<RequestersTable requesters={[{ ...group, platform: 'mturk', requester: 'A1', name: 'Lab', tasks: 1234 }]} settings={settings} locale="fr-FR" />);
    expect(text('.tasks-done')).toBe('1 234');
    cleanup();
    render(<SessionsTable sessions={[{ ...morning, tasksDone: 1234 }]} settings={settings} locale="fr-FR" />);
    expect(text('.tasks-done')).toBe('1 234');
  });

  it('the popup’s days of a month', () => {
    render(<DayTable days={[{ day: '2026-11-30', figures: f, tasksDone: 1234 }]} locale="fr-FR" />);
    expect(text('.tasks-done')).toBe('1 234');
  });
});
