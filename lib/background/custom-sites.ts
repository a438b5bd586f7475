import { customAdapter } from '../platforms/custom';
import { originPatternOf, type CustomRule } from '../platforms/custom-rule';
import { setCustomAdapters } from '../platforms/registry';

/** The one content script for every custom site (WXT `registration: 'runtime'`: not in the manifest). */
export const CUSTOM_SCRIPT = 'content-scripts/custom.js';
const PREFIX = 'custom-site:';

/** What the background does with `browser.scripting` and `browser.permissions`; tests pass a fake. */
export interface ScriptingEnv {
  registered(): Promise<{ id: string; matches?: string[] }[]>;
  register(scripts: { id: string; matches: string[]; js: string[]; runAt: 'document_idle' }[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  /** Whether the worker granted host access to this origin pattern. */
  granted(origin: string): Promise<boolean>;
}

/** The script a rule needs: enabled and granted; it runs on the rule's whole site (its submit page too). */
async function wanted(rules: readonly CustomRule[], env: ScriptingEnv): Promise<Map<string, string>> {
  const scripts = new Map<string, string>();
  for (const rule of rules) {
    const origin = originPatternOf(rule);
    if (rule.enabled && origin && (await env.granted(origin))) scripts.set(`${PREFIX}${rule.id}`, origin);
  }
  return scripts;
}

/**
 * Makes the registered scripts match the rules: Chrome keeps registrations across restarts, so the list is
 * compared with `getRegisteredContentScripts` rather than registered again (a second registration of an id
 * fails); a rule disabled, removed or whose access was revoked loses its script. Returns the registered ids.
 */
export async function syncCustomSites(rules: readonly CustomRule[], env: ScriptingEnv): Promise<string[]> {
  setCustomAdapters(rules.filter((rule) => rule.enabled).map(customAdapter));
  const want = await wanted(rules, env);
  const have = (await env.registered()).filter((script) => script.id.startsWith(PREFIX));
  const stale = have.filter((script) => want.get(script.id) !== script.matches?.[0] || script.matches?.length !== 1);
  if (stale.length) await env.unregister(stale.map((script) => script.id));
  const kept = new Set(have.filter((script) => !stale.includes(script)).map((script) => script.id));
  const fresh = [...want].filter(([id]) => !kept.has(id));
  if (fresh.length) await env.register(fresh.map(([id, origin]) => ({ id, matches: [origin], js: [CUSTOM_SCRIPT], runAt: 'document_idle' as const })));
  return [...want.keys()];
}
