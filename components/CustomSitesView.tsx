import { useEffect, useState } from 'preact/hooks';
import { errorText, t } from '../lib/i18n';
import type { PickField, RulesData, SaveRulesOutcome } from '../lib/messaging';
import type { CustomRule } from '../lib/platforms/custom-rule';
import type { RuleProblem } from '../lib/storage/custom-rules';
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

const blank = (n: number): CustomRule => ({
  id: `site-${n}`, name: '', match: 'https://', titleSelector: '', rewardSelector: '', currency: 'USD',
  submit: { kind: 'selector', selector: '' }, timing: 'internal', enabled: false,
});

/**
 * The worker's custom sites in the options page: each rule's fields with the problems the background found,
 * presets to start from (marked best-effort), host access asked per site, and "pick on page" for selectors.
 */
export function CustomSitesView({ data, onSave, onGrant, onPick }: CustomSitesViewProps) {
  const [rules, setRules] = useState<CustomRule[] | null>(null);
  const [problems, setProblems] = useState<Record<number, RuleProblem[]>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'status'; text: string } | null>(null);
  const [preset, setPreset] = useState('');
  useEffect(() => setRules(null), [data]);
  if (!data) return null;
  const list = rules ?? data.rules;
  const edit = (i: number, change: Partial<CustomRule>) => setRules(list.map((r, j) => (j === i ? { ...r, ...change } : r)));

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
    setProblems(Object.fromEntries(outcome.problems.map((p) => [p.index, p.problems])));
    setMessage({ kind: 'error', text: t('rulesInvalid') });
    return false;
  };
  const grant = (i: number) => {
    // The permission request comes first in the click (Firefox refuses it after an await).
    void onGrant(list[i]!).then(async (granted) => {
      if (!granted) return setMessage({ kind: 'error', text: t('accessRefused') });
      await save(list.map((r, j) => (j === i ? { ...r, enabled: true } : r)));
    });
  };
  const pick = async (i: number, field: PickField) => {
    const rule = list[i]!;
    try {
      const selector = await onPick(rule.id, field);
      if (selector === null) return;
      if (field === 'submit') edit(i, { submit: rule.submit.kind === 'url' ? rule.submit : { kind: rule.submit.kind, selector } });
      else edit(i, { [field]: selector });
    } catch (error) {
      setMessage({ kind: 'error', text: t('pickFailed', [errorText(error)]) });
    }
  };
  const add = () => {
    const fromPreset = data.presets.find((p) => p.id === preset);
    const taken = new Set(list.map((r) => r.id));
    const rule = fromPreset ? structuredClone(fromPreset) : blank(list.length + 1);
    for (let n = 2; taken.has(rule.id); n++) rule.id = `${fromPreset?.id ?? 'site'}-${n}`;
    setRules([...list, rule]);
  };

  return (
    <section aria-labelledby="sites-title" class="sites">
      <h2 id="sites-title">{t('customSites')}</h2>
      <p class="muted">{t('customSitesHelp')}</p>
      {data.problem && <p class="warning" role="alert">{t('rulesReset')}</p>}
      {list.map((rule, i) => (
        <RuleEditor
          key={i}
          rule={rule}
          index={i}
          granted={!!data.granted[rule.id] && (data.rules.find((r) => r.id === rule.id)?.match === rule.match)}
          problems={problems[i] ?? []}
          onEdit={(change) => edit(i, change)}
          onGrant={() => grant(i)}
          onPick={(field) => void pick(i, field)}
          onRemove={() => setRules(list.filter((_, j) => j !== i))}
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
