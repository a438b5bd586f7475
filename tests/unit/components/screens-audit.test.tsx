// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CustomSitesView } from '../../../components/CustomSitesView';
import { DataCard } from '../../../components/data/DataCard';
import { StatementView } from '../../../components/data/StatementView';
import { HistoryView } from '../../../components/history/HistoryView';
import { OptionsView } from '../../../components/OptionsView';
import { PopupView } from '../../../components/PopupView';
import { emptyTotals } from '../../../lib/domain/summary';
import { yearlyStatement } from '../../../lib/domain/statement';
import { setTranslator, type Translator } from '../../../lib/i18n';
import type { PeriodView, PopupData, RulesData } from '../../../lib/messaging';
import { presets } from '../../../lib/platforms/presets';
import type { TaskRecord } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';
import { englishOnScreen, visibleTexts } from '../../support/english';
import { rows } from './history-fixtures';
import { at, dayView, emptyView, frenchTranslator, gbp, MIN, usd, weekView } from './period-fixtures';

// The extension pages as a worker first meets them (nothing recorded yet) and as a working day fills them, in
// English and in French with the real catalogues. STYLE.md: "An empty state is a next step, not a blank heading";
// product rules: every control has a name a screen reader can say, headings go down one level at a time, and no
// English reaches a French screen.

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Messages;
const english: Translator = (key, subs = []) =>
  en[key]!.message.replace(/\$(\w+)\$/g, (_, name: string) => subs[Number(en[key]!.placeholders![name.toLowerCase()]!.content.slice(1)) - 1] ?? '');

afterEach(() => {
  cleanup();
  setTranslator();
});

const languages: [string, () => Translator, RegExp][] = [
  // A next step is an instruction: an imperative the worker can follow.
  ['en', () => english, /\b(Open|Choose|Work|Refresh|Start|Accept|Import|Add|Type|Change)\b/],
  ['fr', frenchTranslator, /\b(Ouvrez|Choisissez|Travaillez|Actualisez|Lancez|Acceptez|Importez|Ajoutez|Tapez|Modifiez|cliquez)\b/i],
];

const firstInstall: PopupData = {
  tasks: [], today: [], day: null, balances: [], pending: { items: [], total: 0 }, quarantined: 0, manual: null, at: at(9, 0),
  rates: { minRates: DEFAULT_SETTINGS.minRates, targetRates: DEFAULT_SETTINGS.targetRates, displayCurrency: 'USD', exchangeRates: [] } as never,
};
const popup = (data: PopupData, period: PeriodView, locale: string) => (
  <PopupView
    data={data}
    locale={locale}
    onOpenOptions={() => {}}
    onOpenHistory={() => {}}
    onRefresh={() => {}}
    onCashOut={() => {}}
    onNotWorking={() => {}}
    onManual={async () => null}
    onPause={async () => null}
    onReward={async () => null}
    period={{ kind: period.kind, view: period, at: at(15, 0) }}
    onPeriod={() => {}}
  />
);
const noRules: RulesData = { rules: [], granted: {}, presets };
const health = { mturk: { task: { okAt: at(9, 0), failed: 2, failedAt: at(9, 5) }, queue: { okAt: at(9, 0), failed: 0 } }, prolific: { task: { failed: 1, failedAt: at(9, 0) } } };
const options = (locale: string, rules: RulesData = noRules) => (
  <OptionsView data={{ settings: DEFAULT_SETTINGS, quarantined: 0, health }} locale={locale} onSave={async () => {}} now={() => at(9, 0)}>
    <CustomSitesView data={rules} onSave={async () => ({ saved: true, registered: [] }) as never} onGrant={async () => false} onPick={async () => null} />
    <DataCard locale={locale} browserMaker="Google" onBackup={async () => 0} onPreview={async () => ({ problems: [] })} onImport={async () => ({}) as never} onCancelImport={() => {}} onDeleteAll={async () => {}} onOpenStatement={() => {}} />
  </OptionsView>
);
const history = (locale: string, list: Parameters<typeof HistoryView>[0]['rows'], opened: Parameters<typeof HistoryView>[0]['opened'] = null) => (
  <HistoryView rows={list} complete locale={locale} today="2026-11-30" opened={opened} onOpen={() => {}} onClose={() => {}} onExportCsv={() => {}} onEdit={async () => null} onAdd={async () => null} currencies={['USD']} />
);
const emptyYear = yearlyStatement({ tasks: [], bonuses: [], transfers: [] }, 2026, 'UTC', 'USD', []);
const statement = (locale: string) => (
  <StatementView locale={locale} years={[2026]} statement={emptyYear} display="USD" rates={{}} onYear={() => {}} onRate={() => {}} onCsv={() => {}} onPrint={() => {}} />
);

