import { browser } from 'wxt/browser';
import type enMessages from '../public/_locales/en/messages.json';
import { toCoded } from './errors';

/** Every message key that `_locales/en/messages.json` defines; using another key fails the typecheck. */
export type MessageKey = keyof typeof enMessages;

/** A message worded by plural category: `<key>_one`, `<key>_other` (and `_many` in French) in the catalogues. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

export type Translator = (key: MessageKey, substitutions?: string[]) => string;

/**
 * A page's words never change while it lives: each message is asked of the browser once (issue 18: the history
 * list's rows ask for the same few words every frame of a scroll, some with a task's ids in them). A message with
 * substitutions is asked once with a mark in each place ($1 to $9), and each call puts its values where the marks
 * are, in one pass, as the browser does: a value is never read for marks or placeholders of its own.
 */
const plain = new Map<MessageKey, string>();
const templates = new Map<MessageKey, string>();
// Private-use characters, which no message contains.
const MARKS = Array.from({ length: 9 }, (_, i) => String.fromCharCode(0xe000 + i));
const MARK = /[\ue000-\ue008]/g;
const fromBrowser: Translator = (key, substitutions) => {
  if (!substitutions?.length) {
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = message(key)));
    return text;
  }
  let template = templates.get(key);
  if (template === undefined) templates.set(key, (template = message(key, MARKS)));
  return template.replace(MARK, (mark) => substitutions[mark.charCodeAt(0) - 0xe000] ?? '');
};
// getMessage answers '' for an unknown key; show the key rather than nothing so the gap is visible.
const message = (key: MessageKey, substitutions?: string[]) => browser.i18n.getMessage(key as never, substitutions) || key;

let current: Translator = fromBrowser;
let currentLocale: string | undefined;
/**
 * `uiLocale()` as the browser's catalogue and languages make it, kept: it asked the browser and `Intl` at every
 * call, and a history row formats several figures with it every frame of a scroll (issue 18). The catalogue is
 * fixed while the extension runs; the preferred languages can change (`languagechange`), which forgets it.
 */
let browserLocale: string | undefined;
globalThis.addEventListener?.('languagechange', () => (browserLocale = undefined));

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
  browserLocale = undefined;
  plain.clear();
  templates.clear();
}

/**
 * The locale that formats money, dates and counts: the language of the catalogue the words come from (its
 * `catalogueLanguage` message), in the worker's own region when a preferred language of the browser says it.
 * Not `getUILanguage()` alone: Chromium started with `--lang=fr` words its messages in French yet answers
 * "en-US" there, which would put English dates and "$1.50" beside French words.
 */
export function uiLocale(): string {
  if (currentLocale) return currentLocale;
  if (current !== fromBrowser) return localeOfCatalogue();
  return (browserLocale ??= localeOfCatalogue());
}

function localeOfCatalogue(): string {
  let ui = '';
  try {
    ui = browser.i18n.getUILanguage();
  } catch {
    // No extension API (a unit test without a translator): the catalogue's language decides below, or English.
  }
  let catalogue = '';
  try {
    catalogue = t('catalogueLanguage');
  } catch {
    // As above.
  }
  if (!/^[a-z]{2,3}$/.test(catalogue)) return ui || 'en';
  return pickLocale(catalogue, [...(globalThis.navigator?.languages ?? []), ui]);
}

/** The first of `preferred` in the catalogue's language (`catalogue`, e.g. "fr"), else that language alone. */
export function pickLocale(catalogue: string, preferred: readonly string[]): string {
  const valid = (l: string) => {
    try {
      return Intl.NumberFormat.supportedLocalesOf(l).length > 0;
    } catch {
      return false;
    }
  };
  return preferred.find((l) => l && l.toLowerCase().split('-')[0] === catalogue && valid(l)) ?? catalogue;
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

/** Items of one line apart by semicolons, as the worker's language punctuates them ("a ; b" with a no-break space in French). */
export function semicolonList(items: readonly string[]): string {
  return items.join(`${t('listSemicolon')} `);
}

/** An error in the worker's words: a CentimeError (or a coded reply) by its code, anything else as "unknown". */
export function errorText(error: unknown): string {
  const { code, params } = toCoded(error);
  return t(`error_${code}`, params);
}
