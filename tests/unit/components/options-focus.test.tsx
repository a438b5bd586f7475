// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomSitesView } from '../../../components/CustomSitesView';
import { OptionsView } from '../../../components/OptionsView';
import { setTranslator } from '../../../lib/i18n';
import type { CustomRule } from '../../../lib/platforms/custom-rule';
import { presets } from '../../../lib/platforms/presets';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';

// The options page's lists (hourly rates, exchange rates, payout thresholds, custom sites): a worker on the keyboard
// who removes a row pressed a button that is gone with it. The focus must land in the same list, not on the body.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

const settings = { ...DEFAULT_SETTINGS, exchangeRates: [{ from: 'CAD', to: 'USD', rate: 0.73, enteredAt: Date.UTC(2026, 10, 1) }] };
const press = (button: HTMLElement) => {
  act(() => button.focus());
  fireEvent.click(button);
};

describe('removing a row of an options list', () => {
  it.each([
    ['an hourly rate', 'removeRatesFor(GBP)', 'addRateCurrency'],
    ['an exchange rate', 'removeExchangeRate(CAD|USD)', 'addExchangeRate'],
    ['a payout threshold', 'removeThreshold(Prolific|USD)', 'addThreshold(Prolific)'],
  ])('%s: the focus goes to the list’s "Add" button', (_, remove, add) => {
    render(<OptionsView data={{ settings, quarantined: 0 }} locale="en" onSave={vi.fn(async () => {})} now={() => 0} />);
    press(screen.getByRole('button', { name: remove }));
    expect(screen.queryByRole('button', { name: remove })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: add }));
  });

  it('a custom site: the focus goes to "Add site"', () => {
    const rule: CustomRule = {
      id: 'taskmill', name: 'Taskmill', match: 'https://tasks.example.net/task/*', titleSelector: 'h1', rewardSelector: '.reward',
      currency: 'USD', submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', enabled: true,
    };
    render(<CustomSitesView data={{ rules: [rule], granted: { taskmill: true }, presets }} onSave={vi.fn()} onGrant={vi.fn()} onPick={vi.fn()} />);
    press(screen.getByRole('button', { name: 'removeSite' }));
    expect(document.querySelector('fieldset[data-rule]')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'addSite' }));
  });
});
