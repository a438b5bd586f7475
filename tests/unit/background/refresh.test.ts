// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../lib/background/parse-html';
import { MAX_REQUESTS, MIN_GAP_MS, PAUSE_MS, refreshBalances, type FetchedPage, type RefreshEnv } from '../../../lib/background/refresh';
import { mturkSync } from '../../../lib/platforms/mturk-sync';

const dashboardHtml = readFileSync('tests/fixtures/mturk/dashboard.html', 'utf8');
const earningsHtml = readFileSync('tests/fixtures/mturk/earnings.html', 'utf8');
/** MTurk as served: the dashboard and earnings pages in HTML, status details in JSON. */
const page = (url: string) => (url.endsWith('/dashboard') ? dashboardHtml : url.endsWith('/earnings') ? earningsHtml : statusJson('A1'));
const SIGN_IN = 'https://www.amazon.com/ap/signin?openid.return_to=https%3A%2F%2Fworker.mturk.com%2Fdashboard&openid.mode=checkid_setup';
const statusJson = (assignment: string) =>
  JSON.stringify({
    results: [{ assignment_id: assignment, hit_id: `H${assignment}`, state: 'Approved', title: 'Label', requester_name: 'Lab', requester_id: 'AREQ1', reward: 0.5 }],
    num_results: 1,
    total_num_results: 1,
  });

/** A browser and an MTurk answering from a script; its storage outlives `restart()` like extension storage. */
function fakeMturk(answer: (url: string, n: number) => { status?: number; url?: string; body: string }) {
  const stored: { pause: number | null; last: number | null } = { pause: null, last: null };
  let now = 1_000_000;
  const sent: { url: string; at: number }[] = [];
  const env = (): RefreshEnv => ({
    fetch: async (url) => {
      sent.push({ url, at: now });
      const a = answer(url, sent.length);
      const status = a.status ?? 200;
      const page: FetchedPage = { status, url: a.url ?? url, redirected: status >= 300 && status < 400, text: async () => a.body };
      return page;
    },
    // The background parses with linkedom (a service worker has no DOMParser): so does this test.
    parse: parseHtml,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    loadPause: async () => stored.pause,
    savePause: async (until) => {
      stored.pause = until;
    },
    loadLastRequest: async () => stored.last,
    saveLastRequest: async (at) => {
      stored.last = at;
    },
  });
  return { env, sent, stored, advance: (ms: number) => (now += ms) };
}

describe('MTurk refresh', () => {
  it('reads the dashboard, the earnings page and status details, one request every 3 s at most', async () => {
    const m = fakeMturk((url) => ({ body: page(url) }));
    const result = await refreshBalances(m.env(), mturkSync, ['2026-11-26', '2026-11-25']);
    expect(result).toMatchObject({ kind: 'done', requests: 4, dashboard: { available: { minor: 1473, currency: 'USD' } } });
    expect(result.kind === 'done' && result.statuses.map((row) => row.assignmentId)).toEqual(['A1', 'A1']);
    const earnings = JSON.parse(readFileSync('tests/fixtures/mturk/earnings.json', 'utf8')) as { earnings: unknown };
    expect(result.kind === 'done' && result.earnings).toEqual(earnings.earnings);
    expect(m.sent.map((s) => s.url)).toEqual([
      'https://worker.mturk.com/dashboard',
      'https://worker.mturk.com/earnings',
      'https://worker.mturk.com/status_details/2026-11-26?format=json',
      'https://worker.mturk.com/status_details/2026-11-25?format=json',
    ]);
    for (let i = 1; i < m.sent.length; i++) expect(m.sent[i]!.at - m.sent[i - 1]!.at).toBeGreaterThanOrEqual(MIN_GAP_MS);
    // The gap also holds from one refresh to the next.
    await refreshBalances(m.env(), mturkSync, []);
    expect(m.sent[4]!.at - m.sent[3]!.at).toBeGreaterThanOrEqual(MIN_GAP_MS);
  });

  it('never sends an 11th request in one refresh', async () => {
    const m = fakeMturk((url) => ({ body: page(url) }));
    const days = Array.from({ length: 15 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    expect(await refreshBalances(m.env(), mturkSync, days)).toMatchObject({ kind: 'done', requests: MAX_REQUESTS });
    expect(m.sent).toHaveLength(MAX_REQUESTS);
  });

  it.each([
    ['HTTP 429', { status: 429, body: 'Too Many Requests' }],
    ['the excessive-rate page', { body: '<p>We have detected an excessive rate of page requests from you.</p>' }],
  ])('stops at %s and sends nothing for an hour, also after a restart', async (_, throttled) => {
    const m = fakeMturk((url, n) => (n === 2 ? throttled : { body: page(url) }));
    const result = await refreshBalances(m.env(), mturkSync, ['2026-11-26', '2026-11-25']);
    expect(result).toMatchObject({ kind: 'paused', requests: 2 });
    expect(m.sent).toHaveLength(2);
    m.advance(PAUSE_MS - 1);
    // A new environment over the same storage: a restarted service worker.
    expect(await refreshBalances(m.env(), mturkSync, ['2026-11-26'])).toMatchObject({ kind: 'paused', requests: 0 });
    expect(m.sent).toHaveLength(2);
    m.advance(2);
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
    expect(await refreshBalances(m.env(), mturkSync, [])).toEqual({ kind: 'failed', error: 'NetworkError', requests: 1 });
    expect(m.stored.pause).toBeNull();
  });
});
