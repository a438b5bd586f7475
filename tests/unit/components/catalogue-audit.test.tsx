import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The message catalogues as Chrome and Firefox load them, and as the code calls them. tests/unit/i18n.test.ts checks
// key parity, declared placeholders and French spacing before punctuation; this adds what a browser or a reader
// would still trip on: a `$NAME$` no placeholder declares (Chrome refuses to load the extension), a lone `$` (read
// as a substitution: "$7" is the seventh, empty), a French plural form that drops a value, a call that passes
// fewer values than its message shows, French left in English, and typography (apostrophes, grouped numbers).

type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> };
type Messages = Record<string, Entry>;
const read = (locale: string): Messages => JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));
const catalogues = Object.fromEntries(readdirSync('public/_locales').map((l) => [l, read(l)])) as Record<string, Messages>;
const en = catalogues.en!;
const fr = catalogues.fr!;
const PLURAL = /_(zero|one|two|few|many|other)$/;
const each = (f: (locale: string, key: string, entry: Entry) => string[]) =>
  Object.entries(catalogues).flatMap(([locale, messages]) => Object.entries(messages).flatMap(([key, entry]) => f(locale, key, entry)));

/** `$NAME$` references of a message, `$$` (a literal dollar) left out. */
const references = (message: string) => [...message.replace(/\$\$/g, '').matchAll(/\$(\w+)\$/g)].map((m) => m[1]!.toLowerCase());
/** The highest substitution ($1 … $9) a message reads, through its placeholders or directly. */
function needed(entry: Entry): number {
  const contents = Object.values(entry.placeholders ?? {}).map((p) => p.content);
  const direct = entry.message.replace(/\$\$/g, '').replace(/\$\w+\$/g, '');
  return Math.max(0, ...[...contents, direct].flatMap((text) => [...text.matchAll(/\$(\d)/g)].map((m) => Number(m[1]))));
}

describe('the catalogues load in Chrome and Firefox', () => {
  it('names keys and placeholders with letters, digits and _ only, none reserved (@@)', () => {
    expect(each((l, key, entry) => [key, ...Object.keys(entry.placeholders ?? {})].filter((n) => !/^[A-Za-z0-9_]+$/.test(n) || n.startsWith('@@')).map((n) => `${l} ${key}: ${n}`))).toEqual([]);
  });

  it('gives each entry a non-empty message and nothing but message, description and placeholders', () => {
    expect(each((l, key, entry) => (typeof entry.message === 'string' && entry.message.trim() !== '' ? [] : [`${l} ${key}`]))).toEqual([]);
    expect(each((l, key, entry) => Object.keys(entry).filter((f) => !['message', 'description', 'placeholders'].includes(f)).map((f) => `${l} ${key}.${f}`))).toEqual([]);
  });

  it('declares every $NAME$ a message uses, uses every placeholder it declares, each read from $1 … $9', () => {
    expect(
      each((l, key, entry) => {
        const declared = Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase());
        const used = references(entry.message);
        return [
          ...used.filter((n) => !declared.includes(n)).map((n) => `${l} ${key}: $${n}$ not declared`),
          ...declared.filter((n) => !used.includes(n)).map((n) => `${l} ${key}: ${n} declared, not shown`),
          ...Object.entries(entry.placeholders ?? {}).filter(([, p]) => !/^\$[1-9]$/.test(p.content)).map(([n]) => `${l} ${key}: ${n} content`),
        ];
      }),
    ).toEqual([]);
  });

  it('has no lone $ (a literal dollar is $$): "$7.25" would show the seventh substitution', () => {
    // The check itself.
    const lone = (message: string) => /\$/.test(message.replace(/\$\$/g, '').replace(/\$\w+\$/g, ''));
    expect([lone('Type $7.25'), lone('$$7.25 and $AMOUNT$/h'), lone('$1 of $2')]).toEqual([true, false, true]);
    expect(each((l, key, { message }) => (lone(message) ? [`${l} ${key}: ${message}`] : []))).toEqual([]);
  });

  it('shows in each French plural form every value its English message shows', () => {
    expect(
      Object.entries(fr)
        .filter(([key]) => PLURAL.test(key))
        .flatMap(([key, entry]) => {
          const english = en[key] ?? en[key.replace(PLURAL, '_other')]!;
          const missing = references(english.message).filter((n) => !references(entry.message).includes(n));
          return missing.map((n) => `${key}: $${n.toUpperCase()}$`);
        }),
    ).toEqual([]);
  });
});

// ---- The code's calls ----

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The top-level arguments of a call whose `(` ends just before `from`, as source text (strings and brackets skipped). */
function callArguments(text: string, from: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      current += text.slice(i, j + 1);
      i = j;
    } else if ('([{'.includes(c)) {
      depth++;
      current += c;
    } else if (')]}'.includes(c)) {
      if (depth === 0) return [...args, current].map((a) => a.trim()).filter((a) => a !== '');
      depth--;
      current += c;
    } else if (c === ',' && depth === 0) {
      args.push(current);
      current = '';
    } else current += c;
  }
  return args;
}

