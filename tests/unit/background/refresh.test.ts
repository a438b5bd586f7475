import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_REQUESTS, MIN_GAP_MS, PAUSE_MS, refreshBalances } from '../../../lib/background/refresh';
import { MAX_PAGES_PER_DAY } from '../../../lib/background/status-cursor';
import { mturkSync } from '../../../lib/platforms/mturk-sync';
import { fakeMturk, gaps, statusJson, statusRequest, steppingClock, type Answer } from './fake-mturk';

const dashboardHtml = readFileSync('tests/fixtures/mturk/dashboard.html', 'utf8');
const earningsHtml = readFileSync('tests/fixtures/mturk/earnings.html', 'utf8');
const SIGN_IN = 'https://www.amazon.com/ap/signin?openid.return_to=https%3A%2F%2Fworker.mturk.com%2Fdashboard&openid.mode=checkid_setup';
/** MTurk as served: the dashboard and earnings pages in HTML, status details in JSON (`day` answers each page). */
const mturk = (day: (date: string, page: number) => string = () => statusJson([{ assignment: 'A1' }])) => (url: string): Answer => {
  if (url.endsWith('/dashboard')) return { body: dashboardHtml };
  if (url.endsWith('/earnings')) return { body: earningsHtml };
  const status = statusRequest(url);
  return { body: status ? day(status.day, status.page) : '' };
};
const novDays = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-11-${String(from + i).padStart(2, '0')}`);
/** The status pages a list of requests asked for, as `day#page`. */
const statusPages = (sent: readonly { url: string }[]) => sent.flatMap(({ url }) => {
  const s = statusRequest(url);
  return s ? [`${s.day}#${s.page}`] : [];
});

describe('MTurk refresh', () => {
  it('reads the dashboard, the earnings page and status details, one request every 3 s at most', async () => {
    const clock = steppingClock();
    const m = fakeMturk(mturk(), clock);
    const result = await refreshBalances(m.env(), mturkSync, ['2026-11-26', '2026-11-25']);
    expect(result).toMatchObject({ kind: 'done', requests: 4, dashboard: { available: { minor: 1473, currency: 'USD' } } });
    expect(result.kind === 'done' && result.statuses.map((row) => [row.assignmentId, row.date])).toEqual([['A1', '2026-11-25'], ['A1', '2026-11-26']]);
    const earnings = JSON.parse(readFileSync('tests/fixtures/mturk/earnings.json', 'utf8')) as { earnings: unknown };
    expect(result.kind === 'done' && result.earnings).toEqual(earnings.earnings);
    expect(m.sent.map((s) => s.url)).toEqual([
      'https://worker.mturk.com/dashboard',
      'https://worker.mturk.com/earnings',
      'https://worker.mturk.com/status_details/2026-11-25?format=json&page_number=1',
      'https://worker.mturk.com/status_details/2026-11-26?format=json&page_number=1',
    ]);
    for (const gap of gaps(m.sent)) expect(gap).toBeGreaterThanOrEqual(MIN_GAP_MS);
    // The gap also holds from one refresh to the next.
    await refreshBalances(m.env(), mturkSync, []);
    expect(m.sent[4]!.at - m.sent[3]!.at).toBeGreaterThanOrEqual(MIN_GAP_MS);
  });

  it('never sends an 11th request in one refresh', async () => {
    const m = fakeMturk(mturk());
    expect(await refreshBalances(m.env(), mturkSync, novDays(1, 15))).toMatchObject({ kind: 'done', requests: MAX_REQUESTS });
    expect(m.sent).toHaveLength(MAX_REQUESTS);
  });

  it.each([
    ['HTTP 429', { status: 429, body: 'Too Many Requests' }],
    ['the excessive-rate page', { body: '<p>We have detected an excessive rate of page requests from you.</p>' }],
  ])('stops at %s and sends nothing for an hour, also after a restart', async (_, throttled) => {
    const clock = steppingClock();
    const served = mturk();
    const m = fakeMturk((url, n) => (n === 2 ? throttled : served(url)), clock);
    const result = await refreshBalances(m.env(), mturkSync, ['2026-11-26', '2026-11-25']);
    expect(result).toMatchObject({ kind: 'paused', requests: 2 });
    expect(m.sent).toHaveLength(2);
    clock.advance(PAUSE_MS - 1);
    // A new environment over the same storage: a restarted service worker.
    expect(await refreshBalances(m.env(), mturkSync, ['2026-11-26'])).toMatchObject({ kind: 'paused', requests: 0 });
    expect(m.sent).toHaveLength(2);
    clock.advance(2);
    expect(await refreshBalances(m.env(), mturkSync, [])).toMatchObject({ kind: 'done', requests: 2 });
  });

  it('says the worker is logged out when MTurk redirects to the sign-in page (or has led there)', async () => {
    const redirect = fakeMturk(() => ({ status: 302, body: '' }));
    expect(await refreshBalances(redirect.env(), mturkSync, ['2026-11-26'])).toEqual({ kind: 'logged-out', requests: 1 });
    const landed = fakeMturk(() => ({ url: SIGN_IN, body: '<title>Amazon Sign-In</title>' }));
    expect(await refreshBalances(landed.env(), mturkSync, ['2026-11-26'])).toEqual({ kind: 'logged-out', requests: 1 });
  });

  it('reports a network failure without pausing', async () => {
    const m = fakeMturk(() => {
      throw new Error('NetworkError');
    });
    expect(await refreshBalances(m.env(), mturkSync, [])).toEqual({ kind: 'failed', error: { code: 'network', detail: 'NetworkError' }, requests: 1 });
    expect(m.stored.pause).toBeNull();
  });

  it('reports a server error as a code with the platform and status, for the page to word (no English URL)', async () => {
    const m = fakeMturk(() => ({ status: 503, body: 'Service Unavailable' }));
    const outcome = await refreshBalances(m.env(), mturkSync, []);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'refresh_http', params: ['Amazon Mechanical Turk', '503'] }, requests: 1 });
  });
});

