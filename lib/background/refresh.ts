import type { BalanceSync, Dashboard, EarningsPage, StatusDetail } from '../platforms/types';

/** Platforms do not publish their limits; workers' tools keep to about this pace, and so does Centime. */
export const MIN_GAP_MS = 3_000;
export const MAX_REQUESTS = 10;
/** After the platform asks to slow down: no request for an hour (stored, so a restart keeps it). */
export const PAUSE_MS = 3_600_000;


export interface FetchedPage {
  status: number;
  url: string;
  /**
   * The platform answered with a redirect. Requests use `redirect: 'manual'`: a logged-out worker is sent to a
   * sign-in page on a host that is not Centime's (MTurk: Amazon's), so following it would only fail.
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
  | { kind: 'done'; requests: number; dashboard: Dashboard | null; earnings: EarningsPage | null; statuses: StatusDetail[] }
  | { kind: 'paused'; until: number; requests: number }
  | { kind: 'logged-out'; requests: number }
  | { kind: 'failed'; error: string; requests: number };

/**
 * Reads a platform's balance pages with the worker's own session: the only requests Centime makes. At most one
 * request every 3 s and 10 per refresh; a "slow down" answer stops it and pauses refreshing for an hour; a
 * redirect to sign-in means the worker is logged out.
 */
export async function refreshBalances(env: RefreshEnv, sync: BalanceSync, statusDays: string[]): Promise<RefreshResult> {
  const pausedUntil = await env.loadPause();
  if (pausedUntil !== null && pausedUntil > env.now()) return { kind: 'paused', until: pausedUntil, requests: 0 };
  let requests = 0;
  let dashboard: Dashboard | null = null;
  let earnings: EarningsPage | null = null;
  const statuses: StatusDetail[] = [];
  for (const url of sync.urls(statusDays).slice(0, MAX_REQUESTS)) {
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
    if (sync.throttled(page.status, body)) {
      const until = env.now() + PAUSE_MS;
      await env.savePause(until);
      return { kind: 'paused', until, requests };
    }
    if (sync.loggedOut(page)) return { kind: 'logged-out', requests };
    if (page.status !== 200) return { kind: 'failed', error: `HTTP ${page.status} for ${url}`, requests };
    const read = sync.read(url, body, env.parse);
    if (read.dashboard) dashboard = read.dashboard;
    if (read.earnings) earnings = read.earnings;
    statuses.push(...(read.statuses ?? []));
  }
  return { kind: 'done', requests, dashboard, earnings, statuses };
}
