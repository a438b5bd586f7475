import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CentimeError, ERROR_CODES } from '../../lib/errors';
import { errorText, pickLocale, setTranslator, t, tPlural } from '../../lib/i18n';
import { frenchTranslator } from './components/period-fixtures';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const en: Messages = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8'));
const fr: Messages = JSON.parse(readFileSync('public/_locales/fr/messages.json', 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(tsx?|html)$/.test(name) ? [path] : [];
  });
}

/** Every message key the product's code asks for: t('key', …) calls and __MSG_key__ in manifests and pages. */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of [...sources('entrypoints'), ...sources('components'), ...sources('lib'), 'wxt.config.ts']) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*['"`]([^'"`]+)['"`]/g)) used.set(m[1]!, file);
    for (const m of text.matchAll(/__MSG_(\w+)__/g)) used.set(m[1]!, file);
    // A plural message is asked for by its base (its forms are checked below); errors by their code.
    for (const m of text.matchAll(/\btPlural\(\s*['"`]([^'"`]+)['"`]/g)) used.set(`${m[1]!}_other`, file);
  }
  for (const code of ERROR_CODES) used.set(`error_${code}`, 'lib/errors.ts');
  // Keys built from a template (`${key}_other`, `error_${code}`) are covered by the two lines above.
  return new Map([...used].filter(([key]) => /^\w+$/.test(key)));
}

const catalogues: Record<string, Messages> = Object.fromEntries(
  readdirSync('public/_locales').map((locale) => [locale, JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'))]),
);
/** Plural messages: those with an `_other` form. */
const pluralBases = (messages: Messages) => Object.keys(messages).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length));
const pluralCategory = /_(zero|one|two|few|many|other)$/;