describe('every page of a status day', () => {
  /** Day 20 has 7 HITs on three pages (3, 3 and 1 rows); day 21 one. */
  const threePages = (day: string, page: number) => {
    if (day !== '2026-11-20') return statusJson([{ assignment: 'B1' }]);
    const rows = [['A1', 'A2', 'A3'], ['A4', 'A5', 'A6'], ['A7']][page - 1] ?? [];
    return statusJson(rows.map((assignment) => ({ assignment })), 7);
  };

  it('reads a day with 3 pages to its last one, then the next day', async () => {
    const m = fakeMturk(mturk(threePages));
    const result = await refreshBalances(m.env(), mturkSync, ['2026-11-21', '2026-11-20']);
    expect(statusPages(m.sent)).toEqual(['2026-11-20#1', '2026-11-20#2', '2026-11-20#3', '2026-11-21#1']);
    expect(result.kind === 'done' && result.statuses.map((row) => row.assignmentId)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'B1']);
    for (const gap of gaps(m.sent)) expect(gap).toBeGreaterThanOrEqual(MIN_GAP_MS);
  });

  it('counts rows it could not read towards the total: a skipped row does not ask for one page more', async () => {
    const m = fakeMturk(mturk((_, page) => (page === 1 ? JSON.stringify({ results: [{ assignment_id: 'bad id' }], total_num_results: 1 }) : statusJson([{ assignment: 'X' }]))));
    await refreshBalances(m.env(), mturkSync, ['2026-11-20']);
    expect(statusPages(m.sent)).toEqual(['2026-11-20#1']);
  });

  it('goes on to an empty page when the answer gives no total', async () => {
    const m = fakeMturk(mturk((_, page) => statusJson(page <= 2 ? [{ assignment: `A${page}` }] : [], null)));
    const result = await refreshBalances(m.env(), mturkSync, ['2026-11-20']);
    expect(statusPages(m.sent)).toEqual(['2026-11-20#1', '2026-11-20#2', '2026-11-20#3']);
    expect(result.kind === 'done' && result.statuses.map((row) => row.assignmentId)).toEqual(['A1', 'A2']);
  });

  it(`believes no total that asks for more than ${MAX_PAGES_PER_DAY} pages, and still reads the other days`, async () => {
    // Day 20 claims a million HITs and gives one per page, forever.
    const m = fakeMturk(mturk((day, page) => statusJson([{ assignment: `A${page}` }], day === '2026-11-20' ? 1_000_000 : 1)));
    for (let refresh = 0; refresh < 7; refresh++) {
      const before = m.sent.length;
      await refreshBalances(m.env(), mturkSync, ['2026-11-20', '2026-11-21']);
      expect(m.sent.length - before).toBeLessThanOrEqual(MAX_REQUESTS);
    }
    const pages = statusPages(m.sent);
    expect(pages.filter((p) => p.startsWith('2026-11-20#'))).toEqual(Array.from({ length: MAX_PAGES_PER_DAY }, (_, i) => `2026-11-20#${i + 1}`));
    expect(pages).toContain('2026-11-21#1');
  });
});

