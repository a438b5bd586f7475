// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CustomSitesView } from '../../../components/CustomSitesView';
import { ManualTimer } from '../../../components/ManualTimer';
import { OptionsView } from '../../../components/OptionsView';
import { PopupView } from '../../../components/PopupView';
import { emptyTotals } from '../../../lib/domain/summary';
import { CentimeError } from '../../../lib/errors';
import { errorText, setTranslator, type Translator } from '../../../lib/i18n';
import type { PeriodView, PopupData, RulesData } from '../../../lib/messaging';
import { presets } from '../../../lib/platforms/presets';
import { validateRule } from '../../../lib/storage/custom-rules';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';
import { englishOnScreen, visibleTexts } from '../../support/english';
import { at, dayView, frenchTranslator, gbp, MIN, usd, weekView } from './period-fixtures';

// Issue 15: "no English on a French screen" — every view Centime draws, with the real French catalogue, shows no
// text (nor label read aloud) that is an English message whose French differs. Seeded with what a worker's day
// holds: open tasks, figures, balances with a payout bar, pending items, sessions, the manual timer, errors.

const fr = JSON.parse(readFileSync('public/_locales/fr/messages.json', 'utf8')) as Record<string, { message: string }>;
const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const english: Translator = (key, subs = []) =>
  en[key]!.message.replace(/\$(\w+)\$/g, (_, name: string) => subs[Number(en[key]!.placeholders![name.toLowerCase()]!.content.slice(1)) - 1] ?? '');

afterEach(() => {
  cleanup();
  setTranslator();
});

/**
 * Text as testing-library matches it, but keeping French's no-break spaces (its default turns them into ordinary
 * spaces on the page's side only, so a catalogue message with one would never match).
 */
const asShown = { normalizer: (text: string) => text.trim().replace(/[^\S\u00a0\u202f]+/g, ' ') };

const day = dayView.figures!;
const popupData: PopupData = {
  tasks: [
    { platform: 'mturk', taskId: 'A1', title: 'Describe a photo', requesterName: 'Lab', reward: usd(50), firstSeenAt: 1, status: 'open', activeMs: 90_000, idleMs: 5_000, front: true },
    { platform: 'prolific', taskId: '665f2b7c9d0e1f2a3b4c5d6e', title: 'Memory study', requesterName: 'Lab', reward: null, firstSeenAt: 2, status: 'open', activeMs: 20_000, idleMs: 0, front: false, fallback: true },
    { platform: 'prolific', taskId: '555f2b7c9d0e1f2a3b4c5d6e', title: 'Older study', requesterName: 'Lab', reward: gbp(100), firstSeenAt: 1, status: 'open', activeMs: 60_000, idleMs: 0, front: false, superseded: true },
  ],
  today: [
    { platform: 'mturk', totals: emptyTotals(), figures: { ...day, earnings: [usd(120)], effective: [usd(1200)], trueRate: { rate: usd(600), converted: false } } },
    { platform: 'prolific', totals: emptyTotals(), figures: { ...day, earnings: [gbp(300)], effective: [gbp(900)], trueRate: null } },
  ],
  day,
  balances: [
    {
      platform: 'mturk', currency: 'USD', pending: 300, presumablyApproved: 25, presumablyInReading: 0, withdrawable: 450, withdrawableSince: at(9, 30),
      paidOut: 12_000, paidOutSince: at(9, 30), withdrawableFrom: 'dashboard', threshold: { threshold: 1000, have: 750, reach: { kind: 'date', at: at(12, 0) + 3 * 86_400_000 } },
    },
    { platform: 'prolific', currency: 'GBP', pending: 0, presumablyApproved: 0, presumablyInReading: 0, withdrawable: 450, withdrawableSince: null, paidOut: null, paidOutSince: null, withdrawableFrom: 'cash-out' },
  ],
  pending: {
    items: [
      { platform: 'mturk', key: 'mturk:P1', title: 'Tag images', requesterName: 'R', reward: usd(75), submittedAt: at(8, 0), latest: at(8, 0) + 30 * 86_400_000, expected: at(8, 0) + 3 * 86_400_000 },
      { platform: 'mturk', key: 'mturk:P2', title: 'Survey', requesterName: 'R', reward: usd(75), submittedAt: at(8, 0), latest: at(8, 0) + 30 * 86_400_000, expected: null },
    ],
    total: 3,
  },
  quarantined: 1,
  manual: { key: 'manual:1', title: 'Logo feedback', running: true, activeMs: 4 * MIN, at: at(15, 0), currency: 'USD', currencies: ['USD', 'GBP'] },
};

