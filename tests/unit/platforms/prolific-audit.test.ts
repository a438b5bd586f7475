// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../lib/background/parse-html';
import { durationSec, prolific, submissionStatus } from '../../../lib/platforms/prolific';
import { listedTasksSchema } from '../../../lib/storage/platform-schemas';

// Audit of the Prolific adapter against pages built as DESIGN.md ("Platforms" → Prolific) describes them.
const P = 'https://app.prolific.com';
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

/** A card of the studies list, with the hooks DESIGN.md names; each tag only where given. */
function card(id: string, tags: { title?: string; host?: string; reward?: string; perHour?: string; time?: string }): string {
  const tag = (name: string, text: string | undefined) => (text === undefined ? '' : `<li><span data-testid="${name}">${text}</span></li>`);
  return `<li data-testid="study-${id}" class="list-item"><div class="study-content">
    ${tags.title === undefined ? '' : `<h2 data-testid="title"><a href="/studies/${id}">${tags.title}</a></h2>`}
    ${tags.host === undefined ? '' : `<p data-testid="host">By <span>${tags.host}</span></p>`}
    <ul class="tags">${tag('study-tag-reward', tags.reward)}${tag('study-tag-reward-per-hour', tags.perHour)}${tag('study-tag-completion-time', tags.time)}<li><span data-testid="study-tag-places">12 places</span></li></ul>
  </div></li>`;
}
const studies = (cards: string[]) => parse(`<main><ul data-testid="studies-list">${cards.join('')}</ul></main>`);

describe('Prolific studies list', () => {
  it('reads rewards, rates and completion times as the cards write them', () => {
    const doc = studies([
      card('aaaa01', { title: 'One', host: 'Lab', reward: '£1.50', perHour: '£9.00/hr', time: '10 mins' }),
      card('aaaa02', { title: 'Two', reward: '$2.00', perHour: '$12.00/hr', time: '1 hour 5 mins' }),
      card('aaaa03', { title: 'Three', reward: '£1.50 + bonus', perHour: '£6.00/hr', time: '1 hr' }),
      card('aaaa04', { title: 'Four', reward: '£10.00', perHour: '£6.67/hr', time: '90 minutes' }),
      card('aaaa05', { title: 'Five', reward: '£0.10', perHour: '£6.00/hr', time: '&lt; 1 min' }),
    ]);
    const listed = prolific.readListing(doc, new URL(`${P}/studies`));
    expect(listed.map((l) => [l.taskId, l.reward, l.ratePerHour, l.estimatedSec])).toEqual([
      ['aaaa01', { minor: 150, currency: 'GBP' }, { minor: 900, currency: 'GBP' }, 600],
      ['aaaa02', { minor: 200, currency: 'USD' }, { minor: 1200, currency: 'USD' }, 3900],
      ['aaaa03', { minor: 150, currency: 'GBP' }, { minor: 600, currency: 'GBP' }, 3600],
      ['aaaa04', { minor: 1000, currency: 'GBP' }, { minor: 667, currency: 'GBP' }, 5400],
      // "< 1 min": at most a minute.
      ['aaaa05', { minor: 10, currency: 'GBP' }, { minor: 600, currency: 'GBP' }, 60],
    ]);
    expect(listed[0]!.requesterName).toBe('Lab');
    expect(listedTasksSchema.safeParse(listed).success).toBe(true);
  });

  it('keeps hostile titles as text, and cards with missing parts without their fields', () => {
    const rtl = '\u202Egnirts\u202C survey 🎉🎉';
    const doc = studies([
      card('bbbb01', { title: '&lt;img src=x onerror=alert(1)&gt; <b>bold</b> <script>evil()</script>', reward: '£1.00' }),
      card('bbbb02', { title: rtl, host: '\u05DE\u05E2\u05D1\u05D3\u05D4' }),
      card('bbbb03', { title: 'x'.repeat(501), reward: '£1.00' }),
      card('bbbb04', { reward: '£1.00' }),
      card('bbbb05', { title: 'No tags' }),
      card('bbbb06', { title: 'Unreadable', reward: 'Free', perHour: '—', time: '10-15 mins' }),
    ]);
    const listed = prolific.readListing(doc, new URL(`${P}/studies`));
    expect(listed).toEqual([
      { taskId: 'bbbb01', title: '<img src=x onerror=alert(1)> bold evil()', reward: { minor: 100, currency: 'GBP' } },
      { taskId: 'bbbb02', title: rtl, requesterName: '\u05DE\u05E2\u05D1\u05D3\u05D4', reward: null },
      { taskId: 'bbbb05', title: 'No tags', reward: null },
      { taskId: 'bbbb06', title: 'Unreadable', reward: null },
    ]);
  });
});

describe('Prolific pages that lack their parts', () => {
  it('reads a document with no root element (an empty page parsed in the background) without throwing', () => {
    const empty = parseHtml('');
    const url = new URL(`${P}/studies/6650c1e2a4b5d6e7f8091a2b`);
    expect(prolific.readTask(empty, url)).toEqual({
      platform: 'prolific',
      taskId: '6650c1e2a4b5d6e7f8091a2b',
      title: '',
      requesterName: '',
      reward: null,
      missing: ['title', 'reward', 'requester'],
    });
    expect(prolific.readListing(empty, new URL(`${P}/studies`))).toEqual([]);
    expect(prolific.readSubmissions(empty, new URL(`${P}/submissions`))).toEqual([]);
  });

  it('tells the page kinds of the URLs, whatever their query', () => {
    const blank = parse('');
    expect(prolific.pageKind(blank, new URL(`${P}/studies/6650c1e2a4b5d6e7f8091a2b?PROLIFIC_PID=abc`))).toBe('task');
    expect(prolific.pageKind(blank, new URL(`${P}/studies?page=2`))).toBe('listing');
    expect(prolific.pageKind(blank, new URL(`${P}/submissions/complete?cc=C1A2B3C4`))).toBe('completion');
    expect(prolific.pageKind(blank, new URL(`${P}/submissions/complete/?cc=NOCODE`))).toBe('completion');
    expect(prolific.readCompletion(new URL(`${P}/submissions/complete/?cc=NOCODE`))).toEqual({ code: null });
    expect(prolific.readCompletion(new URL(`${P}/submissions/complete?cc=%3Cscript%3E`))).toEqual({ code: null });
    expect(prolific.pageKind(blank, new URL(`${P}/submissions?page=3`))).toBe('balance');
  });
});

describe('Prolific statuses and durations', () => {
  it.each([
    ['RESERVED', 'RESERVED'],
    ['active', 'ACTIVE'],
    ['  Awaiting   review ', 'AWAITING REVIEW'],
    ['approved', 'APPROVED'],
    ['Rejected', 'REJECTED'],
    ['screened out', 'SCREENED OUT'],
    ['RETURNED', 'RETURNED'],
    ['timed-out', 'TIMED-OUT'],
    ['Timed out', 'TIMED-OUT'],
    ['PROCESSING', null],
    ['', null],
  ])('%j is %s', (text, status) => {
    expect(submissionStatus(text)).toBe(status);
  });

  it.each([
    ['10 mins', 600],
    ['1 hour 5 mins', 3900],
    ['1 hr', 3600],
    ['90 minutes', 5400],
    ['< 1 min', 60],
    ['10-15 mins', undefined],
    ['', undefined],
  ])('%j is %s seconds', (text, sec) => {
    expect(durationSec(text)).toBe(sec);
  });
});
