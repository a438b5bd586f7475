// Platform pages are read in the background, on linkedom's DOM (a service worker has none of its own): every saved
// page must read there exactly as its sidecar says (tests/platforms checks the same on a browser-like DOM).
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../lib/background/parse-html';
import { platforms } from '../../../lib/platforms/registry';
import type { PlatformAdapter } from '../../../lib/platforms/types';
import { cases } from '../../platforms/fixtures';

const readers = [
  ['listing', 'readListing'],
  ['queue', 'readQueue'],
  ['dashboard', 'readDashboard'],
  ['statusDetails', 'readStatusDetails'],
  ['earnings', 'readEarnings'],
  ['submissions', 'readSubmissions'],
] as const;

describe('platform pages read in the background', () => {
  it.each(cases.filter((c) => c.platform).map((c) => [`${c.folder}/${c.name}`, c] as const))('%s', (_name, c) => {
    const adapter = platforms.find((p) => p.id === c.platform)!;
    const doc = parseHtml(c.html);
    const url = new URL(c.url);
    expect(adapter.pageKind(doc, url)).toBe(c.pageKind);
    expect(adapter.readTask(doc, url, c.now)).toEqual(c.expected ?? null);
    expect(adapter.pageAlert?.(doc, url) ?? null).toEqual(c.alert ?? null);
    for (const [key, member] of readers) {
      const read = adapter[member] as ((d: Document, u: URL, now?: number) => unknown) | undefined;
      if (!read) continue;
      const got = read(doc, url, c.now);
      expect(got, key).toEqual(c[key] ?? (Array.isArray(got) ? [] : null));
    }
  });

  it('covers pages of every platform whose pages it reads', () => {
    const read = new Set(cases.filter((c) => c.platform).map((c) => c.platform));
    expect([...read].sort()).toEqual(platforms.map((p: PlatformAdapter) => p.id).sort());
  });
});