describe('messages', () => {
  afterEach(() => setTranslator());

  it('defines in English every key the code uses', () => {
    const missing = [...usedKeys()].filter(([key]) => !(key in en)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('finds the keys it checks (the scan itself works)', () => {
    expect(usedKeys().has('extName')).toBe(true);
    expect(usedKeys().size).toBeGreaterThan(10);
  });

  it('has no English message that nothing uses', () => {
    const used = usedKeys();
    expect(Object.keys(en).filter((key) => !used.has(key.replace(pluralCategory, '_other')))).toEqual([]);
  });

  it('translates every English message into French, with the same placeholders', () => {
    // Plural forms differ by language (French has "many"): the plural messages are compared by their base.
    const singular = (messages: Messages) => Object.keys(messages).filter((k) => !pluralCategory.test(k)).sort();
    expect(singular(fr)).toEqual(singular(en));
    expect(pluralBases(fr).sort()).toEqual(pluralBases(en).sort());
    for (const [key, { placeholders }] of Object.entries({ ...en, ...fr })) {
      const base = key.replace(pluralCategory, '_other');
      const english = en[key] ?? en[base];
      expect(english, key).toBeDefined();
      expect(placeholders, key).toEqual(english?.placeholders);
    }
    for (const [key, { placeholders }] of Object.entries(en)) {
      if (pluralCategory.test(key)) continue;
      expect(fr[key]?.placeholders, key).toEqual(placeholders);
      for (const name of Object.keys(placeholders ?? {})) {
        expect(fr[key]?.message, key).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });

  it('spaces French punctuation with a no-break space: before : ; ? ! », after « (never an ordinary space)', () => {
    // An ordinary space there lets the line break before the colon or inside the quotes. Only a space counts:
    // "https:", "h:mm:ss" or "12:30" have none. A guillemet touching its word is wrong too.
    const problems = (message: string) => [...message.matchAll(/[^\S\u00a0\u202f][:;?!»]|«[^\S\u00a0\u202f]|[^\s«]»|«[^\s»]/g)].map((m) => m[0]);
    // The check itself: what it must find, and what it must let be.
    expect(problems('Centime : « $TITLE$ » ? Oui ; non !')).toEqual([' :', '« ', ' »', ' ?', ' ;', ' !']);
    expect(problems('«$TITLE$»')).toEqual(['«$', '$»']);
    expect(problems('Centime\u00a0: «\u00a0$TITLE$\u00a0»\u202f? https://example.com/a?b=1 à 12:30, h:mm:ss')).toEqual([]);
    const wrong = Object.entries(fr).flatMap(([key, { message }]) => problems(message).map((p) => `${key}: ${JSON.stringify(p)}`));
    expect(wrong).toEqual([]);
  });

  it('goes through an injectable translator', () => {
    setTranslator((key, subs) => `[${key}:${(subs ?? []).join(',')}]`);
    expect(t('loadFailed', ['3'])).toBe('[loadFailed:3]');
  });

  it('gives every plural message exactly the forms its language needs (Intl.PluralRules)', () => {
    for (const [locale, messages] of Object.entries(catalogues)) {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
      const bases = pluralBases(messages);
      expect(bases.length, locale).toBeGreaterThan(5);
      for (const base of bases) {
        const has = Object.keys(messages).filter((k) => k.startsWith(`${base}_`) && pluralCategory.test(k)).map((k) => k.slice(base.length + 1));
        expect(has.sort(), `${locale} ${base}`).toEqual(needed);
      }
    }
  });

  it('words counts by the plural rules of the language: French says "0 tâche", English "0 tasks"', () => {
    const english = (key: string, subs: string[] = []) => en[key]!.message.replace(/\$(\w+)\$/g, (_, n: string) => subs[Number(en[key]!.placeholders![n.toLowerCase()]!.content.slice(1)) - 1]!);
    setTranslator((key, subs) => english(key, subs), 'en');
    expect([0, 1, 2].map((n) => tPlural('tasksDone', n))).toEqual(['0 tasks done', '1 task done', '2 tasks done']);
    expect(tPlural('quarantinedCount', 1234)).toBe('1,234 stored records failed validation and are kept aside, not deleted.');
    setTranslator(frenchTranslator(), 'fr');
    const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
    expect([0, 1, 2, 1_000_000].map((n) => plain(tPlural('tasksDone', n)))).toEqual([
      '0 tâche terminée', '1 tâche terminée', '2 tâches terminées', '1 000 000 de tâches terminées',
    ]);
    expect(tPlural('pendingMore', 3, undefined, 'fr')).toBe('et 3 autres');
  });

  it('falls back to the "other" form when the catalogue lacks a category (a language Centime does not speak)', () => {
    setTranslator((key, subs) => (key.endsWith('_other') ? `other:${subs?.join()}` : key), 'pl');
    // Polish says "few" for 3: the English catalogue (the fallback) has no such form.
    expect(tPlural('tasksDone', 3)).toBe('other:3');
  });

  it('words errors by their code, in the language of the page', () => {
    setTranslator(frenchTranslator(), 'fr');
    expect(errorText(new CentimeError('manual_open', [], 'a manual timer is already open'))).toBe(fr.error_manual_open!.message);
    expect(errorText(new CentimeError('pick_no_tab', ['TaskMill']))).toBe('Ouvrez d’abord une page de tâche de TaskMill, puis recommencez.');
    // Anything else (a storage failure, a bug) is worded as the generic error, never its English text.
    expect(errorText(new Error('QuotaExceededError: the quota has been exceeded'))).toBe(fr.error_unknown!.message);
    expect(errorText('boom')).toBe(fr.error_unknown!.message);
  });

  it('formats in the language of the words, in the worker’s region when the browser prefers it', () => {
    // Chromium with --lang=fr answers getUILanguage() "en-US" while its messages are French: French formats.
    expect(pickLocale('fr', ['fr-FR', 'en-US'])).toBe('fr-FR');
    expect(pickLocale('fr', ['en-US', 'en-US'])).toBe('fr');
    expect(pickLocale('fr', ['de-DE', 'fr-CA', 'fr'])).toBe('fr-CA');
    expect(pickLocale('en', ['fr-FR', 'en-GB'])).toBe('en-GB');
    expect(pickLocale('en', ['', 'not a locale!'])).toBe('en');
    expect(en.catalogueLanguage!.message).toBe('en');
    expect(fr.catalogueLanguage!.message).toBe('fr');
  });

  it('holds every locale to the Chrome Web Store limits: name ≤ 75, description ≤ 132 characters', () => {
    expect(Object.keys(catalogues).sort()).toEqual(['en', 'fr']);
    for (const [locale, messages] of Object.entries(catalogues)) {
      expect(messages.extName!.message.length, `${locale} name`).toBeLessThanOrEqual(75);
      expect(messages.extDescription!.message.length, `${locale} description`).toBeLessThanOrEqual(132);
      expect(messages.extDescription!.message.length, `${locale} description`).toBeGreaterThan(40);
    }
  });
});