const popup = (period: PeriodView, props: Partial<Parameters<typeof PopupView>[0]> = {}) => (
  <PopupView
    data={popupData}
    locale="fr"
    onOpenOptions={() => {}}
    onRefresh={() => {}}
    onCashOut={() => {}}
    onNotWorking={() => {}}
    onManual={async () => null}
    period={{ kind: period.kind, view: period, at: at(15, 0) }}
    onPeriod={() => {}}
    {...props}
  />
);
const rules: RulesData = {
  rules: [{ ...presets[0]!, needsSetup: true }],
  granted: { [presets[0]!.id]: true },
  presets,
  problem: 'rules: Invalid input: expected array, received object',
};

/** What is on screen in English, in the document as drawn. */
const englishShown = () => englishOnScreen(visibleTexts(document.body));

describe('no English on a French screen', () => {
  it('finds English where there is some (the check itself works)', () => {
    setTranslator(english, 'en');
    render(popup(dayView));
    expect(englishShown().length).toBeGreaterThan(20);
    expect(englishShown()).toContain(`openTasks: "${en.openTasks!.message}"`);
  });

  it('the popup: tasks, today, balances, pending, the manual timer, the day and the week with their sessions', () => {
    setTranslator(frenchTranslator(), 'fr');
    const { rerender } = render(popup(dayView, { refresh: { busy: false, outcome: { kind: 'done', requests: 1 } } }));
    expect(document.body.textContent).toContain(fr.openTasks!.message);
    expect(englishShown()).toEqual([]);
    for (const session of document.querySelectorAll('details')) session.open = true;
    rerender(popup(weekView, { refresh: { busy: false, outcome: { kind: 'failed', error: { code: 'refresh_http', params: ['Amazon Mechanical Turk', '503'] }, requests: 1 } } }));
    expect(englishShown()).toEqual([]);
    rerender(popup(weekView, { refresh: { busy: false, outcome: { kind: 'paused', until: at(16, 0), requests: 2 } }, missingAccess: true, onGrantAccess: () => {} }));
    expect(englishShown()).toEqual([]);
  });

  it('the popup when it cannot load, in the worker’s words', () => {
    setTranslator(frenchTranslator(), 'fr');
    render(<PopupView data={null} error={errorText(new CentimeError('no_answer', [], 'ui-bg-get-popup'))} locale="fr" onOpenOptions={() => {}} />);
    expect(screen.getByRole('alert').textContent).toBe(`Centime n’a pas pu charger ses données\u00a0: ${fr.error_no_answer!.message}`);
    expect(englishShown()).toEqual([]);
  });

  it('the manual timer, stopped, asking the reward, and refused by the background', async () => {
    setTranslator(frenchTranslator(), 'fr');
    const { rerender } = render(<ManualTimer manual={null} onCommand={async () => Promise.reject(new CentimeError('manual_open'))} />);
    expect(englishShown()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: fr.manualStart!.message }));
    expect(await screen.findByText(`${fr.manualFailed!.message.replace('$ERROR$', fr.error_manual_open!.message)}`, asShown)).toBeTruthy();
    expect(englishShown()).toEqual([]);
    rerender(<ManualTimer manual={popupData.manual} onCommand={async () => null} now={() => at(15, 1)} />);
    fireEvent.click(screen.getByRole('button', { name: fr.manualStop!.message }));
    expect(englishShown()).toEqual([]);
  });

  it('the options page with a reset, a kept-aside record and custom sites whose problems are shown', async () => {
    setTranslator(frenchTranslator(), 'fr');
    const onSave = async (list: unknown[]) => {
      const problems = list.flatMap((rule, index) => {
        const result = validateRule(rule);
        return result.ok ? [] : [{ index, problems: result.problems }];
      });
      return problems.length ? { saved: false as const, problems } : { saved: true as const, registered: [] };
    };
    render(
      <OptionsView data={{ settings: DEFAULT_SETTINGS, problem: 'minRates.USD: Invalid input', quarantined: 2 }} locale="fr" onSave={async () => {}}>
        <CustomSitesView data={rules} onSave={onSave} onGrant={async () => false} onPick={async () => Promise.reject(new CentimeError('pick_no_tab', ['Taskmill']))} />
      </OptionsView>,
    );
    expect(englishShown()).toEqual([]);
    // Nothing of zod's English reasons reaches the page.
    expect(document.body.textContent).not.toContain('Invalid input');
    fireEvent.click(screen.getByRole('button', { name: fr.addSite!.message }));
    fireEvent.click(screen.getByRole('button', { name: fr.saveSites!.message }));
    expect(await screen.findByText(fr.rulesInvalid!.message, asShown)).toBeTruthy();
    expect(englishShown()).toEqual([]);
    fireEvent.click(screen.getAllByRole('button', { name: fr.pickOnPage!.message })[0]!);
    expect(await screen.findByText(/Ouvrez d’abord une page de tâche de Taskmill/)).toBeTruthy();
    expect(englishShown()).toEqual([]);
    fireEvent.click(screen.getAllByRole('button', { name: fr.grantSite!.message }).at(-1)!);
    expect(await screen.findByText(fr.accessRefused!.message, asShown)).toBeTruthy();
    expect(englishShown()).toEqual([]);
  });
});
