import { t } from './i18n';
import { customPlatformId, isPatternProblem, parseMatchPattern, type CustomRule } from './platforms/custom-rule';
import { platforms } from './platforms/registry';

/**
 * The names Centime's pages give the worker's custom sites (`custom:<id>`): the name the worker gave each rule,
 * not its id. The background alone holds the custom adapters, so each page asks it for the rules once as it
 * opens (`loadCustomSiteNames`, lib/runtime/extension-page.ts) and renders after; a name is then looked up
 * synchronously while rendering. A site whose rule was removed since is not here: its tasks show its id.
 */
export type NamedRule = Pick<CustomRule, 'id' | 'name' | 'match'>;

const key = (name: string) => name.trim().toLowerCase();

function counts(names: readonly string[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const name of names) seen.set(key(name), (seen.get(key(name)) ?? 0) + 1);
  return seen;
}

/** The host of the rule's match pattern (`*.` dropped), or null where it names none yet. */
function hostOf(rule: NamedRule): string | null {
  const pattern = parseMatchPattern(rule.match.trim());
  return isPatternProblem(pattern) ? null : pattern.host;
}

/**
 * Platform id → name shown. A name that another rule or a `reserved` name (a built-in platform's) also has, in
 * any case, comes with its site's host (`withHint(name, host)`); two rules of one name on one host (different
 * paths) come with their ids, which are unique. Pure.
 */
export function siteNames(rules: readonly NamedRule[], reserved: readonly string[], withHint: (name: string, hint: string) => string): Map<string, string> {
  const plain = counts([...reserved, ...rules.map((rule) => rule.name)]);
  const first = rules.map((rule) => ((plain.get(key(rule.name)) ?? 0) > 1 ? withHint(rule.name, hostOf(rule) ?? rule.id) : rule.name));
  const again = counts([...reserved, ...first]);
  return new Map(rules.map((rule, i) => [customPlatformId(rule), (again.get(key(first[i]!)) ?? 0) > 1 ? withHint(rule.name, rule.id) : first[i]!]));
}

/** `siteNames` beside the built-in platforms, in the worker's language (asked only where two names meet). */
export function customSiteNamesOf(rules: readonly NamedRule[]): Map<string, string> {
  return siteNames(
    rules,
    platforms.map((p) => p.name),
    (name, hint) => t('customSiteWithHint', [name, hint]),
  );
}

let names: ReadonlyMap<string, string> = new Map();

/** Takes the page's rules (none: every custom site is named by its id again). */
export function setCustomSiteNames(rules: readonly NamedRule[]): void {
  names = customSiteNamesOf(rules);
}

/** The worker's name for a custom site (`custom:<id>`), or undefined when no rule of the page has that id. */
export const customSiteName = (platform: string): string | undefined => names.get(platform);
