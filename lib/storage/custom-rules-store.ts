import { storage } from 'wxt/utils/storage';
import { CUSTOM_RULES_KEY, type CustomRule } from '../platforms/custom-rule';
import { customRulesKind, customRulesSchema, CUSTOM_RULES_VERSION } from './custom-rules';
import { quarantine } from './quarantine';
import { upgrade } from './versioned';

/**
 * The worker's custom sites, in extension storage (`local:customRules`): the background writes them after
 * validating every rule; the custom-site content script reads them (storage.local is the extension's own, not
 * the website's). Invalid stored rules are quarantined, never silently dropped.
 */
const rulesItem = storage.defineItem<unknown>(`local:${CUSTOM_RULES_KEY}`);

export async function loadCustomRules(now: number = Date.now()): Promise<{ rules: CustomRule[]; problem?: string }> {
  const raw = await rulesItem.getValue();
  if (raw === null || raw === undefined) return { rules: [] };
  const result = upgrade(customRulesKind, raw);
  if (result.ok) return { rules: result.value.rules };
  await quarantine({ source: 'custom rules', reason: result.error, raw, at: now });
  await rulesItem.setValue({ v: CUSTOM_RULES_VERSION, rules: [] });
  return { rules: [], problem: result.error };
}

/** Validates the whole list before writing: an invalid rule never replaces good ones. */
export async function saveCustomRules(rules: CustomRule[]): Promise<void> {
  await rulesItem.setValue(customRulesSchema.parse({ v: CUSTOM_RULES_VERSION, rules }));
}

export function watchCustomRules(onChange: () => void): () => void {
  return rulesItem.watch(onChange);
}
