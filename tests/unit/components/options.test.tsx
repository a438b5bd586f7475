// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsView, readDraft, toDraft } from '../../../components/OptionsView';
import type { Draft } from '../../../components/options/draft';
import { SyncStatusView } from '../../../components/options/SyncStatus';
import { setTranslator } from '../../../lib/i18n';
import type { Settings } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';

// Translations as keys with their substitutions: the tests read which message is shown, not its wording.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

const NOW = Date.UTC(2026, 10, 30, 12);
const options = { settings: DEFAULT_SETTINGS, quarantined: 3 };
const draft = (change: (d: Draft) => void, settings: Settings = DEFAULT_SETTINGS): Draft => {
  const d = toDraft(settings, 'en');
  change(d);
  return d;
};
const rows = (d: Draft, currency: string) => d.rates.find((r) => r.currency === currency)!;

function renderOptions(settings: Settings = DEFAULT_SETTINGS, locale = 'en') {
  const save = vi.fn(async (_settings: Settings) => {});
  render(<OptionsView data={{ settings, quarantined: 0 }} locale={locale} onSave={save} now={() => NOW} browserMaker="Google" />);
  const saved = async () => {
    fireEvent.click(screen.getByRole('button', { name: 'save' }));
    await waitFor(() => expect(save).toHaveBeenCalledOnce());
    return save.mock.calls[0]![0];
  };
  return { save, saved };
}
const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('OptionsView', () => {
  it('shows the quarantine count', () => {
    render(<OptionsView data={options} locale="en" onSave={async () => {}} />);
    expect(screen.getByTestId('quarantine').textContent).toBe('quarantinedCount_other(3)');
  });

  it('saves rates typed in English or French notation as minor units', async () => {
    const { saved } = renderOptions();
    type('minimumRateFor(USD)', '8,50');
    type('targetRateFor(USD)', '12.00');
    expect(await saved()).toMatchObject({ minRates: { USD: 850, GBP: 600 }, targetRates: { USD: 1200 } });
    expect(await screen.findByText('settingsSaved')).toBeTruthy();
  });

  it('adds a EUR minimum and target, and removes the GBP ones', async () => {
    const { saved } = renderOptions();
    fireEvent.click(screen.getByRole('button', { name: 'addRateCurrency' }));
    type('minimumRateFor(…)', '9');
    const currencies = screen.getAllByLabelText('currencyLabel');
    fireEvent.input(currencies[2]!, { target: { value: 'eur' } });
    type('targetRateFor(EUR)', '12,50');
    fireEvent.click(screen.getByRole('button', { name: 'removeRatesFor(GBP)' }));
    const settings = await saved();
    expect(settings.minRates).toEqual({ USD: 725, EUR: 900 });
    expect(settings.targetRates).toEqual({ USD: 1000, EUR: 1250 });
  });

  it('explains what is wrong with a rate instead of saving', () => {
    expect(readDraft(DEFAULT_SETTINGS, draft((d) => (rows(d, 'USD').min = 'lots')))).toBe('invalidRate(lots|USD)');
    expect(readDraft(DEFAULT_SETTINGS, draft((d) => Object.assign(rows(d, 'USD'), { min: '12', target: '10' })))).toBe('targetBelowMinimum(USD)');
    expect(readDraft(DEFAULT_SETTINGS, draft((d) => (rows(d, 'USD').min = '0')))).toBe('invalidRate(0|USD)');
    expect(readDraft(DEFAULT_SETTINGS, draft((d) => (rows(d, 'GBP').min = '$6.50')))).toBe('invalidRate($6.50|GBP)');
    expect(readDraft(DEFAULT_SETTINGS, draft((d) => (rows(d, 'GBP').currency = 'XYZ')))).toBe('invalidCurrency(XYZ)');
    expect(readDraft(DEFAULT_SETTINGS, draft((d) => (rows(d, 'GBP').currency = 'USD')))).toBe('duplicateRateCurrency(USD)');
    // Minor units by the currency's digits: the yen has none, so 1000.5 is not an amount in JPY.
    const yen = draft((d) => d.rates.push({ key: -1, currency: 'JPY', min: '1000.5', target: '1500' }));
    expect(readDraft(DEFAULT_SETTINGS, yen)).toBe('invalidRate(1000.5|JPY)');
    yen.rates.at(-1)!.min = '1000';
    expect(readDraft(DEFAULT_SETTINGS, yen)).toMatchObject({ minRates: { JPY: 1000 }, targetRates: { JPY: 1500 } });
  });

  it('shows the rate message in the form, in an alert', async () => {
    const { save } = renderOptions();
    type('targetRateFor(GBP)', '5');
    fireEvent.click(screen.getByRole('button', { name: 'save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('targetBelowMinimum(GBP)');
    expect(save).not.toHaveBeenCalled();
  });

  it('picks any ISO display currency and refuses what is not one', () => {
    expect(readDraft(DEFAULT_SETTINGS, draft((d) => (d.fields.displayCurrency = 'chf')))).toMatchObject({ displayCurrency: 'CHF' });
    expect(readDraft(DEFAULT_SETTINGS, draft((d) => (d.fields.displayCurrency = 'EURO')))).toBe('invalidCurrency(EURO)');
    expect(readDraft(DEFAULT_SETTINGS, draft((d) => (d.fields.displayCurrency = 'QQQ')))).toBe('invalidCurrency(QQQ)');
  });

  it('adds an exchange rate dated the day it is saved, keeps old dates, and says when one is unknown', async () => {
    const old = Date.UTC(2026, 0, 15, 12);
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.27, enteredAt: old }, { from: 'CAD', to: 'USD', rate: 0.73 }],
    };
    const { saved } = renderOptions(settings);
    const dates = () => screen.getAllByTestId('entered').map((e) => e.textContent);
    expect(dates()).toEqual([`rateEnteredOn(${new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(old)})`, 'rateDateUnknown']);
    fireEvent.click(screen.getByRole('button', { name: 'addExchangeRate' }));
    const from = screen.getAllByLabelText('exchangeFrom').at(-1)!;
    fireEvent.input(from, { target: { value: 'EUR' } });
    type('exchangeRateLabel(EUR|USD)', '1,08');
    expect(dates().at(-1)).toBe('rateEnteredOnSave');
    const next = await saved();
    expect(next.exchangeRates).toEqual([
      { from: 'GBP', to: 'USD', rate: 1.27, enteredAt: old },
      { from: 'CAD', to: 'USD', rate: 0.73 },
      { from: 'EUR', to: 'USD', rate: 1.08, enteredAt: NOW },
    ]);
    expect(dates().at(-1)).toBe(`rateEnteredOn(${new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(NOW)})`);
  });

  it('dates an edited rate anew and removes a rate', async () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.27, enteredAt: 5 }, { from: 'CAD', to: 'USD', rate: 0.73 }] };
    const { saved } = renderOptions(settings, 'fr');
    type('exchangeRateLabel(GBP|USD)', '1,3');
    fireEvent.click(screen.getByRole('button', { name: 'removeExchangeRate(CAD|USD)' }));
    expect((await saved()).exchangeRates).toEqual([{ from: 'GBP', to: 'USD', rate: 1.3, enteredAt: NOW }]);
  });

  it('refuses a rate that is not a positive number between two different currencies', () => {
    const fx = (row: Partial<Draft['exchange'][number]>) =>
      readDraft(DEFAULT_SETTINGS, draft((d) => d.exchange.push({ key: -1, from: 'EUR', to: 'USD', rate: '1.08', edited: true, ...row })), NOW);
    expect(fx({})).toMatchObject({ exchangeRates: [{ from: 'EUR', to: 'USD', rate: 1.08, enteredAt: NOW }] });
    expect(fx({ rate: '0' })).toBe('invalidExchangeRate(0|EUR|USD)');
    expect(fx({ rate: '-1' })).toBe('invalidExchangeRate(-1|EUR|USD)');
    expect(fx({ rate: 'abc' })).toBe('invalidExchangeRate(abc|EUR|USD)');
    expect(fx({ to: 'EUR' })).toBe('sameCurrencyRate(EUR)');
    expect(fx({ from: 'E' })).toBe('invalidCurrency(E)');
  });

  it('sets, adds and removes payout thresholds per platform and currency', async () => {
    const { saved } = renderOptions();
    // Prefilled from DESIGN.md: Prolific pays out from £6 (and $6); MTurk pays any amount.
    expect((screen.getByLabelText('thresholdFor(Prolific|GBP)') as HTMLInputElement).value).toBe('6.00');
    expect(screen.getByText('paysAnyAmount')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'addThreshold(Amazon Mechanical Turk)' }));
    type('thresholdFor(Amazon Mechanical Turk|…)', '1.00');
    const mturk = document.querySelector('[data-platform="mturk"]')!;
    fireEvent.input(mturk.querySelector('input.currency-code')!, { target: { value: 'USD' } });
    fireEvent.click(screen.getByRole('button', { name: 'removeThreshold(Prolific|USD)' }));
    expect((await saved()).payoutThresholds).toEqual({ mturk: [{ minor: 100, currency: 'USD' }], prolific: [{ minor: 600, currency: 'GBP' }] });
  });

  it('refuses a threshold that is not a positive amount in its currency', () => {
    const at = (amount: string, currency = 'GBP') =>
      readDraft(DEFAULT_SETTINGS, draft((d) => Object.assign(d.thresholds[0]!, { amount, currency })));
    expect(at('0')).toBe('invalidThreshold(0|GBP)');
    expect(at('€5')).toBe('invalidThreshold(€5|GBP)');
    expect(at('6', 'USD')).toBe('duplicateThreshold(USD)');
    expect(at('', 'usd?')).toBe('invalidCurrency(usd?)');
  });

  it('keeps the single settings working: idle, session gap, overlay, notifications, periodic refresh', async () => {
    const field = (name: string, value: string) => readDraft(DEFAULT_SETTINGS, draft((d) => (d.fields[name] = value)));
    expect(field('idle', '5')).toBe('invalidIdleTimeout');
    for (const bad of ['0', '241', '7.5', 'ten']) expect(field('sessionGap', bad)).toBe('invalidSessionGap');
    expect(field('autoRefreshMinutes', '10')).toBe('invalidRefreshInterval');
    const { saved } = renderOptions();
    const gap = screen.getByLabelText('sessionGap') as HTMLInputElement;
    expect(document.getElementById(gap.getAttribute('aria-describedby')!)!.textContent).toBe('sessionGapHelp');
    fireEvent.input(gap, { target: { value: '30' } });
    type('idleTimeout', '60');
    fireEvent.click(screen.getByLabelText('showNotifications'));
    fireEvent.click(screen.getByLabelText('autoRefresh'));
    type('autoRefreshMinutes', '45');
    expect(await saved()).toMatchObject({
      sessionGapMin: 30, idleTimeoutSec: 60, overlay: true, notifications: false, autoRefresh: { enabled: true, everyMinutes: 45 },
    });
  });

  it('offers sync off by default, with the plain statement of whose service it goes through', async () => {
    const { saved } = renderOptions();
    const box = screen.getByLabelText('syncSettings') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toBe('syncStatement(Google)');
    fireEvent.click(box);
    expect(await saved()).toMatchObject({ syncSettings: true });
  });

  it('reaches every control by keyboard: no control is taken out of the tab order, each has a name', () => {
    renderOptions({ ...DEFAULT_SETTINGS, exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.27 }] });
    const controls = [...document.querySelectorAll('input, button, select, textarea')] as HTMLElement[];
    expect(controls.length).toBeGreaterThan(20);
    for (const control of controls) {
      expect(control.tabIndex, control.outerHTML).toBeGreaterThanOrEqual(0);
      expect(control.hasAttribute('disabled')).toBe(false);
      const named = control.getAttribute('aria-label') ?? (control.closest('label')?.textContent || control.textContent);
      expect(named, control.outerHTML).toBeTruthy();
    }
  });

  it('says in words why sync keeps everything local, and asks which computer’s settings to keep', () => {
    const choose = vi.fn();
    const { rerender } = render(<SyncStatusView status={{ started: true, problem: 'sync-total-too-large' }} onChoose={choose} />);
    expect(screen.getByRole('alert').textContent).toBe('syncProblemTotal');
    rerender(<SyncStatusView status={{ started: true, problem: 'sync-invalid-data' }} onChoose={choose} />);
    expect(screen.getByRole('alert').textContent).toBe('syncProblemInvalid');
    rerender(<SyncStatusView status={{ started: false, choose: true }} onChoose={choose} />);
    expect(screen.getByRole('group', { name: 'syncChoose' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'syncKeepTheirs' }));
    fireEvent.click(screen.getByRole('button', { name: 'syncKeepMine' }));
    expect(choose.mock.calls).toEqual([['theirs'], ['mine']]);
  });
});
