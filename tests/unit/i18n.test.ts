import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setTranslator, t } from '../../lib/i18n';

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
  }
  return used;
}

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
    expect(Object.keys(en).filter((key) => !used.has(key))).toEqual([]);
  });

  it('translates every English message into French, with the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { placeholders }] of Object.entries(en)) {
      expect(fr[key]?.placeholders, key).toEqual(placeholders);
      for (const name of Object.keys(placeholders ?? {})) {
        expect(fr[key]?.message, key).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });

  it('goes through an injectable translator', () => {
    setTranslator((key, subs) => `[${key}:${(subs ?? []).join(',')}]`);
    expect(t('quarantinedCount', ['3'])).toBe('[quarantinedCount:3]');
  });
});
