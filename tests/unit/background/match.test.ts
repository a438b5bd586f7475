import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { matchesAny } from '../../../lib/background/match';
import { platforms } from '../../../lib/platforms/registry';

describe('matchesAny', () => {
  const urls = [
    'https://worker.mturk.com/projects/3ABC/tasks/3DEF?assignment_id=3GHI',
    'https://worker.mturk.com/',
    'http://worker.mturk.com/tasks',
    'https://www.mturk.com/mturk/externalSubmit',
    'https://app.prolific.com/studies/665f2b7c9d0e1f2a3b4c5d01',
    'https://app.prolific.com.evil.example/studies',
    'https://evil.example/?u=https://worker.mturk.com/',
    'chrome-extension://centime/popup.html',
  ];

  it('answers as a MatchPattern made afresh, for every adapter and URL, asked again and again', () => {
    for (let round = 0; round < 3; round++) {
      for (const adapter of platforms) {
        for (const url of urls) {
          expect(matchesAny(adapter.matches, url), `${adapter.id} ${url}`).toBe(adapter.matches.some((m) => new MatchPattern(m).includes(url)));
        }
      }
    }
  });

  it('answers as MatchPattern for the patterns a worker may give a custom site', () => {
    const patterns = ['<all_urls>', '*://*.example.com/*', 'https://example.com/path/*', 'http://*/*', 'file:///*', '*://example.com/a.b?c/*', 'https://*/tasks*'];
    const more = [
      ...urls,
      'https://example.com/path/x',
      'https://example.com/path',
      'https://sub.example.com/anything',
      'https://EXAMPLE.com/path/y',
      'http://example.com:8080/path/z',
      'file:///home/worker/page.html',
      'ws://example.com/socket',
      'https://example.com/a.b?c/d',
      'https://example.com/aXb/d',
      'https://host.example/tasks?id=1',
    ];
    for (const pattern of patterns) {
      for (const url of more) expect(matchesAny([pattern], url), `${pattern} ${url}`).toBe(new MatchPattern(pattern).includes(url));
    }
    expect(() => matchesAny(['<all_urls>'], 'not a url')).toThrow();
    fc.assert(
      fc.property(fc.constantFrom(...patterns, ...platforms.flatMap((a) => a.matches)), fc.webUrl({ withQueryParameters: true, withFragments: true }), (pattern, url) => {
        expect(matchesAny([pattern], url)).toBe(new MatchPattern(pattern).includes(url));
      }),
      { numRuns: 2_000 },
    );
  });

  it('matches a platform page with its own patterns only', () => {
    const mturk = platforms.find((a) => a.id === 'mturk')!;
    const prolific = platforms.find((a) => a.id === 'prolific')!;
    expect(matchesAny(mturk.matches, urls[0]!)).toBe(true);
    expect(matchesAny(prolific.matches, urls[0]!)).toBe(false);
    expect(matchesAny(prolific.matches, urls[4]!)).toBe(true);
    expect(matchesAny(prolific.matches, urls[5]!)).toBe(false);
    expect(matchesAny(mturk.matches, urls[6]!)).toBe(false);
    expect(matchesAny([], urls[0]!)).toBe(false);
  });
});
