import { browser } from 'wxt/browser';
import { CUSTOM_RULES_KEY, matchesPattern, originPatternOf, type CustomRule } from '@/lib/platforms/custom-rule';
import { pageContext } from '@/lib/runtime/page-context';
import { listenForPicks, runCustom } from '@/lib/runtime/run-custom';

/**
 * The worker's custom sites. Never in the manifest (`registration: 'runtime'`, no matches, so no host access
 * is added): the background registers it with `scripting.registerContentScripts`, per site the worker granted.
 * The rules come from extension storage, validated by the background when saved; a light guard here.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_idle',
  main: async () => {
    const ctx = pageContext('custom');
    const stored = (await browser.storage.local.get(CUSTOM_RULES_KEY))[CUSTOM_RULES_KEY] as { rules?: unknown } | undefined;
    const rules = (Array.isArray(stored?.rules) ? stored.rules : []).filter(isRule);
    listenForPicks(ctx, rules);
    const url = new URL(location.href);
    // The rule of this site (registered per site: any page of it, its task pages and its submit page alike).
    const rule = rules.find((r) => r.enabled && matchesPattern(originPatternOf(r) ?? r.match, url));
    if (rule) runCustom(ctx, rule);
  },
});

function isRule(value: unknown): value is CustomRule {
  const r = value as Partial<CustomRule> | null;
  return !!r && typeof r.id === 'string' && typeof r.match === 'string' && typeof r.enabled === 'boolean' && typeof r.submit?.kind === 'string';
}