describe('status days across refreshes (a stored cursor)', () => {
  it('reads every one of 15 pending days within two refreshes, oldest first, never more than 10 requests', async () => {
    const m = fakeMturk(mturk());
    const days = novDays(1, 15);
    const perRefresh: string[][] = [];
    for (let refresh = 0; refresh < 3; refresh++) {
      const before = m.sent.length;
      const result = await refreshBalances(m.env(), mturkSync, [...days].reverse());
      expect(result.kind).toBe('done');
      expect(m.sent.length - before).toBeLessThanOrEqual(MAX_REQUESTS);
      // Each refresh still reads the dashboard and the transfer history first.
      expect(m.sent.slice(before, before + 2).map((s) => new URL(s.url).pathname)).toEqual(['/dashboard', '/earnings']);
      perRefresh.push(statusPages(m.sent.slice(before)));
    }
    expect(perRefresh[0]).toEqual(novDays(1, 8).map((d) => `${d}#1`));
    expect(perRefresh[1]).toEqual(novDays(9, 15).map((d) => `${d}#1`));
    // Every day was read: a new round starts with the oldest again.
    expect(perRefresh[2]).toEqual(novDays(1, 8).map((d) => `${d}#1`));
    for (const gap of gaps(m.sent)) expect(gap).toBeGreaterThanOrEqual(MIN_GAP_MS);
  });

  it('goes on with a day where the last refresh ran out of requests, at its next page', async () => {
    // Day 20: 12 HITs, one per page.
    const m = fakeMturk(mturk((day, page) => statusJson([{ assignment: `A${page}` }], day === '2026-11-20' ? 12 : 1)));
    const first = await refreshBalances(m.env(), mturkSync, ['2026-11-20', '2026-11-21']);
    expect(statusPages(m.sent)).toEqual(Array.from({ length: 8 }, (_, i) => `2026-11-20#${i + 1}`));
    const before = m.sent.length;
    const second = await refreshBalances(m.env(), mturkSync, ['2026-11-20', '2026-11-21']);
    expect(statusPages(m.sent.slice(before))).toEqual(['2026-11-20#9', '2026-11-20#10', '2026-11-20#11', '2026-11-20#12', '2026-11-21#1']);
    const rows = [first, second].flatMap((r) => (r.kind === 'done' ? r.statuses.filter((s) => s.date === '2026-11-20').map((s) => s.assignmentId) : []));
    expect(rows).toEqual(Array.from({ length: 12 }, (_, i) => `A${i + 1}`));
  });

  it('drops days that are no longer pending, and reads a day that became pending in the same round', async () => {
    const pages = (day: string, page: number) => statusJson([{ assignment: `${day}-${page}` }], day === '2026-11-08' ? 20 : 1);
    const m = fakeMturk(mturk(pages));
    // Days 1 to 8 fill the first refresh; it stops inside day 8 (20 pages).
    await refreshBalances(m.env(), mturkSync, novDays(1, 12));
    expect(statusPages(m.sent).at(-1)).toBe('2026-11-08#1');
    // Then day 8 and day 9 are resolved (no longer pending) and day 16 has a new pending HIT.
    const before = m.sent.length;
    await refreshBalances(m.env(), mturkSync, [...novDays(1, 7), ...novDays(10, 12), '2026-11-16']);
    expect(statusPages(m.sent.slice(before))).toEqual(['2026-11-10#1', '2026-11-11#1', '2026-11-12#1', '2026-11-16#1']);
    // A cursor of days that all left starts a new round with the days pending now.
    const after = m.sent.length;
    await refreshBalances(m.env(), mturkSync, ['2026-11-30']);
    expect(statusPages(m.sent.slice(after))).toEqual(['2026-11-30#1']);
  });

  it('keeps the cursor as it was when a refresh stops early (nothing it read is applied)', async () => {
    const served = mturk();
    let throttle = false;
    const clock = steppingClock();
    const m = fakeMturk((url) => (throttle && url.includes('2026-11-03') ? { status: 429, body: '' } : served(url)), clock);
    throttle = true;
    expect(await refreshBalances(m.env(), mturkSync, novDays(1, 4))).toMatchObject({ kind: 'paused' });
    throttle = false;
    clock.advance(PAUSE_MS);
    const before = m.sent.length;
    await refreshBalances(m.env(), mturkSync, novDays(1, 4));
    expect(statusPages(m.sent.slice(before))).toEqual(novDays(1, 4).map((d) => `${d}#1`));
  });

  it('fetches nothing for Prolific, whose pages hold no data without its scripts', async () => {
    const { prolificSync } = await import('../../../lib/platforms/prolific-sync');
    const m = fakeMturk(mturk());
    expect(await refreshBalances(m.env(), prolificSync, ['2026-11-20'])).toMatchObject({ kind: 'done', requests: 0, statuses: [] });
    expect(m.sent).toEqual([]);
  });
});
