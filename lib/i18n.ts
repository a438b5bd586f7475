import { browser } from 'wxt/browser';
import type enMessages from '../public/_locales/en/messages.json';
import { toCoded } from './errors';

/** Every message key that `_locales/en/messages.json` defines; using another key fails the typecheck. */
export type MessageKey = keyof typeof enMessages;

/** A message worded by plural category: `<key>_one`, `<key>_other` (and `_many` in French) in the catalogues. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

export type Translator = (key: MessageKey, substitutions?: string[]) => string;

const fromBrowser: Translator = (key, substitutions) =>
  // getMessage answers '' for an unknown key; show the key rather than nothing so the gap is visible.
  browser.i18n.getMessage(key as never, substitutions) || key;

let current: Translator = fromBrowser;
let currentLocale: string | undefined;

/** The one door to browser.i18n: every user-visible string goes through it. */
export function t(key: MessageKey, substitutions?: string[]): string {
  return current(key, substitutions);
}

/**
 * Tests (and component previews) inject their own translator, and the locale of its catalogue for plural rules
 * and numbers; call with no argument to restore.
 */
export function setTranslator(translator?: Translator, locale?: string): void {
  current = translator ?? fromBrowser;
  currentLocale = translator ? locale : undefined;
}

/** The UI language, for Intl formatting of money and dates. */
export function uiLocale(): string {
  if (currentLocale) return currentLocale;
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}

/** A count as the worker's language writes it ("1 234" in French). */
export function formatCount(count: number, locale = uiLocale()): string {
  return new Intl.NumberFormat(locale).format(count);
}

/**
 * A message about `count` things in the form its plural category needs (`Intl.PluralRules`: French says
 * "1 tâche", "0 tâche", English "0 tasks"). `substitutions` default to the count alone, formatted. A category
 * the catalogue has no form for (a language whose catalogue falls back to English) uses `_other`.
 */
export function tPlural(key: PluralKey, count: number, substitutions?: string[], locale = uiLocale()): string {
  const subs = substitutions ?? [formatCount(count, locale)];
  const wanted = `${key}_${new Intl.PluralRules(locale).select(count)}` as MessageKey;
  const text = t(wanted, subs);
  return text && text !== wanted ? text : t(`${key}_other` as MessageKey, subs);
}

/** An error in the worker's words: a CentimeError (or a coded reply) by its code, anything else as "unknown". */
export function errorText(error: unknown): string {
  const { code, params } = toCoded(error);
  return t(`error_${code}`, params);
}
