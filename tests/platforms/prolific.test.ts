// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { amountsIn, shownDate } from '../../lib/platforms/prolific-fields';
import { durationSec, prolific, PROLIFIC_STATUSES, submissionStatus } from '../../lib/platforms/prolific';
import { platforms } from '../../lib/platforms/registry';
import type { Completion, ProlificSubmission } from '../../lib/platforms/types';
import {
  completionSchema,
  listedTasksSchema,
  prolificSubmissionSchema,
  prolificSubmissionsSchema,
} from '../../lib/storage/platform-schemas';
import { taskSnapshotSchema } from '../../lib/storage/schemas';
import { parseHtml } from '../../lib/background/parse-html';
import { cases, parse } from './fixtures';

const P = 'https://app.prolific.com';
const S = '6650c1e2a4b5d6e7f8091a2b';
/** The worker's own Prolific ID, which the fixtures show in the header and on the account page. */
const WORKER_ID = '5f0c0ffee0ddba11cafe1234';
const blank = parse('<!DOCTYPE html><html><body></body></html>');
const gbp = (minor: number) => ({ minor, currency: 'GBP' });

/** Example URLs of each page kind (github-url-detection style): each is checked against every kind. */
const examples: Record<string, string[]> = {
  task: [`${P}/studies/${S}`, `${P}/studies/${S}/`, `${P}/studies/${S}?source=pa`],
  listing: [`${P}/studies`, `${P}/studies/`, `${P}/studies?sort=reward`],
  completion: [`${P}/submissions/complete?cc=C1A2B3C4`, `${P}/submissions/complete?cc=NOCODE`, `${P}/submissions/complete`],
  balance: [`${P}/submissions`, `${P}/submissions/`, `${P}/submissions?page=2`],
  other: [
    `${P}/`,
    `${P}/account/general`,
    `${P}/studies/${S}/start`,
    `${P}/studies/not-an-id!`,
    `${P}/studies/${'a'.repeat(65)}`,
    `${P}/submissions/complete/extra?cc=C1A2B3C4`,
    `http://app.prolific.com/studies/${S}`,
    `https://auth.prolific.com/u/login?state=abc`,
    `https://app.prolific.com.example.org/studies/${S}`,
    `https://worker.mturk.com/studies/${S}`,
  ],
};

describe('Prolific URLs', () => {
  const all = Object.entries(examples).flatMap(([kind, urls]) => urls.map((url) => ({ kind, url })));

  it.each(all)('$url is a $kind page', ({ kind, url }) => {
    expect(prolific.pageKind(blank, new URL(url))).toBe(kind);
    // Only study pages name a task: the study.
    expect(prolific.taskIdFromUrl(new URL(url))).toBe(kind === 'task' ? S : null);
    expect(prolific.pageAlert?.(blank, new URL(url))).toBe(kind === 'completion' ? 'submitted' : null);
  });

  it.each([
    ['?cc=C1A2B3C4', 'C1A2B3C4'],
    ['?cc=%20c1a2b3c4%20', 'c1a2b3c4'],
    ['?cc=NOCODE', null],
    ['?cc=nocode', null],
    ['', null],
    ['?cc=', null],
    ['?cc=%3Cscript%3Ealert(1)%3C%2Fscript%3E', null],
    [`?cc=${'A'.repeat(101)}`, null],
  ])('the completion URL with %j still means submitted, with code %j', (query, code) => {
    const url = new URL(`${P}/submissions/complete${query}`);
    expect(prolific.readCompletion(url)).toEqual({ code });
    expect(completionSchema.safeParse(prolific.readCompletion(url)).error).toBeUndefined();
  });

  it('reads no completion off the completion page', () => {
    for (const url of [...examples.task!, ...examples.balance!, ...examples.other!]) {
      expect(prolific.readCompletion(new URL(url))).toBeNull();
    }
  });
});

describe('durationSec', () => {
  it.each([
    ['10 mins', 600],
    ['1 min', 60],
    ['45 min', 2700],
    ['1 hour 5 mins', 3900],
    ['1 hr', 3600],
    ['2 hours', 7200],
    ['1 hr, 5 min', 3900],
    ['1 hour and 5 minutes', 3900],
    ['1h 30m', 5400],
    ['1 h 30 mins', 5400],
    ['1.5 hours', 5400],
    ['1,5 hours', 5400],
    ['90 seconds', 90],
    ['30 sec', 30],
    ['~ 10 Mins', 600],
  ])('%s is %i seconds', (text, sec) => {
    expect(durationSec(text)).toBe(sec);
  });

  it.each(['', 'soon', '10', '10-15 mins', '2 months', '5 days', '10 mins 3', '9999999 hours', `${'1 min '.repeat(20)}`])(
    '%j is no duration',
    (text) => {
      expect(durationSec(text)).toBeUndefined();
    },
  );
});

