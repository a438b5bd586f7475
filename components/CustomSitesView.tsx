import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, t } from '../lib/i18n';
import type { PickField, RulesData, SaveRulesOutcome } from '../lib/messaging';
import type { CustomRule } from '../lib/platforms/custom-rule';
import { newRuleId, type RuleProblem } from '../lib/storage/custom-rules';
import { RuleEditor } from './RuleEditor';
import { Button } from './ui/Button';

export interface CustomSitesViewProps {
  data: RulesData | null;
  onSave(rules: CustomRule[]): Promise<SaveRulesOutcome>;
  /** Asks for host access to the rule's site; must call `permissions.request` before anything else. */
  onGrant(rule: CustomRule): Promise<boolean>;
  /** "Pick on page" on the rule's site: the selector picked, or null. */
  onPick(ruleId: string, field: PickField): Promise<string | null>;
}

const blank = (): CustomRule => ({
  id: 'site', name: '', match: 'https://', titleSelector: '', rewardSelector: '', currency: 'USD',
  submit: { kind: 'selector', selector: '' }, timing: 'internal', enabled: false,
});

/**
 * The worker's custom sites in the options page: each rule's fields with the problems the background found,
 * presets to start from (marked best-effort), host access asked per site, and "pick on page" for selectors.
 * Everything names a rule by its id, never by its place in the list: a rule removed, or the list reordered
 * (another computer's rules come sorted by id), moves no typed text, problem or picked selector to another rule,
 * and what ends after an await (a pick, a permission prompt) applies to the list as it is then.
 */
export function CustomSitesView({ data, onSave, onGrant, onPick }: CustomSitesViewProps) {
  const [rules, setRules] = useState<CustomRule[] | null>(null);
  const [problems, setProblems] = useState<Record<string, RuleProblem[]>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; text: string } | null>(null);
  const [preset, setPreset] = useState('');
  const latest = useRef<CustomRule[]>([]);
  useEffect(() => setRules(null), [data]);
  if (!data) return null;
  const list = rules ?? data.rules;
  latest.current = list;
  const update = (change: (rules: CustomRule[]) => CustomRule[]) => setRules((before) => change(before ?? latest.current));
  const edit = (id: string, change: (rule: CustomRule) => Partial<CustomRule>) =>
    update((all) => all.map((r) => (r.id === id ? { ...r, ...change(r) } : r)));

  const save = async (edited: CustomRule[]) => {
    // A preset that now has its title and submit control is set up.
    const next = edited.map((r) => {
      const submitSet = (r.submit.kind === 'url' ? r.submit.pattern : r.submit.selector).trim() !== '';
      if (!r.needsSetup || !r.titleSelector?.trim() || !submitSet) return r;
      const { needsSetup: _done, ...rest } = r;
      return rest;
    });
    let outcome: SaveRulesOutcome;
    try {
      outcome = await onSave(next);
    } catch (error) {
      setMessage({ kind: 'error', text: t('saveFailed', [errorText(error)]) });
      return false;
    }
    if (outcome.saved) {
      setProblems({});
      setMessage({ kind: 'status', text: t('rulesSaved') });
      return true;
    }
    setProblems(Object.fromEntries(outcome.problems.map((p) => [next[p.index]?.id, p.problems])));
    setMessage({ kind: 'error', text: t('rulesInvalid') });
    return false;
  };
  const grant = (rule: CustomRule) => {
    // The permission request comes first in the click (Firefox refuses it after an await).
    void onGrant(rule).then(async (granted) => {
      if (!granted) return setMessage({ kind: 'error', text: t('accessRefused') });
      await save(latest.current.map((r) => (r.id === rule.id ? { ...r, enabled: true } : r)));
    });
  };
  const pick = async (id: string, field: PickField) => {
    try {
      const selector = await onPick(id, field);
      if (selector === null) return;
      edit(id, (r) => (field !== 'submit' ? { [field]: selector } : r.submit.kind === 'url' ? {} : { submit: { kind: r.submit.kind, selector } }));
    } catch (error) {
      setMessage({ kind: 'error', text: t('pickFailed', [errorText(error)]) });
    }
  };
  const add = () => {
    const fromPreset = data.presets.find((p) => p.id === preset);
    const taken = new Set(list.map((r) => r.id));
    const rule = fromPreset ? structuredClone(fromPreset) : blank();
    rule.id = newRuleId(rule.id, taken, !!fromPreset);
    update((all) => [...all, rule]);
  };

  return (
    <section aria-labelledby="sites-title" class="sites">
      <h2 id="sites-title">{t('customSites')}</h2>
      <p class="muted">{t('customSitesHelp')}</p>
      {list.length === 0 && <p class="empty">{t('customSitesEmpty')}</p>}
      {data.problem && <p class="warning" role="alert">{t('rulesReset')}</p>}
      {list.map((rule, i) => (
        <RuleEditor
          key={rule.id}
          rule={rule}
          index={i}
          granted={!!data.granted[rule.id] && (data.rules.find((r) => r.id === rule.id)?.match === rule.match)}
          problems={problems[rule.id] ?? []}
          onEdit={(change) => edit(rule.id, () => change)}
          onGrant={() => grant(rule)}
          onPick={(field) => void pick(rule.id, field)}
          onRemove={() => update((all) => all.filter((r) => r.id !== rule.id))}
        />
      ))}
      <div class="bar sites-actions">
        <label for="preset">
          {t('startFrom')}
          <select id="preset" value={preset} onChange={(e) => setPreset((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('blankSite')}</option>
            {data.presets.map((p) => (
              <option key={p.id} value={p.id}>
                {t('presetOption', [p.name])}
              </option>
            ))}
          </select>
        </label>
        <Button class="add-row" onClick={add}>
          {t('addSite')}
        </Button>
        <Button variant="primary" onClick={() => void save(list)}>
          {t('saveSites')}
        </Button>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} class={message.kind === 'error' ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
