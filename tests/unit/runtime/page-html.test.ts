import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../lib/background/parse-html';
import { mturk } from '../../../lib/platforms/mturk';
import { pageHtml } from '../../../lib/runtime/page-html';
import { queueOf } from '../../bench/pages.mjs';

const DIR = 'tests/fixtures/mturk';
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.html') && f !== 'amazon-sign-in.html');
const urlOf = (name: string) => (JSON.parse(readFileSync(`${DIR}/${name.replace(/\.html$/, '.json')}`, 'utf8')) as { url: string }).url;
const NOW = 1_795_860_000_000;

/** Everything the background's MTurk readers find in a page's markup (lib/background/page-reader.ts). */
function readAll(html: string, url: URL) {
  const doc = parseHtml(html);
  return {
    pageKind: mturk.pageKind(doc, url),
    alert: mturk.pageAlert?.(doc, url),
    task: mturk.readTask(doc, url, NOW),
    listing: mturk.readListing?.(doc, url),
    queue: mturk.readQueue?.(doc, url, NOW),
    dashboard: mturk.readDashboard?.(doc, url),
    balances: mturk.readBalances?.(doc, url),
    statuses: mturk.readStatusDetails?.(doc, url),
    earnings: mturk.readEarnings?.(doc, url),
  };
}

const inPage = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('the markup an MTurk page sends', () => {
  it.each(fixtures)('%s: its lists trimmed, the readers find all they found in the whole page', (name) => {
    const doc = inPage(readFileSync(`${DIR}/${name}`, 'utf8'));
    const url = new URL(urlOf(name));
    // Trimmed whatever its size (0): every fixture's rows go through the trimming.
    const trimmed = pageHtml(doc, 0);
    expect(readAll(trimmed, url)).toEqual(readAll(doc.documentElement.outerHTML, url));
  });

  it('a 200-HIT queue goes at under 60% of its size, with every row, and the page itself is left as it was', () => {
    const doc = inPage(queueOf(200));
    const whole = doc.documentElement.outerHTML;
    const sent = pageHtml(doc);
    const url = new URL('https://worker.mturk.com/tasks');
    expect(sent.length).toBeLessThan(whole.length * 0.6);
    const found = readAll(sent, url);
    expect(found.queue).toHaveLength(200);
    expect(found).toEqual(readAll(whole, url));
    expect(doc.documentElement.outerHTML).toBe(whole);
  });

  it('a small page goes as it is; malformed props go as they are', () => {
    const small = inPage(readFileSync(`${DIR}/queue.html`, 'utf8'));
    expect(pageHtml(small)).toBe(small.documentElement.outerHTML);
    const malformed = inPage(`<div data-react-class="x/TaskQueueTable" data-react-props='{"bodyData":[{"title":"a"'>${'x'.repeat(10)}</div>`);
    expect(pageHtml(malformed, 0)).toContain('{&quot;bodyData&quot;:[{&quot;title&quot;:&quot;a&quot;');
  });
});