const emptyTexts = () => [...document.querySelectorAll('.empty')].map((p) => p.textContent ?? '');

describe.each(languages)('empty states say what to do next (%s)', (locale, translator, nextStep) => {
  it('the popup on first install: today, open tasks, balances and the period each give a next step', () => {
    setTranslator(translator(), locale);
    render(popup(firstInstall, emptyView('day'), locale));
    const empty = (selector: string) => document.querySelector(`${selector} .empty`)?.textContent ?? '';
    for (const part of ['.summary', '.open-tasks', '.balances', '.period']) expect(empty(part), part).toMatch(nextStep);
  });

  it('the popup with figures but no work session in the period', () => {
    setTranslator(translator(), locale);
    render(popup(firstInstall, { ...dayView, sessions: [] }, locale));
    expect(document.querySelector('.period .empty')?.textContent ?? '').toMatch(nextStep);
  });

  it('the history with no task', () => {
    setTranslator(translator(), locale);
    render(history(locale, []));
    expect(emptyTexts()).toHaveLength(1);
    expect(emptyTexts()[0]).toMatch(nextStep);
  });

  it('the history while its first rows are read but not the rest: neither "no task" nor "no match"', () => {
    setTranslator(translator(), locale);
    render(<HistoryView rows={[]} complete={false} locale={locale} today="2026-11-30" opened={null} onOpen={() => {}} onClose={() => {}} />);
    // Nothing is filtered: telling the worker to change the filters would send them looking for one.
    expect(emptyTexts()).toEqual([]);
  });

  it('the statement of a year with nothing in it', () => {
    setTranslator(translator(), locale);
    render(statement(locale));
    expect(emptyTexts()).toHaveLength(1);
    expect(emptyTexts()[0]).toMatch(nextStep);
  });

  it('the options with no custom site', () => {
    setTranslator(translator(), locale);
    render(options(locale));
    expect(document.querySelector('.sites .empty')?.textContent ?? '').toMatch(nextStep);
  });

  it('the options with a custom site: no "no custom site" line', () => {
    setTranslator(translator(), locale);
    render(options(locale, { ...noRules, rules: [presets[0]!], granted: { [presets[0]!.id]: true } }));
    expect(document.querySelector('.sites .empty')).toBeNull();
  });
});

describe('no English on the French history and statement pages', () => {
  it('the empty history, the empty statement, and the options with no custom site', () => {
    setTranslator(frenchTranslator(), 'fr');
    for (const page of [history('fr', []), statement('fr'), options('fr'), popup(firstInstall, emptyView('week'), 'fr')]) {
      render(page);
      expect(englishOnScreen(visibleTexts(document.body))).toEqual([]);
      cleanup();
    }
  });
});

// ---- Accessibility basics ----

/** The name a screen reader says for a control (the parts of the accessible-name computation these pages use). */
function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(/\s+/).map((id) => doc.getElementById(id)?.textContent ?? '').join(' ').trim();
  const label = el.getAttribute('aria-label');
  if (label?.trim()) return label.trim();
  const spoken = (node: Element) => {
    const copy = node.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"], input, select, textarea').forEach((n) => n.remove());
    return (copy.textContent ?? '').trim();
  };
  if (/^(INPUT|SELECT|TEXTAREA|METER|PROGRESS)$/.test(el.tagName)) {
    const id = el.getAttribute('id');
    const forLabel = id ? doc.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
    const wrapping = el.closest('label');
    const text = [forLabel, wrapping].map((l) => (l ? spoken(l) : '')).find((s) => s !== '');
    if (text) return text;
    if (el.getAttribute('type') === 'submit' || el.getAttribute('type') === 'button') return el.getAttribute('value') ?? '';
    return el.getAttribute('title')?.trim() ?? '';
  }
  if (el.tagName === 'SUMMARY' || el.tagName === 'BUTTON' || el.getAttribute('role')) return spoken(el) || (el.getAttribute('title') ?? '').trim();
  return spoken(el);
}

const CONTROLS = 'button, input:not([type="hidden"]), select, textarea, summary, a[href], [role="tab"], [role="radio"], [role="checkbox"], [role="switch"], [role="progressbar"], [tabindex="0"]';
const unnamed = () =>
  [...document.querySelectorAll(CONTROLS)]
    .filter((el) => !el.closest('[hidden]'))
    .filter((el) => accessibleName(el) === '')
    .map((el) => el.outerHTML.slice(0, 160));
