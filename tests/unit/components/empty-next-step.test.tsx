// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryView } from '../../../components/history/HistoryView';
import { RequestersTable } from '../../../components/history/stats/RequestersTable';
import { SessionsTable } from '../../../components/history/stats/SessionsTable';
import { PageHealthCard } from '../../../components/PageHealthCard';
import { setTranslator, type Translator } from '../../../lib/i18n';
import { frenchTranslator } from './period-fixtures';

// STYLE.md: "An empty state is a next step, not a blank heading". Each of these, empty, tells the worker what to do,
// in English and in French (the real catalogues).
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Messages;
const english: Translator = (key, subs = []) =>
  en[key]!.message.replace(/\$(\w+)\$/g, (_, name: string) => subs[Number(en[key]!.placeholders![name.toLowerCase()]!.content.slice(1)) - 1] ?? '');
afterEach(() => {
  cleanup();
  setTranslator();
});

const settings = { displayCurrency: 'USD', exchangeRates: [] };
const empties: [string, () => void][] = [
  ['the history, filtered to nothing', () => {
    const row = { key: 'mturk:A1', platform: 'mturk', taskId: 'A1', title: 'Label images', requesterName: 'Lab', status: 'approved', activeMs: 60_000, idleMs: 0, firstSeenAt: 0 };
    const { container } = render(<HistoryView rows={[row as never]} complete locale="en" today="2026-11-30" opened={null} onOpen={() => {}} onClose={() => {}} />);
    fireEvent.input(container.querySelector('[name="text"]')!, { target: { value: 'nothing like this' } });
  }],
  ['the figures’ sessions', () => render(<SessionsTable sessions={[]} settings={settings} locale="en" />)],
  ['the figures’ requesters', () => render(<RequestersTable requesters={[]} settings={settings} locale="en" />)],
  ['the options’ health lines', () => render(<PageHealthCard health={{}} platforms={[{ id: 'mturk', name: 'Amazon Mechanical Turk' }]} locale="en" />)],
];
const emptyText = () => [...document.querySelectorAll('.empty, .muted')].map((p) => p.textContent).join(' ');

describe('empty states say what to do next', () => {
  it.each(empties)('%s, in English', (_, show) => {
    setTranslator(english, 'en');
    show();
    expect(emptyText()).toMatch(/\b(Change|Choose|Open)\b/);
  });

  it.each(empties)('%s, in French', (_, show) => {
    setTranslator(frenchTranslator(), 'fr');
    show();
    expect(emptyText()).toMatch(/\b(Modifiez|Choisissez|Ouvrez)\b/);
  });
});
