// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CustomSitesView } from '../../../components/CustomSitesView';
import { setTranslator } from '../../../lib/i18n';
import type { RulesData, SaveRulesOutcome } from '../../../lib/messaging';
import type { CustomRule } from '../../../lib/platforms/custom-rule';
import { presets } from '../../../lib/platforms/presets';
import { RULE_ID, validateRule } from '../../../lib/storage/custom-rules';

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

describe('CustomSitesView: each rule is its own, wherever it stands in the list', () => {
  const site = (id: string, host: string): CustomRule => ({ ...taskmill, id, name: id, match: `https://${host}/task/*` });
  const three = [site('alpha', 'alpha.example.net'), site('bravo', 'bravo.example.net'), site('charlie', 'charlie.example.net')];
  const granted = { alpha: true, bravo: true, charlie: true };
  const fieldset = (id: string) => document.querySelector<HTMLFieldSetElement>(`fieldset[data-rule="${id}"]`)!;
  const field = (id: string, label: string) => within(fieldset(id)).getByLabelText(label) as HTMLInputElement;
  // Its label holds its problem too: found by what it is.
  const threshold = (id: string) => fieldset(id).querySelector<HTMLInputElement>('input[inputmode="decimal"]')!;
  const remove = (id: string) => fireEvent.click(within(fieldset(id)).getByRole('button', { name: 'removeSite' }));
  const shown = () => [...document.querySelectorAll('fieldset[data-rule]')].map((f) => f.getAttribute('data-rule'));
  beforeEach(() => {
    backgroundSave = vi.fn(validateAll);
  });

  it('keeps what was typed in a removed rule’s threshold with that rule, not with the rule that takes its place', () => {
    render(<CustomSitesView data={data({ rules: three, granted })} onSave={backgroundSave} onGrant={async () => true} onPick={async () => null} />);
    fireEvent.input(threshold('alpha'), { target: { value: 'ten' } });
    expect(threshold('alpha').getAttribute('aria-invalid')).toBe('true');
    remove('alpha');
    expect(shown()).toEqual(['bravo', 'charlie']);
    // Bravo never had a threshold: its field is empty and not in error.
    expect(threshold('bravo').value).toBe('');
    expect(threshold('bravo').getAttribute('aria-invalid')).toBeNull();
  });

  it('leaves a save’s problems on the rule that has them after a rule above it is removed', async () => {
    const rules = [three[0]!, { ...three[1]!, match: '<all_urls>' }, three[2]!];
    render(<CustomSitesView data={data({ rules, granted })} onSave={backgroundSave} onGrant={async () => true} onPick={async () => null} />);
    fireEvent.click(screen.getByRole('button', { name: 'saveSites' }));
    await waitFor(() => expect(field('bravo', 'sitePattern').getAttribute('aria-invalid')).toBe('true'));
    remove('alpha');
    expect(field('bravo', 'sitePattern').getAttribute('aria-invalid')).toBe('true');
    expect(field('charlie', 'sitePattern').getAttribute('aria-invalid')).toBeNull();
  });

  it('puts a selector picked on the page into its rule, and brings back no rule removed while the worker was picking', async () => {
    let answer!: (selector: string) => void;
    const onPick = vi.fn(() => new Promise<string | null>((resolve) => (answer = resolve)));
    render(<CustomSitesView data={data({ rules: three, granted })} onSave={backgroundSave} onGrant={async () => true} onPick={onPick} />);
    fireEvent.click(within(fieldset('charlie')).getAllByRole('button', { name: 'pickOnPage' })[0]!);
    expect(onPick).toHaveBeenCalledWith('charlie', 'titleSelector');
    // Back in the options page while the site's tab waits for the click: the worker removes a rule and renames another.
    remove('alpha');
    fireEvent.input(field('bravo', 'siteName'), { target: { value: 'Bravo jobs' } });
    answer('h2.job-title');
    await waitFor(() => expect(field('charlie', 'titleSelector').value).toBe('h2.job-title'));
    expect(shown()).toEqual(['bravo', 'charlie']);
    expect(field('bravo', 'siteName').value).toBe('Bravo jobs');
  });

  it('saves the list as it is when the site’s access is granted, not as it was when the worker asked', async () => {
    let grant!: (granted: boolean) => void;
    const onGrant = vi.fn(() => new Promise<boolean>((resolve) => (grant = resolve)));
    render(<CustomSitesView data={data({ rules: three, granted: { alpha: true, bravo: true } })} onSave={backgroundSave} onGrant={onGrant} onPick={async () => null} />);
    fireEvent.click(within(fieldset('charlie')).getByRole('button', { name: 'grantSite' }));
    // Firefox's permission prompt does not block the page: the worker removes a rule before answering it.
    remove('alpha');
    grant(true);
    await waitFor(() => expect(backgroundSave).toHaveBeenCalledOnce());
    expect(backgroundSave.mock.calls[0]![0].map((r) => [r.id, r.enabled])).toEqual([['bravo', true], ['charlie', true]]);
  });

  it('gives a new site an id of its own: never a removed site’s (its tasks keep that id), never the same on two computers', () => {
    // site-2 was removed in an earlier visit: its tasks are still recorded as `custom:site-2`.
    const before = [site('site-1', 'one.example.net'), site('site-3', 'three.example.net')];
    render(<CustomSitesView data={data({ rules: before, granted: {} })} onSave={backgroundSave} onGrant={async () => true} onPick={async () => null} />);
    fireEvent.click(screen.getByRole('button', { name: 'addSite' }));
    const added = shown()[2]!;
    expect(['site-1', 'site-2', 'site-3']).not.toContain(added);
    expect(added).toMatch(RULE_ID);
    cleanup();
    // Two computers whose rules sync (one item per rule id): each one's first site must not replace the other's.
    const firstOn = () => {
      render(<CustomSitesView data={data({ rules: [], granted: {} })} onSave={backgroundSave} onGrant={async () => true} onPick={async () => null} />);
      fireEvent.click(screen.getByRole('button', { name: 'addSite' }));
      const id = shown()[0]!;
      cleanup();
      return id;
    };
    expect(firstOn()).not.toBe(firstOn());
  });

  it('gives a second rule from a preset an id of its own, not the one a removed second rule had', () => {
    const clickworker = { ...presets.find((p) => p.id === 'clickworker')!, enabled: true };
    render(<CustomSitesView data={data({ rules: [clickworker], granted: {} })} onSave={backgroundSave} onGrant={async () => true} onPick={async () => null} />);
    fireEvent.change(screen.getByLabelText('startFrom'), { target: { value: 'clickworker' } });
    fireEvent.click(screen.getByRole('button', { name: 'addSite' }));
    const [first, second] = shown();
    expect(first).toBe('clickworker');
    // A second Clickworker rule, removed earlier, was `clickworker-2`: its tasks are still recorded under that id.
    expect(second).not.toBe('clickworker-2');
    expect(second).toMatch(/^clickworker-[a-z0-9]+$/);
    expect(second).toMatch(RULE_ID);
  });
});
