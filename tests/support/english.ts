import { readFileSync } from 'node:fs';

// "No English on a French screen" (issue 15): no visible text equals an English message whose French text
// differs. Shared by the component test and the end-to-end ones (which read the text in the browser).

type Messages = Record<string, { message: string }>;
const read = (locale: string): Messages => JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));

const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0\s]+/g, ' ').trim();
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each English message that French words otherwise, as a pattern (placeholders match any text). */
export function englishOnly(): { key: string; english: string; pattern: RegExp }[] {
  const en = read('en');
  const fr = read('fr');
  return Object.entries(en)
    .filter(([key, { message }]) => fr[key]?.message !== message)
    .map(([key, { message }]) => {
      const parts = plain(message).split(/\$\w+\$/).map(escape);
      return { key, english: message, pattern: new RegExp(`^${parts.join('.+')}$`, 's') };
    })
    // A message that is only placeholders and punctuation ("$AMOUNT$/h") says nothing in English.
    .filter(({ english }) => /[a-z]{3,}/i.test(english.replace(/\$\w+\$/g, '')));
}

/** The texts (text nodes, labels read aloud, placeholders, titles) that are English messages; [] when none. */
export function englishOnScreen(texts: readonly string[]): string[] {
  const messages = englishOnly();
  return texts
    .map(plain)
    .filter((text) => text !== '')
    .flatMap((text) => messages.filter((m) => m.pattern.test(text)).map((m) => `${m.key}: "${text}"`));
}

/**
 * What a page shows in words: every text node, and the accessible labels, titles and placeholders. Self-contained:
 * end-to-end tests send it to the browser as source (`tab.evaluate(visibleTexts, null)` reads the whole body).
 */
export function visibleTexts(from: (ParentNode & Node) | null): string[] {
  const root = from ?? document.body;
  const texts: string[] = [];
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && !parent.closest('script, style')) texts.push(node.textContent ?? '');
  }
  for (const element of (root as ParentNode).querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = element.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts;
}