describe('submissionStatus', () => {
  it.each([
    ['RESERVED', 'RESERVED'],
    ['Active', 'ACTIVE'],
    ['Awaiting review', 'AWAITING REVIEW'],
    ['  awaiting   REVIEW ', 'AWAITING REVIEW'],
    ['AWAITING_REVIEW', 'AWAITING REVIEW'],
    ['approved', 'APPROVED'],
    ['REJECTED Read more', 'REJECTED'],
    ['Screened out', 'SCREENED OUT'],
    ['SCREENED-OUT', 'SCREENED OUT'],
    ['Returned', 'RETURNED'],
    ['TIMED-OUT', 'TIMED-OUT'],
    ['Timed out', 'TIMED-OUT'],
    ['timed_out', 'TIMED-OUT'],
  ])('%j is %s', (text, status) => {
    expect(submissionStatus(text)).toBe(status);
  });

  it.each(['', 'Status', 'PROCESSING', 'APPROVEDX', 'Not approved', 'PARTIALLY APPROVED', 'TIMED'])('%j is no status', (text) => {
    expect(submissionStatus(text)).toBeNull();
  });

  it('knows exactly the statuses the schema accepts', () => {
    for (const status of PROLIFIC_STATUSES) expect(prolificSubmissionSchema.shape.status.safeParse(status).success).toBe(true);
    expect(prolificSubmissionSchema.shape.status.options).toEqual([...PROLIFIC_STATUSES]);
  });
});

describe('amounts and dates in cells', () => {
  it.each([
    ['£1.50', [gbp(150)]],
    ['£1.50+£0.50', [gbp(150), gbp(50)]],
    ['$3.00 + $1.00 bonus', [{ minor: 300, currency: 'USD' }, { minor: 100, currency: 'USD' }]],
    ['£1,234.50', [gbp(123450)]],
    ['£9.00/hr', []],
    ['£1.50 (£9.00 / hour)', [gbp(150)]],
    ['£1.50 -£0.20', [gbp(150)]],
    ['1.20', []],
    ['—', []],
    ['1.50 GBP', []],
  ])('%j holds %j', (text, amounts) => {
    expect(amountsIn(text)).toEqual(amounts);
  });

  it.each([
    ['16 Nov 2026, 09:58', '2026-11-16'],
    ['9 Nov 2026', '2026-11-09'],
    ['1st September 2026', '2026-09-01'],
    ['3 Sept 2026', '2026-09-03'],
    ['Nov 14, 2026', '2026-11-14'],
    ['2026-11-14T10:00:00Z', '2026-11-14'],
    ['30 Feb 2026', undefined],
    ['05/11/2026', undefined],
    ['Mon 2026', undefined],
    ['Today, 10:32', undefined],
  ])('%j is %s', (text, day) => {
    expect(shownDate(text)).toBe(day);
  });
});

/** A page built node by node: whatever the text, it is text (as a page's own strings are). */
type El = (tag: string, attrs?: Record<string, string>, text?: string) => HTMLElement;