const headingSkips = () => {
  const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({ level: Number(h.tagName[1]), text: h.textContent }));
  const skips = levels.filter((h, i) => i > 0 && h.level > levels[i - 1]!.level + 1).map((h) => `h${h.level} ${h.text}`);
  return levels[0]?.level === 1 ? skips : [`first heading is h${levels[0]?.level}`, ...skips];
};
const duplicateIds = () => {
  const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
};
/** A band's colour class comes with a word (STYLE.md: never a band told by colour alone). */
const bandsWithoutWords = () =>
  [...document.querySelectorAll('[data-band], .rate-under')].filter((el) => {
    const copy = el.cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove());
    const worded = /\p{L}{3,}/u.test(copy.textContent ?? '');
    // A rate in the warning colour is worded by the band beside it.
    return !worded && !(el.matches('.rate-under') && el.parentElement?.querySelector(':scope > [data-band]'));
  }).map((el) => el.outerHTML.slice(0, 160));

const working: PopupData = {
  ...firstInstall,
  tasks: [
    { platform: 'mturk', taskId: 'A1', title: 'Describe a photo', requesterName: 'Lab', reward: usd(50), firstSeenAt: 1, status: 'open', activeMs: 9 * MIN, idleMs: 5_000, front: true, running: true },
    { platform: 'prolific', taskId: '665f2b7c9d0e1f2a3b4c5d6e', title: '', requesterName: 'Lab', reward: null, firstSeenAt: 2, status: 'open', activeMs: 20_000, idleMs: 0, front: false, fallback: true, missing: ['reward'] },
  ] as never,
  today: [
    { platform: 'mturk', totals: emptyTotals(), figures: { ...dayView.figures!, earnings: [usd(120)], effective: [usd(1200)], trueRate: { rate: usd(600), converted: false } } },
    { platform: 'prolific', totals: emptyTotals(), figures: { ...dayView.figures!, earnings: [gbp(300)], effective: [gbp(900)], trueRate: null } },
  ],
  day: dayView.figures,
  balances: [
    {
      platform: 'mturk', currency: 'USD', pending: 300, presumablyApproved: 25, presumablyInReading: 0, withdrawable: 450, withdrawableSince: at(9, 30),
      paidOut: 12_000, paidOutSince: at(9, 30), withdrawableFrom: 'dashboard', threshold: { threshold: 1000, have: 750, reach: { kind: 'date', at: at(12, 0) + 3 * 86_400_000 } },
    },
    { platform: 'prolific', currency: 'GBP', pending: 0, presumablyApproved: 0, presumablyInReading: 0, withdrawable: 450, withdrawableSince: null, paidOut: null, paidOutSince: null, withdrawableFrom: 'cash-out' },
  ],
  pending: {
    items: [{ platform: 'mturk', key: 'mturk:P1', title: 'Tag images', requesterName: 'R', reward: usd(75), submittedAt: at(8, 0), latest: at(8, 0) + 30 * 86_400_000, expected: null }],
    total: 3,
  },
  quarantined: 1,
  manual: { key: 'manual:1', title: 'Logo feedback', running: true, activeMs: 4 * MIN, at: at(15, 0), currency: 'USD', currencies: ['USD', 'GBP'] },
};

const T0 = Date.UTC(2026, 10, 30, 16, 0, 0);
const openedTask: TaskRecord = {
  v: 2, platform: 'mturk', taskId: 'ASSIGN1', hitId: 'HIT1', groupId: 'GRP1', title: 'Label images', requesterName: 'Lab', requesterId: 'AREQ',
  reward: usd(120), acceptedAt: T0 - 30_000, firstSeenAt: T0 - 30_000, updatedAt: T0 + 700_000, status: 'submitted', endedAt: T0 + 660_000,
  countedDay: '2026-11-30', external: false,
  events: [
    { boot: 1, n: 0, type: 'front', at: { wall: T0, mono: 1_000, origin: 1 } },
    { boot: 1, n: 1, type: 'outcome', outcome: 'submitted', at: { wall: T0 + 660_000, mono: 661_000, origin: 1 } },
  ],
  activeMs: 480_000, idleMs: 60_000,
} as TaskRecord;

const screens: [string, (locale: string) => preact.JSX.Element][] = [
  ['the popup on first install', (l) => popup(firstInstall, emptyView('day'), l)],
  ['the popup during a working day', (l) => popup(working, weekView, l)],
  ['the options page with a custom site', (l) => options(l, { ...noRules, rules: [{ ...presets[0]!, needsSetup: true }], granted: {} })],
  ['the history list', (l) => history(l, rows(12))],
  ['the history with a task opened', (l) => history(l, rows(3), { key: 'mturk:ASSIGN1', task: openedTask })],
  ['the statement', (l) => statement(l)],
];

