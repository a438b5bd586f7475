import { readdirSync, readFileSync } from 'node:fs';

/**
 * A saved page under tests/fixtures/<folder>/ with its sidecar:
 * `{ url, pageKind, now?, expected, alert?, returnForm?, listing?, queue?, dashboard?, balances?, statusDetails?,
 * earnings?, submissions?, completion?, platform?: null, signIn? }`.
 * - `expected` is what `readTask` returns (null when the page shows no task).
 * - Each reader key (`listing`…`earnings`, and Prolific's `submissions` and `completion`) is what that reader
 *   returns; a key left out means the reader finds nothing there ([] or null), so every reader is checked on
 *   every page of its platform.
 * - `alert` is what `pageAlert` returns (left out: null); `returnForm` whether the page has a form that
 *   `isReturnForm` recognizes (left out: not checked).
 * - `platform: null` marks a page outside every platform (e.g. Amazon's sign-in page): no adapter may match it.
 */
export interface Case {
  folder: string;
  platform: string | null;
  name: string;
  html: string;
  url: string;
  now?: number;
  pageKind: string;
  expected: unknown;
  alert?: string | null;
  returnForm?: boolean;
  signIn?: boolean;
  [reader: string]: unknown;
}

export const cases: Case[] = readdirSync('tests/fixtures').flatMap((folder) =>
  readdirSync(`tests/fixtures/${folder}`)
    .filter((file) => file.endsWith('.html'))
    .map((file) => {
      const base = `tests/fixtures/${folder}/${file.replace(/\.html$/, '')}`;
      const side = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Record<string, unknown>;
      // The sidecar may override `platform` (null: a page no adapter may match).
      return { folder, platform: folder, name: file, html: readFileSync(`${base}.html`, 'utf8'), ...side } as Case;
    }),
);

export const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
