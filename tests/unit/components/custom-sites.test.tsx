// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomSitesView } from '../../../components/CustomSitesView';
import { setTranslator } from '../../../lib/i18n';
import type { RulesData, SaveRulesOutcome } from '../../../lib/messaging';
import type { CustomRule } from '../../../lib/platforms/custom-rule';
import { presets } from '../../../lib/platforms/presets';
import { validateRule } from '../../../lib/storage/custom-rules';

beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
});

const taskmill: CustomRule = {
  id: 'taskmill', name: 'Taskmill', match: 'https://tasks.example.net/task/*', titleSelector: 'h1', rewardSelector: '.reward',
  currency: 'USD', submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', enabled: true,
};
const data = (over: Partial<RulesData> = {}): RulesData => ({ rules: [taskmill], granted: { taskmill: true }, presets, ...over });
/** What the background does with a save: validate each rule (the real validation). */
async function validateAll(rules: CustomRule[]): Promise<SaveRulesOutcome> {
  const problems = rules.flatMap((rule, index) => {
    const result = validateRule(rule);
    return result.ok ? [] : [{ index, problems: result.problems }];
  });
  return problems.length ? { saved: false, problems } : { saved: true, registered: [] };
}
let backgroundSave = vi.fn(validateAll);

describe('CustomSitesView', () => {
  beforeEach(() => {
    backgroundSave = vi.fn(validateAll);
  });

  it('adds a preset marked as best effort and needing setup, and says in words what is missing', async () => {
    render(<CustomSitesView data={data()} onSave={backgroundSave} onGrant={async () => true} onPick={async () => null} />);
    fireEvent.change(screen.getByLabelText('startFrom'), { target: { value: 'rapidworkers' } });
    fireEvent.click(screen.getByRole('button', { name: 'addSite' }));
    const fieldset = document.querySelector('fieldset[data-rule="rapidworkers"]')!;
    expect(fieldset.querySelector('legend')!.textContent).toBe('RapidWorkers · presetBadge · needsSetup');
    // Not granted: no "pick on page" yet, and access is asked for first.
    expect(fieldset.querySelector('button.link:not([disabled])')?.textContent).toBe('removeSite');
    // A pattern for every site is refused, with a message tied to its field.
    const match = screen.getAllByLabelText('sitePattern')[1]!;
    fireEvent.input(match, { target: { value: '<all_urls>' } });
    fireEvent.click(screen.getByRole('button', { name: 'saveSites' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('rulesInvalid'));
    expect(match.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(match.getAttribute('aria-describedby')!)!.textContent).toBe('ruleMatchTooBroad');
  });

  it('asks for access to the site before anything else, then saves the rule turned on', async () => {
    const order: string[] = [];
    const onGrant = vi.fn(async (rule: CustomRule) => {
      order.push(`grant ${rule.match}`);
      return true;
    });
    const onSave = vi.fn(async (rules: CustomRule[]) => {
      order.push('save');
      return backgroundSave(rules);
    });
    render(<CustomSitesView data={data({ granted: {} })} onSave={onSave} onGrant={onGrant} onPick={async () => null} />);
    fireEvent.click(screen.getByRole('button', { name: 'grantSite' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledOnce());
    expect(order).toEqual(['grant https://tasks.example.net/task/*', 'save']);
    expect(onSave.mock.calls[0]![0][0]).toMatchObject({ id: 'taskmill', enabled: true });
  });

  it('fills a selector picked on the page, and a set-up preset loses its "needs setup" mark when saved', async () => {
    const preset = { ...presets.find((p) => p.id === 'microworkers')!, enabled: true };
    const onPick = vi.fn(async () => 'h2.job-title');
    render(<CustomSitesView data={data({ rules: [preset], granted: { microworkers: true } })} onSave={backgroundSave} onGrant={async () => true} onPick={onPick} />);
    fireEvent.click(screen.getAllByRole('button', { name: 'pickOnPage' })[0]!);
    await waitFor(() => expect((screen.getByLabelText('titleSelector') as HTMLInputElement).value).toBe('h2.job-title'));
    expect(onPick).toHaveBeenCalledWith('microworkers', 'titleSelector');
    fireEvent.click(screen.getByRole('button', { name: 'saveSites' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('rulesSaved'));
    const saved = backgroundSave.mock.calls[0]![0][0]!;
    expect(saved).toMatchObject({ titleSelector: 'h2.job-title', preset: 'microworkers' });
    expect(saved.needsSetup).toBeUndefined();
  });

  it('shows the payout threshold in the worker’s notation, and reads it back', async () => {
    setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key), 'fr-FR');
    const rule = { ...taskmill, payoutThreshold: { minor: 900, currency: 'USD' } };
    render(<CustomSitesView data={data({ rules: [rule] })} onSave={backgroundSave} onGrant={async () => true} onPick={async () => null} />);
    const threshold = screen.getByLabelText('siteThreshold(USD)') as HTMLInputElement;
    expect(threshold.value).toBe('9,00');
    fireEvent.input(threshold, { target: { value: '12,50' } });
    fireEvent.click(screen.getByRole('button', { name: 'saveSites' }));
    await waitFor(() => expect(backgroundSave).toHaveBeenCalled());
    expect(backgroundSave.mock.calls[0]![0][0]!.payoutThreshold).toEqual({ minor: 1250, currency: 'USD' });
  });

  it('edits the payout threshold in the rule’s currency and refuses what is not an amount', async () => {
    render(<CustomSitesView data={data()} onSave={backgroundSave} onGrant={async () => true} onPick={async () => null} />);
    const threshold = screen.getByLabelText('siteThreshold(USD)') as HTMLInputElement;
    fireEvent.input(threshold, { target: { value: 'ten' } });
    expect(document.getElementById(threshold.getAttribute('aria-describedby')!)!.textContent).toBe('invalidThreshold(ten|USD)');
    fireEvent.input(threshold, { target: { value: '10.00' } });
    fireEvent.click(screen.getByRole('button', { name: 'saveSites' }));
    await waitFor(() => expect(backgroundSave).toHaveBeenCalledOnce());
    expect(backgroundSave.mock.calls[0]![0][0]!.payoutThreshold).toEqual({ minor: 1000, currency: 'USD' });
  });
});
