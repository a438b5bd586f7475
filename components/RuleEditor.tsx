import { useState } from 'preact/hooks';
import { parseMoney } from '../lib/domain/money';
import { t, uiLocale } from '../lib/i18n';
import type { PickField } from '../lib/messaging';
import type { CustomRule } from '../lib/platforms/custom-rule';
import type { RuleProblem } from '../lib/storage/custom-rules';
import { problemText } from './rule-problems';
import { Button } from './ui/Button';
import { plainAmount } from './options/draft';
import { focusListAdd } from './options/focus';

// One custom site's fields in the options page: labels tied to inputs, each problem tied to its field, and
// "pick on page" beside the selectors (outside their labels, which would otherwise name the button too).

export interface RuleEditorProps {
  rule: CustomRule;
  /** Its place in the list, for its fields' element ids only: the list keys each editor by its rule's id. */
  index: number;
  granted: boolean;
  problems: RuleProblem[];
  onEdit(change: Partial<CustomRule>): void;
  onGrant(): void;
  onPick(field: PickField): void;
  onRemove(): void;
}

export function RuleEditor({ rule, index, granted, problems, onEdit, onGrant, onPick, onRemove }: RuleEditorProps) {
  const id = (field: string) => `rule-${index}-${field}`;
  const problemOf = (field: string) => problems.find((p) => p.field === field);
  const input = (field: 'name' | 'match' | 'titleSelector' | 'rewardSelector' | 'currency', label: string, pickable?: PickField) => {
    const problem = problemOf(field);
    // The button sits outside the label: a label names everything inside it.
    return (
      <div class="field">
        <label for={id(field)} id={id(`${field}-label`)}>
          {label}
        </label>
        <span class="bar">
          <input
            id={id(field)}
            value={rule[field] ?? ''}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={problem ? id(`${field}-problem`) : undefined}
            onInput={(e) => onEdit({ [field]: (e.currentTarget as HTMLInputElement).value })}
          />
          {pickable && (
            <Button variant="link" disabled={!granted} aria-describedby={id(`${field}-label`)} onClick={() => onPick(pickable)}>
              {t('pickOnPage')}
            </Button>
          )}
        </span>
        {problem && (
          <span id={id(`${field}-problem`)} class="error">
            {problemText(problem)}
          </span>
        )}
      </div>
    );
  };
  const submitValue = rule.submit.kind === 'url' ? rule.submit.pattern : rule.submit.selector;
  const submitProblem = problemOf('submit');
  return (
    <fieldset data-rule={rule.id}>
      <legend>
        {rule.name || t('newSite')}
        {rule.preset && <span class="muted"> · {t('presetBadge')}</span>}
        {rule.needsSetup && <span class="warning"> · {t('needsSetup')}</span>}
      </legend>
      {input('name', t('siteName'))}
      {input('match', t('sitePattern'))}
      {input('titleSelector', t('titleSelector'), 'titleSelector')}
      {input('rewardSelector', t('rewardSelector'), 'rewardSelector')}
      {input('currency', t('siteCurrency'))}
      <label for={id('submit-kind')}>
        {t('submitKind')}
        <select
          id={id('submit-kind')}
          value={rule.submit.kind}
          onChange={(e) => {
            const kind = (e.currentTarget as HTMLSelectElement).value as CustomRule['submit']['kind'];
            onEdit({ submit: kind === 'url' ? { kind, pattern: submitValue } : { kind, selector: submitValue } });
          }}
        >
          <option value="selector">{t('submitBySelector')}</option>
          <option value="url">{t('submitByUrl')}</option>
          <option value="click">{t('submitByClick')}</option>
        </select>
      </label>
      <div class="field">
        <label for={id('submit')} id={id('submit-label')}>
          {rule.submit.kind === 'url' ? t('submitPattern') : t('submitSelector')}
        </label>
        <span class="bar">
          <input
            id={id('submit')}
            value={submitValue}
            aria-invalid={submitProblem ? 'true' : undefined}
            aria-describedby={submitProblem ? id('submit-problem') : undefined}
            onInput={(e) => {
              const value = (e.currentTarget as HTMLInputElement).value;
              onEdit({ submit: rule.submit.kind === 'url' ? { kind: 'url', pattern: value } : { kind: rule.submit.kind, selector: value } });
            }}
          />
          {rule.submit.kind !== 'url' && (
            <Button variant="link" disabled={!granted} aria-describedby={id('submit-label')} onClick={() => onPick('submit')}>
              {t('pickOnPage')}
            </Button>
          )}
        </span>
        {submitProblem && (
          <span id={id('submit-problem')} class="error">
            {problemText(submitProblem)}
          </span>
        )}
      </div>
      <ThresholdField rule={rule} id={id('threshold')} problem={problemOf('payoutThreshold')} onEdit={onEdit} />
      <label for={id('timing')}>
        {t('timingKind')}
        <select id={id('timing')} value={rule.timing} onChange={(e) => onEdit({ timing: (e.currentTarget as HTMLSelectElement).value as CustomRule['timing'] })}>
          <option value="internal">{t('timingInternal')}</option>
          <option value="external">{t('timingExternal')}</option>
        </select>
      </label>
      {problemOf('rule') && <p class="error">{problemText(problemOf('rule')!)}</p>}
      <div class="bar rule-actions">
        {granted ? (
          <label for={id('enabled')} class="check">
            <input type="checkbox" id={id('enabled')} checked={rule.enabled} onChange={(e) => onEdit({ enabled: (e.currentTarget as HTMLInputElement).checked })} />
            {t('siteEnabled')}
          </label>
        ) : (
          <Button variant="primary" onClick={onGrant}>
            {t('grantSite')}
          </Button>
        )}
        <Button
          variant="link"
          onClick={(e) => {
            focusListAdd(e);
            onRemove();
          }}
        >
          {t('removeSite')}
        </Button>
      </div>
    </fieldset>
  );
}

