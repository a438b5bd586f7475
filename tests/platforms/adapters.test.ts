import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { platforms } from '../../lib/platforms/registry';
import { taskSnapshotSchema } from '../../lib/storage/schemas';

interface Case {
  platform: string;
  name: string;
  html: string;
  url: string;
  now?: number;
  pageKind: string;
  expected: unknown;
}

/** Every saved page under tests/fixtures/<platform>/ with its sidecar `{ url, pageKind, now?, expected }`. */
const cases: Case[] = readdirSync('tests/fixtures').flatMap((platform) =>
  readdirSync(`tests/fixtures/${platform}`)
    .filter((file) => file.endsWith('.html'))
    .map((file) => {
      const base = `tests/fixtures/${platform}/${file.replace(/\.html$/, '')}`;
      const side = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
      return { platform, name: file, html: readFileSync(`${base}.html`, 'utf8'), ...side };
    }),
);

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe.each(platforms)('$name adapter', (adapter) => {
  const own = cases.filter((c) => c.platform === adapter.id);

  it('has fixtures', () => {
    expect(own.length).toBeGreaterThan(0);
  });

  it.each(own)('$name: page kind and task as the sidecar says', ({ html, url, now, pageKind, expected }) => {
    const doc = parse(html);
    expect(adapter.pageKind(doc, new URL(url))).toBe(pageKind);
    const task = adapter.readTask(doc, new URL(url), now);
    expect(task).toEqual(expected);
    // What the content script sends must pass the background's schema.
    if (task) expect(taskSnapshotSchema.safeParse(task).error).toBeUndefined();
  });

  it.each(cases)('matches $platform/$name only if it is its own', ({ platform, url }) => {
    const matches = adapter.matches.some((m) => new MatchPattern(m).includes(url));
    expect(matches).toBe(platform === adapter.id);
  });
});