describe.each(languages)('accessibility basics (%s)', (locale, translator) => {
  it.each(screens)('%s: every control has a name, headings go down one level at a time, ids are unique', (_, page) => {
    setTranslator(translator(), locale);
    render(page(locale));
    for (const d of document.querySelectorAll('details')) d.open = true;
    // The checks see what they check: this page's controls are there.
    expect(document.querySelectorAll(CONTROLS).length).toBeGreaterThan(2);
    expect(unnamed()).toEqual([]);
    expect(headingSkips()).toEqual([]);
    expect(duplicateIds()).toEqual([]);
    expect(bandsWithoutWords()).toEqual([]);
  });
});

/** French punctuation as the page shows it: an ordinary space before : ; ? ! (the line can break there), or none. */
const frenchPunctuation = (text: string) =>
  [...text.matchAll(/.{0,12}(?:[^\S\u00a0\u202f][:;?!]|\p{L}[;?!](?=\s|$)|\p{L}:(?=\s))/gu)].map((m) => m[0]);

describe('French typography on the screens', () => {
  it('finds an ordinary or missing space before a colon (the check itself works)', () => {
    expect(frenchPunctuation('Prolific: tâche ; oui\u00a0: 09:30 h:mm:ss')).toEqual(['Prolific:', ' tâche ;']);
  });

  it.each(screens)('%s: a no-break space before : ; ? ! wherever Centime puts them', (_, page) => {
    setTranslator(frenchTranslator(), 'fr');
    render(page('fr'));
    for (const d of document.querySelectorAll('details')) d.open = true;
    expect(frenchPunctuation(document.body.textContent ?? '')).toEqual([]);
  });

  it('the rates used for today’s earnings, read on hover and focus: two of them apart by " ; "', () => {
    setTranslator(frenchTranslator(), 'fr');
    const rates = { ...firstInstall.rates!, displayCurrency: 'EUR', exchangeRates: [{ from: 'USD', to: 'EUR', rate: 0.9 }, { from: 'GBP', to: 'EUR', rate: 1.2 }] };
    const day = { ...dayView.figures!, earnings: [usd(120), gbp(300)] };
    render(popup({ ...firstInstall, day, rates }, emptyView('day'), 'fr'));
    // The earnings' mark (the true rate's, if any, names its own rate).
    const note = [...document.querySelectorAll('.summary-figures .converted')].map((c) => c.getAttribute('title') ?? '').find((title) => title.includes('→'))!;
    expect(note.split('\u00a0; ')).toHaveLength(2);
    expect(frenchPunctuation(note)).toEqual([]);
  });

  it('the options’ health lines: each platform and each kind of page, punctuated as French writes', () => {
    setTranslator(frenchTranslator(), 'fr');
    render(options('fr'));
    const line = document.querySelector('.page-health [data-platform="mturk"]')!.textContent!;
    expect(line).toMatch(/^Amazon Mechanical Turk\u00a0: /);
    expect(line).toContain('\u00a0; ');
  });
});

describe('the checks themselves', () => {
  it('find a control with no name, a skipped heading and a band told by colour alone', () => {
    render(
      <main>
        <h1>Page</h1>
        <h3>Skipped</h3>
        <button type="button"><span aria-hidden="true">▼</span></button>
        <label>Named <input /></label>
        <input id="lone" />
        <span class="band band-under" data-band="under"><span aria-hidden="true">▼</span></span>
      </main>,
    );
    expect(unnamed()).toHaveLength(2);
    expect(headingSkips()).toEqual(['h3 Skipped']);
    expect(bandsWithoutWords()).toHaveLength(1);
  });

  it('the working popup shows a rate band, with its word', () => {
    setTranslator(frenchTranslator(), 'fr');
    render(popup(working, weekView, 'fr'));
    const band = document.querySelector('[data-band="under"]');
    expect(band?.textContent).toContain('sous votre minimum');
  });
});

describe('progress read aloud as it is shown', () => {
  it('the backup’s progress bar says its counts as French writes them (Intl), as the line beside it does', () => {
    setTranslator(frenchTranslator(), 'fr');
    render(options('fr'));
    // A long backup: the progress stays on screen (the download never ends in this test).
    const onBackup = (progress: (done: number, total: number) => void) => {
      progress(12_345, 470_000);
      return new Promise<number>(() => {});
    };
    cleanup();
    render(<DataCard locale="fr" browserMaker="Google" onBackup={onBackup} onPreview={async () => ({ problems: [] })} onImport={async () => ({}) as never} onCancelImport={() => {}} onDeleteAll={async () => {}} onOpenStatement={() => {}} />);
    fireEvent.click(document.querySelector('button.backup')!);
    const bar = screen.getByRole('progressbar');
    const label = bar.getAttribute('aria-label') ?? '';
    expect(label.replace(/[\u202f\u00a0]/g, ' ')).toMatch(/12 345\D+470 000/);
    expect(bar.nextElementSibling?.textContent).toBe(label);
  });
});