/** How many values a literal array passes (null: not a literal array, or spread). */
function arrayLength(source: string | undefined): number | null {
  if (source === undefined || source === 'undefined') return 0;
  if (!source.startsWith('[')) return null;
  const items = callArguments(source, 1);
  return items.some((item) => item.startsWith('...')) ? null : items.length;
}

interface Call { file: string; key: string; given: number }
function calls(): Call[] {
  const found: Call[] = [];
  for (const file of [...sources('components'), ...sources('entrypoints'), ...sources('lib')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(t|tPlural)\(\s*(['"])(\w+)\2/g)) {
      const args = callArguments(text, m.index! + m[0].length);
      // tPlural(key, count, substitutions?, locale?) passes the count alone when it has no substitutions.
      const given = m[1] === 't' ? arrayLength(args[0]) : args[1] === undefined || args[1] === 'undefined' ? 1 : arrayLength(args[1]);
      if (given !== null) found.push({ file, key: m[1] === 't' ? m[3]! : `${m[3]!}_other`, given });
    }
  }
  return found;
}

describe('the code’s calls', () => {
  it('parses calls as the code writes them (the scan itself works)', () => {
    expect(callArguments("'a', [x(1, 2), 'b,c'], { d: [1] })", 0)).toEqual(["'a'", "[x(1, 2), 'b,c']", '{ d: [1] }']);
    expect(arrayLength('[formatCount(n, locale), `${a}, ${b}`]')).toBe(2);
    expect(arrayLength('[...parts]')).toBeNull();
    expect(calls().length).toBeGreaterThan(300);
  });

  it('pass as many values as each message shows, in every catalogue (none shown empty, none left out)', () => {
    const wrong = calls().flatMap(({ file, key, given }) =>
      Object.entries(catalogues).flatMap(([locale, messages]) => {
        const forms = Object.keys(messages).filter((k) => k === key || (key.endsWith('_other') && PLURAL.test(k) && k.replace(PLURAL, '_other') === key));
        return forms.filter((k) => needed(messages[k]!) !== given).map((k) => `${file}: ${locale} ${k} shows ${needed(messages[k]!)}, given ${given}`);
      }),
    );
    expect(wrong).toEqual([]);
  });
});

// ---- Words and typography ----

describe('French words and typography', () => {
  it('words every message in French, but names, codes and words French shares with English', () => {
    // Kept as in English on purpose: the product's name, platforms' own words, figures and words both languages use.
    const shared = new Set(['extName', 'perHour', 'customSiteWithHint', 'manualPause', 'badgePaused', 'statementTotal', 'importList_hits', 'sessionColumn', 'historyColBonus', 'historyNone', 'historyHit', 'historyTaskId', 'historyIsoTime', 'historyEdits', 'csvBonus']);
    expect(Object.keys(en).filter((key) => fr[key]?.message === en[key]!.message && !shared.has(key))).toEqual([]);
  });

  it('uses the typographic apostrophe and quotes in both languages (’ “ ” « »), never \' or "', () => {
    expect(each((l, key, { message }) => (/['"]/.test(message) ? [`${l} ${key}: ${message}`] : []))).toEqual([]);
  });

  it('puts a space (no-break) before French ; ? ! and before a colon that ends a clause', () => {
    // i18n.test.ts finds an ordinary space there; this finds none at all ("Centime:"), leaving "https://" and "h:mm:ss".
    const glued = (message: string) => [...message.matchAll(/[\p{L}\d$)»%][;?!](?!\w)|[\p{L}\d$)»%]:(?=\s|$)/gu)].map((m) => m[0]);
    expect([glued('Centime: oui; non? si!'), glued('https://a.b/c?d=1 h:mm:ss'), glued('Centime\u00a0: oui')]).toEqual([['e:', 'i;', 'n?', 'i!'], [], []]);
    expect(Object.entries(fr).flatMap(([key, { message }]) => glued(message).map((g) => `${key}: ${g}`))).toEqual([]);
  });

  it('groups the digits of numbers from 1,000 as each language writes them (as Intl does): "1,440", "1 440"', () => {
    const ungrouped = (message: string) => [...message.replace(/\$\w+\$/g, '').matchAll(/(?<![\d.,:/-])\d{4,}(?![\d:/-])/g)].map((m) => m[0]);
    // A standard's number is a name, not an amount ("ISO 8601").
    const names = new Set(['8601', '4217']);
    expect(each((l, key, { message }) => ungrouped(message).filter((n) => !names.has(n)).map((n) => `${l} ${key}: ${n}`))).toEqual([]);
  });

  it('writes the ellipsis as one character (…)', () => {
    expect(each((l, key, { message }) => (message.includes('...') ? [`${l} ${key}`] : []))).toEqual([]);
  });
});