/** The payout threshold in the rule's currency; empty: none. Typed text stays until it reads as an amount. */
function ThresholdField({ rule, id, problem, onEdit }: { rule: CustomRule; id: string; problem?: RuleProblem; onEdit(change: Partial<CustomRule>): void }) {
  // In the worker's own notation ("9,00" in French), as the settings' amounts are; parseMoney reads both marks.
  const shown = rule.payoutThreshold ? plainAmount(rule.payoutThreshold.minor, rule.payoutThreshold.currency, uiLocale()) : '';
  const [text, setText] = useState<string | null>(null);
  const [bad, setBad] = useState(false);
  return (
    <label for={id}>
      {t('siteThreshold', [rule.payoutThreshold?.currency ?? rule.currency])}
      <input
        id={id}
        inputMode="decimal"
        value={text ?? shown}
        aria-invalid={bad || problem ? 'true' : undefined}
        aria-describedby={bad || problem ? `${id}-problem` : undefined}
        onInput={(e) => {
          const value = (e.currentTarget as HTMLInputElement).value;
          setText(value);
          const currency = rule.payoutThreshold?.currency ?? rule.currency;
          if (value.trim() === '') {
            setBad(false);
            const { payoutThreshold: _none, ...rest } = rule;
            return onEdit({ ...rest, payoutThreshold: undefined });
          }
          const amount = parseMoney(value, currency);
          setBad(!amount || amount.currency !== currency || amount.minor <= 0);
          if (amount && amount.currency === currency && amount.minor > 0) onEdit({ payoutThreshold: amount });
        }}
      />
      {(bad || problem) && (
        <span id={`${id}-problem`} class="error">
          {bad ? t('invalidThreshold', [text ?? '', rule.payoutThreshold?.currency ?? rule.currency]) : problemText(problem!)}
        </span>
      )}
    </label>
  );
}
