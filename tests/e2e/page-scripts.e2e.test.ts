import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { ROOT } from './support/served';

// What the built extension puts on platform pages (issue 18, docs/page-cost.md): one Centime script per page,
// without webextension-polyfill or WXT's content-script context; the overlay in MTurk's task page script, and
// elsewhere only where the background injects it. (What they cost is `npm run bench`'s to measure, not a test's.)
const builds = ['.output/chrome-mv3', '.output/firefox-mv3', '.output-e2e/chrome-mv3', '.output-e2e/firefox-mv3']
  .map((dir) => `${ROOT}${dir}/`)
  .filter((dir) => existsSync(`${dir}manifest.json`));

const pageUrls = ['mturk', 'prolific'].flatMap((folder) =>
  readdirSync(`${ROOT}tests/fixtures/${folder}`)
    .filter((file) => file.endsWith('.json'))
    .map((file) => (JSON.parse(readFileSync(`${ROOT}tests/fixtures/${folder}/${file}`, 'utf8')) as { url: string }).url)
    .filter((url) => /^https:\/\/(worker\.mturk|app\.prolific)\.com\//.test(url)),
);

describe.each(builds)('%s', (dir) => {
  const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as {
    content_scripts: { matches: string[]; exclude_matches?: string[]; js: string[] }[];
    web_accessible_resources?: { resources: string[] }[];
  };
  const scripts = [...manifest.content_scripts.flatMap((c) => c.js), 'overlay.js'];

  it('loads exactly one Centime script on every platform page', () => {
    expect(pageUrls.length).toBeGreaterThan(15);
    for (const url of pageUrls) {
      const loaded = manifest.content_scripts.filter(
        (c) => c.matches.some((m) => new MatchPattern(m).includes(url)) && !(c.exclude_matches ?? []).some((m) => new MatchPattern(m).includes(url)),
      );
      expect(loaded.flatMap((c) => c.js), url).toHaveLength(1);
    }
  });

  it('carries neither webextension-polyfill nor WXT’s content-script context into pages', () => {
    for (const file of scripts) {
      const code = readFileSync(`${dir}${file}`, 'utf8');
      expect(code, file).not.toContain('This script should only be loaded in a browser extension');
      expect(code, file).not.toContain('wxt:content-script-started');
    }
  });

  it('writes its page scripts in Latin-1, so that V8 keeps their sources at one byte a character', () => {
    for (const file of scripts) {
      const beyond = [...readFileSync(`${dir}${file}`, 'utf8')].filter((c) => c.codePointAt(0)! > 0xff);
      expect(beyond, file).toEqual([]);
    }
  });

  it('carries the overlay in MTurk\u2019s task page script, and injects it elsewhere from the background: never web-accessible', () => {
    const task = manifest.content_scripts.find((c) => c.matches.includes('https://worker.mturk.com/projects/*/tasks/*'))!;
    // The overlay's host element is made by its code: in the task page's one script, in no other content script.
    expect(task.js).toHaveLength(1);
    expect(readFileSync(`${dir}${task.js[0]}`, 'utf8')).toContain('centime-overlay');
    for (const file of manifest.content_scripts.filter((c) => c !== task).flatMap((c) => c.js)) {
      expect(readFileSync(`${dir}${file}`, 'utf8'), file).not.toContain('centime-overlay');
    }
    expect(existsSync(`${dir}overlay.js`)).toBe(true);
    expect(manifest.content_scripts.flatMap((c) => c.js)).not.toContain('overlay.js');
    expect(JSON.stringify(manifest.web_accessible_resources ?? [])).not.toContain('overlay');
    expect(readFileSync(`${dir}background.js`, 'utf8')).toContain('/overlay.js');
  });
});
