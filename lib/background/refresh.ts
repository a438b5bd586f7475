import { isSignInPage, statusDetailsFromJson } from '../platforms/mturk';
import { readDashboard } from '../platforms/mturk-balances';
import type { Dashboard, StatusDetail } from '../platforms/types';

/** MTurk's own limits are unpublished; workers' tools keep to about this pace, and so does Centime. */
export const MIN_GAP_MS = 3_000;
export const MAX_REQUESTS = 10;
/** After HTTP 429 or MTurk's "excessive rate" page: no request for an hour (stored, so a restart keeps it). */
export const PAUSE_MS = 3_600_000;

const ORIGIN = 'https://worker.mturk.com';
const EXCESSIVE = /We have detected an excessive rate of page/i;

export interface FetchedPage {
  status: number;
  url: string;
  /**
   * MTurk answered with a redirect. Requests are made with `redirect: 'manual'`: MTurk redirects a logged-out
   * worker to Amazon's sign-in page, which is no host of Centime's, so following it would only fail.
   */
  redirected: boolean;
  text(): Promise<string>;
}

/** The browser as the refresh sees it; the background binds it to fetch, linkedom and storage, tests to fakes. */
export interface RefreshEnv {
  fetch(url: string): Promise<FetchedPage>;
  parse(html: string): Document;
  now(): number;
  sleep(ms: number): Promise<void>;
  loadPause(): Promise<number | null>;
  savePause(until: number): Promise<void>;
  /** When the last request of any refresh went out (stored): the 3 s gap holds across refreshes too. */
  loadLastRequest(): Promise<number | null>;
  saveLastRequest(at: number): Promise<void>;
}

export type RefreshResult =
  | { kind: 'done'; requests: number; dashboard: Dashboard | null; statuses: StatusDetail[] }
  | { kind: 'paused'; until: number; requests: number }
  | { kind: 'logged-out'; requests: number }
  | { kind: 'failed'; error: string; requests: number };

/**
 * Reads MTurk's dashboard and the status details of the given days with the worker's own session: the only
 * requests Centime makes. At most one request every 3 s and 10 per refresh; a 429 or the "excessive rate"
 * page stops it and pauses refreshing for an hour; the sign-in redirect means the worker is logged out.
 */
export async function refreshMturk(env: RefreshEnv, statusDays: string[]): Promise<RefreshResult> {
  const pausedUntil = await env.loadPause();
  if (pausedUntil !== null && pausedUntil > env.now()) return { kind: 'paused', until: pausedUntil, requests: 0 };
  const urls = [`${ORIGIN}/dashboard`, ...statusDays.map((d) => `${ORIGIN}/status_details/${d}?format=json`)];
  let requests = 0;
  let dashboard: Dashboard | null = null;
  const statuses: StatusDetail[] = [];
  for (const url of urls.slice(0, MAX_REQUESTS)) {
    const last = await env.loadLastRequest();
    const wait = last === null ? 0 : last + MIN_GAP_MS - env.now();
    if (wait > 0) await env.sleep(wait);
    await env.saveLastRequest(env.now());
    requests++;
    let page: FetchedPage;
    let body: string;
    try {
      page = await env.fetch(url);
      body = await page.text();
    } catch (error) {
      return { kind: 'failed', error: error instanceof Error ? error.message : String(error), requests };
    }
    if (page.status === 429 || EXCESSIVE.test(body)) {
      const until = env.now() + PAUSE_MS;
      await env.savePause(until);
      return { kind: 'paused', until, requests };
    }
    if (page.redirected || isSignInPage(new URL(page.url))) return { kind: 'logged-out', requests };
    if (page.status !== 200) return { kind: 'failed', error: `HTTP ${page.status} for ${url}`, requests };
    if (url.endsWith('/dashboard')) {
      dashboard = readDashboard(env.parse(body), new URL(page.url));
    } else {
      const day = /status_details\/(\d{4}-\d{2}-\d{2})/.exec(url)?.[1] ?? '';
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // Not JSON (a changed page): nothing read for that day.
      }
      statuses.push(...(statusDetailsFromJson(json, day)?.rows ?? []));
    }
  }
  return { kind: 'done', requests, dashboard, statuses };
}