function page(build: (el: El, body: HTMLElement) => void): Document {
  const doc = parse('<!DOCTYPE html><html><body></body></html>');
  const el: El = (tag, attrs = {}, text) => {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  build(el, doc.body);
  return doc;
}

describe('the study page', () => {
  const url = new URL(`${P}/studies/${S}`);

  it('falls back to its own card when the details carry no hooks, never to another study', () => {
    const doc = page((el, body) => {
      const list = el('ul', { 'data-testid': 'studies-list' });
      for (const [id, title, reward] of [
        ['665f2b7c9d0e1f2a3b4c5d6e', 'Another study', '£9.99'],
        [S, 'Everyday decisions survey', '£1.50'],
      ] as const) {
        const card = el('li', { 'data-testid': `study-${id}` });
        card.append(el('h2', { 'data-testid': 'title' }, title), el('span', { 'data-testid': 'study-tag-reward' }, reward));
        list.append(card);
      }
      body.append(list);
    });
    expect(prolific.readTask(doc, url)).toEqual({
      platform: 'prolific',
      taskId: S,
      title: 'Everyday decisions survey',
      requesterName: '',
      reward: gbp(150),
      missing: ['requester'],
    });
    // Its card gone, the page shows nothing of its own: still the study its URL names (issue 19), nothing read.
    doc.querySelector(`[data-testid="study-${S}"]`)?.remove();
    expect(prolific.readTask(doc, url)).toEqual({ platform: 'prolific', taskId: S, title: '', requesterName: '', reward: null, missing: ['title', 'reward', 'requester'] });
  });

  it('keeps the study without a reward or a maximum time it cannot read', () => {
    const doc = page((el, body) => {
      const details = el('section');
      details.append(el('h1', { 'data-testid': 'title' }, 'A study'), el('p', {}, 'Maximum time: a while'));
      details.append(el('span', { 'data-testid': 'study-tag-reward' }, 'Free'));
      body.append(details);
    });
    expect(prolific.readTask(doc, url)).toEqual({ platform: 'prolific', taskId: S, title: 'A study', requesterName: '', reward: null, missing: ['reward', 'requester'] });
  });

  // Markup no fixture has, as a page could write it; read with both parsers (the background's is linkedom).
  const study = (details: string) => `<!DOCTYPE html><html><body><h1 data-testid="title">Study</h1>${details}<span data-testid="study-tag-reward">£1.50</span></body></html>`;
  const readers = [['happy-dom', parse], ['linkedom', parseHtml]] as const;

  it('reads the maximum time where its value has markup of its own, and only its first part', () => {
    const cases: [string, number][] = [
      // The value in bold inside the label's line, the estimate on the next line: 45 minutes, not 10.
      ['<ul><li>Maximum time: <strong>45 mins</strong></li><li>Estimated completion time: 10 mins</li></ul>', 45 * 60],
      ['<ul><li><span>Maximum time:</span> <b>1 hour 5 mins</b></li><li>Estimated completion time: 10 mins</li></ul>', 65 * 60],
      ['<div><div><span>Maximum time</span></div><div>45 mins</div></div><p>Estimated completion time: 10 mins</p>', 45 * 60],
      ['<dl><div><dt>Maximum time</dt><dd>1 hour 23 mins</dd></div></dl>', 83 * 60],
      ['<p>Maximum time: 30 mins (average 10 mins)</p>', 30 * 60],
    ];
    for (const [name, read] of readers) {
      for (const [details, sec] of cases) expect([name, details, prolific.readTask(read(study(details)), url)?.timeAllottedSec]).toEqual([name, details, sec]);
      // A label in a longer line of other text (the description) is no value; nor is the next line's estimate.
      const vague = prolific.readTask(read(study('<section><p>Maximum time</p> and more text about the study follows here, with 10 mins</section>')), url);
      expect(vague?.timeAllottedSec).toBeUndefined();
    }
  });

  it('reads the researcher beside an icon, never the icon as the name', () => {
    const cases: [string, string][] = [
      ['By Decision Lab <svg aria-hidden="true" viewBox="0 0 16 16"><path d="M0 0h16v16H0z"></path></svg>', 'Decision Lab'],
      ['By <span>Decision Lab</span><svg><title>Verified researcher</title></svg>', 'Decision Lab'],
      ['By <span>Decision Lab</span> <img alt="verified" src="data:,">', 'Decision Lab'],
      ['Hosted by <span>Decision Lab</span>', 'Decision Lab'],
      ['By <span>Decision Lab</span>', 'Decision Lab'],
      ['By Decision Lab', 'Decision Lab'],
      ['By <span>Decision </span><b>Lab</b> <svg><title>Verified</title></svg>', 'Decision Lab'],
    ];
    for (const [name, read] of readers) {
      for (const [host, researcher] of cases) {
        const doc = read(study(`<p data-testid="host">${host}</p>`));
        expect([name, host, prolific.readTask(doc, url)?.requesterName]).toEqual([name, host, researcher]);
      }
    }
  });

  it('reads no task where the URL names no study, whatever the document', () => {
    const study = cases.find((c) => c.folder === 'prolific' && c.name === 'study.html');
    expect(prolific.readTask(parse(study!.html), new URL(`${P}/studies`))).toBeNull();
  });
});

describe('the submissions list', () => {
  const url = new URL(`${P}/submissions`);
  const rows = (cells: Record<string, string>[]) =>
    page((el, body) => {
      const section = el('section', { class: 'submissions-table' });
      for (const row of cells) {
        const div = el('div', { class: 'flex-table row', role: 'row' });
        for (const [name, text] of Object.entries(row)) div.append(el('div', { class: `cell ${name}` }, text));
        section.append(div);
      }
      body.append(section);
    });

  it('reads a row that has only its status', () => {
    expect(prolific.readSubmissions(rows([{ 'study-status-cell': 'APPROVED' }]), url)).toEqual([{ status: 'APPROVED', reward: null }]);
  });

  it('skips rows without a status it knows, and reads nothing outside the table', () => {
    const doc = rows([{ 'study-reward-cell': '£1.00' }, { 'study-status-cell': 'Status' }, {}]);
    const stray = doc.createElement('div');
    stray.innerHTML = '<div class="flex-table row" role="row"><div class="cell study-status-cell">APPROVED</div></div>';
    doc.body.append(stray);
    expect(prolific.readSubmissions(doc, url)).toEqual([]);
  });
});

describe('Prolific readers on hostile text', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('£1.50', '$3.00', '£9.00/hr', '£-1.00', '£', '£99999999999999999.99', '1 hour 5 mins', '10-15 mins'),
    fc.constantFrom('APPROVED', 'Timed out', '16 Nov 2026, 09:58', '<b>x</b>', 'By ', 'By <script>'),
    fc.constantFrom('T'.repeat(600), `/studies/${'A'.repeat(70)}`),
  );
  const hooks = ['title', 'host', 'study-tag-reward', 'study-tag-reward-per-hour', 'study-tag-completion-time'];
  const cells = ['study-status-cell', 'study-date-cell', 'study-reward-cell'];

  const cardArb = fc.tuple(fc.oneof(fc.constant(S), fc.string({ maxLength: 30 })), fc.array(text, { minLength: 5, maxLength: 5 }));
  const rowArb = fc.tuple(fc.array(text, { minLength: 3, maxLength: 3 }), text);

  it('never throw, and return what the schemas accept', () => {
    fc.assert(
      fc.property(
        fc.array(cardArb, { maxLength: 4 }),
        fc.array(rowArb, { maxLength: 4 }),
        (cards, subs) => {
          const doc = page((el, body) => {
            const list = el('ul', { 'data-testid': 'studies-list' });
            for (const [id, values] of cards) {
              const card = el('li', { 'data-testid': `study-${id}` });
              hooks.forEach((hook, i) => card.append(el('span', { 'data-testid': hook }, values[i])));
              list.append(card);
            }
            const table = el('section', { class: 'submissions-table' });
            for (const [values, link] of subs) {
              const row = el('div', { class: 'flex-table row', role: 'row' });
              cells.forEach((cell, i) => row.append(el('div', { class: `cell ${cell}` }, values[i])));
              row.append(el('a', { href: link }, link));
              table.append(row);
            }
            body.append(list, table, el('p', {}, `Maximum time: ${cards[0]?.[1][4] ?? ''}`));
          });
          const listing = prolific.readListing(doc, new URL(`${P}/studies`));
          expect(listedTasksSchema.safeParse(listing).error).toBeUndefined();
          const task = prolific.readTask(doc, new URL(`${P}/studies/${S}`));
          if (task) expect(taskSnapshotSchema.safeParse(task).error).toBeUndefined();
          const submissions = prolific.readSubmissions(doc, new URL(`${P}/submissions?page=3`));
          expect(prolificSubmissionsSchema.safeParse(submissions).error).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Prolific fixtures', () => {
  const own = cases.filter((c) => c.platform === 'prolific');

  it.each(own)("$name shows the worker's own ID, and no reader returns it", ({ html, url }) => {
    expect(html).toContain(WORKER_ID);
    const doc = parse(html);
    const at = new URL(url);
    const outputs = [
      prolific.readTask(doc, at),
      prolific.readListing(doc, at),
      prolific.readSubmissions(doc, at),
      prolific.readCompletion(at),
    ];
    expect(JSON.stringify(outputs)).not.toContain(WORKER_ID);
  });

  it('the adapter is registered after MTurk', () => {
    expect(platforms.map((p) => p.id)).toEqual(['mturk', 'prolific']);
  });

  it('the readers’ types are the schemas’ (checked by tsc)', () => {
    expectTypeOf<z.infer<typeof prolificSubmissionSchema>>().toEqualTypeOf<ProlificSubmission>();
    expectTypeOf<z.infer<typeof completionSchema>>().toEqualTypeOf<Completion>();
  });
});
