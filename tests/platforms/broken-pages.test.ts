// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/background/parse-html';
import { platforms } from '../../lib/platforms/registry';
import type { TaskSnapshot } from '../../lib/platforms/types';
import { taskSnapshotSchema } from '../../lib/storage/schemas';
import { labelledValue } from '../../lib/platforms/shown-details';
import { brokenPages } from './broken-pages';
import { cases, parse } from './fixtures';

// Issue 19: every task page of the fixtures, with its structure renamed or removed one piece at a time (and all at
// once), read in a browser-like DOM and in the background's (linkedom): still the task its URL names, nothing
// thrown, nothing read wrong, and what could not be read named in `missing`.
const taskPages = cases.filter((c) => c.platform && c.pageKind === 'task' && c.expected);
const parsers = [['happy-dom', parse], ['linkedom', parseHtml]] as const;

/** Each detail is what the intact page gives, or empty and named missing: never another value. */
function expectReadOrMissing(got: TaskSnapshot, expected: TaskSnapshot) {
  const missing = new Set(got.missing ?? []);
  const fields = [['title', 'title', ''], ['requester', 'requesterName', ''], ['reward', 'reward', null]] as const;
  for (const [detail, key, empty] of fields) {
    if (missing.has(detail)) expect(got[key], key).toEqual(empty);
    else expect(got[key], key).toEqual(expected[key]);
  }
  for (const key of ['timeAllottedSec', 'acceptedAt', 'requesterId', 'hitId', 'groupId'] as const) {
    if (got[key] !== undefined) expect(got[key], key).toEqual(expected[key]);
  }
  expect(got.missing ?? [], 'missing names only what is empty').toEqual([...missing].filter((d) => (d === 'reward' ? !got.reward : d === 'title' ? !got.title : !got.requesterName)));
}

describe('broken task pages (a generated family)', () => {
  it('has task pages of both platforms, each with its broken variants', () => {
    expect(new Set(taskPages.map((c) => c.platform))).toEqual(new Set(['mturk', 'prolific']));
    for (const c of taskPages) expect(brokenPages(c).length, c.name).toBeGreaterThan(4);
  });

  for (const c of taskPages) {
    const adapter = platforms.find((p) => p.id === c.platform)!;
    const expected = c.expected as TaskSnapshot;
    describe(`${c.folder}/${c.name}`, () => {
      it.each(brokenPages(c).flatMap((b) => parsers.map(([p, read]) => [`${b.name} (${p})`, b.html, read] as const)))('%s', (_name, html, read) => {
        const doc = read(html);
        const url = new URL(c.url);
        expect(adapter.pageKind(doc, url)).toBe('task');
        const got = adapter.readTask(doc, url, c.now);
        expect(got?.taskId).toBe(expected.taskId);
        expectReadOrMissing(got!, expected);
        expect(taskSnapshotSchema.safeParse(got).error).toBeUndefined();
      });
    });
  }
});

describe('the second way to read: visible text where the structure is renamed', () => {
  const page = (name: string) => taskPages.find((c) => `${c.folder}/${c.name}` === name)!;
  const variant = (name: string, what: string) => brokenPages(page(name)).find((b) => b.name === what)!.html;

  it('MTurk: ShowModal renamed, the title from the title bar and the reward from the "Reward" label', () => {
    const c = page('mturk/task-page.html');
    const got = platforms.find((p) => p.id === 'mturk')!.readTask(parse(variant('mturk/task-page.html', 'component ShowModal renamed')), new URL(c.url), c.now);
    expect(got).toMatchObject({ title: (c.expected as TaskSnapshot).title, reward: { minor: 50, currency: 'USD' }, requesterName: '', missing: ['requester'] });
  });

  it('MTurk: the "Requester" label of the HIT details, beside its value or after a colon', () => {
    const c = page('mturk/task-page.html');
    const mturk = platforms.find((p) => p.id === 'mturk')!;
    const html = variant('mturk/task-page.html', 'component ShowModal renamed');
    for (const details of [
      '<span class="detail-bar-label">Requester</span><span class="detail-bar-value">Stanford Vision Lab</span>',
      '<span>Requester: Stanford Vision Lab</span>',
    ]) {
      const got = mturk.readTask(parse(html.replace('<span class="detail-bar-label">Reward', `${details}<span class="detail-bar-label">Reward`)), new URL(c.url), c.now);
      expect(got).toMatchObject({ requesterName: 'Stanford Vision Lab', reward: { minor: 50, currency: 'USD' } });
      expect(got?.missing).toBeUndefined();
    }
  });

  it('MTurk: with the props and the labels gone, the task is still timed, its reward named missing', () => {
    const c = page('mturk/task-page.html');
    const html = variant('mturk/task-page.html', 'component ShowModal removed').replace(/>Reward</, '>Pay<');
    const got = platforms.find((p) => p.id === 'mturk')!.readTask(parse(html), new URL(c.url), c.now);
    expect(got).toMatchObject({ taskId: (c.expected as TaskSnapshot).taskId, reward: null, missing: ['reward', 'requester'] });
  });

  it('Prolific: every data-testid renamed, the study read from its heading and what is shown beside it', () => {
    for (const name of ['prolific/study.html', 'prolific/study-usd.html']) {
      const c = page(name);
      const renamed = c.html.replace(/data-testid="([^"]+)"/g, 'data-testid="$1-v2"');
      const got = platforms.find((p) => p.id === 'prolific')!.readTask(parse(renamed), new URL(c.url));
      const expected = c.expected as TaskSnapshot;
      expect(got, name).toMatchObject({ title: expected.title, requesterName: expected.requesterName, reward: expected.reward });
      expect(got?.missing, name).toBeUndefined();
    }
  });
});

describe('labels', () => {
  it('reads a label alone or followed by a colon, never a longer word or phrase', () => {
    const value = (html: string, label: string) => labelledValue(parse(`<body>${html}</body>`), label);
    expect(value('<span>Reward</span><span>$0.50</span>', 'Reward')).toBe('$0.50');
    expect(value('<span>Reward:</span><span>$0.50</span>', 'Reward')).toBe('$0.50');
    expect(value('<span>Reward: $0.50</span>', 'Reward')).toBe('$0.50');
    expect(value('<span>Rewards</span><span>$9.00</span>', 'Reward')).toBeUndefined();
    expect(value('<span>Requester Name</span><span>X</span>', 'Requester')).toBeUndefined();
  });
});
