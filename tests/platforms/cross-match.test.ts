// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { customAdapter } from '../../lib/platforms/custom';
import { matchesPattern, type CustomRule } from '../../lib/platforms/custom-rule';
import { presets } from '../../lib/platforms/presets';
import { platforms } from '../../lib/platforms/registry';
import type { PlatformAdapter } from '../../lib/platforms/types';
import { cases, parse } from './fixtures';

/**
 * Every adapter against every known page (github-url-detection's negatives, as STYLE.md asks): the built-in
 * platforms' saved pages, each preset's pages as DESIGN.md names them, and a custom site. Only a page's own
 * adapter may match it, and every other adapter must see it as "not mine": pageKind 'other', no task, no id.
 */
const setUp = (rule: CustomRule): CustomRule => ({ ...rule, titleSelector: rule.titleSelector || 'h1', enabled: true, needsSetup: false });
const taskmill: CustomRule = {
  id: 'taskmill', name: 'Taskmill', match: 'https://tasks.example.net/task/*', titleSelector: 'h1.task-title', rewardSelector: '.task-reward',
  currency: 'EUR', submit: { kind: 'click', selector: 'button.btn-primary' }, timing: 'internal', enabled: true,
};
const adapters: PlatformAdapter[] = [...platforms, ...presets.map((p) => customAdapter(setUp(p))), customAdapter(taskmill)];

/** Pages of the custom sites, from DESIGN.md's paths ("Platforms"): [adapter id, url, what the page is]. */
const sitePages: [string, string, string][] = [
  ['custom:clickworker', 'https://workplace.clickworker.com/en/workplace/jobs/1234567/edit', 'task'],
  ['custom:clickworker', 'https://workplace.clickworker.com/en/workplace/jobs', 'other'],
  ['custom:microworkers', 'https://ttv.microworkers.com/dotask/run/4fa1b2', 'task'],
  ['custom:microworkers', 'https://ttv.microworkers.com/dotask/info/4fa1b2', 'other'],
  ['custom:microworkers', 'https://www.microworkers.com/jobs.php', 'other'],
  ['custom:toloka', 'https://toloka.ai/task/41122/00000a1b2c--5f3e', 'task'],
  ['custom:connect', 'https://connect.cloudresearch.com/participant/dashboard', 'task'],
  ['custom:connect', 'https://connect.cloudresearch.com/participant/project/ABC123/complete', 'task'],
  ['custom:rapidworkers', 'https://rapidworkers.com/jobs', 'task'],
  ['custom:taskmill', 'https://tasks.example.net/task/48213', 'task'],
];
const page = (title: string) => parse(`<!doctype html><title>${title}</title><h1 class="task-title">${title}</h1>`);

const matching = (url: URL) => adapters.filter((a) => a.matches.some((m) => matchesPattern(m, url))).map((a) => a.id);

describe('cross-match: each page is its own adapter’s only', () => {
  it.each(cases.map((c) => [`${c.folder}/${c.name}`, c] as const))('%s', (_, c) => {
    const url = new URL(c.url);
    expect(matching(url)).toEqual(c.platform ? [c.platform] : []);
    const doc = parse(c.html);
    for (const other of adapters.filter((a) => a.id !== c.platform)) {
      expect(other.pageKind(doc, url), other.id).toBe('other');
      expect(other.readTask(doc, url), other.id).toBeNull();
      expect(other.taskIdFromUrl(url), other.id).toBeNull();
    }
  });

  it.each(sitePages)('%s: %s', (id, href, kind) => {
    const url = new URL(href);
    expect(matching(url)).toEqual([id]);
    const doc = page('A task');
    const own = adapters.find((a) => a.id === id)!;
    // The task pages of a custom site are its rule's pattern; its other pages are the site's platform time.
    expect(own.pageKind(doc, url)).toBe(kind === 'task' && matchesPattern((own as ReturnType<typeof customAdapter>).rule.match, url) ? 'task' : 'other');
    for (const other of adapters.filter((a) => a.id !== id)) {
      expect(other.pageKind(doc, url), other.id).toBe('other');
      expect(other.taskIdFromUrl(url), other.id).toBeNull();
    }
  });

  it('has every adapter and every fixture folder in play', () => {
    expect(new Set(cases.map((c) => c.folder))).toEqual(new Set(['mturk', 'prolific']));
    expect(adapters.map((a) => a.id)).toEqual(['mturk', 'prolific', 'custom:clickworker', 'custom:microworkers', 'custom:toloka', 'custom:connect', 'custom:rapidworkers', 'custom:taskmill']);
  });
});
