import { browser } from 'wxt/browser';
import type enMessages from '../public/_locales/en/messages.json';

/** Every message key that `_locales/en/messages.json` defines; using another key fails the typecheck. */
export type MessageKey = keyof typeof enMessages;

export type Translator = (key: MessageKey, substitutions?: string[]) => string;

const fromBrowser: Translator = (key, substitutions) =>
  // getMessage answers '' for an unknown key; show the key rather than nothing so the gap is visible.
  browser.i18n.getMessage(key as never, substitutions) || key;

let current: Translator = fromBrowser;

/** The one door to browser.i18n: every user-visible string goes through it. */
export function t(key: MessageKey, substitutions?: string[]): string {
  return current(key, substitutions);
}

/** Tests (and component previews) inject their own translator; call with no argument to restore. */
export function setTranslator(translator?: Translator): void {
  current = translator ?? fromBrowser;
}

/** The UI language, for Intl formatting of money and dates. */
export function uiLocale(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
