import type { CustomRule } from '../../lib/platforms/custom-rule';
import { presets } from '../../lib/platforms/presets';

/**
 * The generated worker's custom site: Clickworker, from its preset, set up on a job page (selectors picked) and
 * enabled, so that `custom:clickworker` is one of the platforms the popup lists. Seeds save it in extension
 * storage beside the history (`local:customRules`). The selectors only stand for ones a worker would pick.
 */
export const SEED_RULES: CustomRule[] = [
  {
    ...presets.find((p) => p.id === 'clickworker')!,
    titleSelector: 'h1.job-title',
    rewardSelector: '.job-payment',
    submit: { kind: 'click', selector: 'button[type="submit"]' },
    needsSetup: false,
    enabled: true,
  },
];
