import { t } from '../lib/i18n';
import type { RuleProblem } from '../lib/storage/custom-rules';

/** A rule's problem in words the worker can act on (the background answers codes; the page words them). */
export function problemText(problem: RuleProblem): string {
  switch (problem.code) {
    case 'required':
      return t('ruleRequired');
    case 'too-short':
    case 'too-long':
      return t('ruleLength');
    case 'match-invalid':
      return t('ruleMatchInvalid');
    case 'match-scheme':
      return t('ruleMatchScheme');
    case 'match-host':
      return t('ruleMatchHost');
    case 'match-port':
      return t('ruleMatchPort');
    case 'match-too-broad':
      return t('ruleMatchTooBroad');
    case 'match-builtin':
      return t('ruleMatchBuiltin');
    case 'selector-invalid':
      return t('ruleSelectorInvalid');
    case 'submit-other-site':
      return t('ruleSubmitOtherSite');
    case 'currency-invalid':
      return t('ruleCurrencyInvalid');
    case 'threshold-invalid':
      return t('ruleThresholdInvalid');
    default:
      return t('ruleInvalid');
  }
}
