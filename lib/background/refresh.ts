import type { BalanceSync, Dashboard, EarningsPage, StatusDetail, SyncRead } from '../platforms/types';
import { MAX_PAGES_PER_DAY, statusTurns, type DayTurn, type StatusCursor } from './status-cursor';
import type { CodedError } from '../errors';
import { adapterById } from '../platforms/registry';

/**
 * Platforms do not publish their limits; workers' tools keep to about this pace, and so does Centime. The
 * end-to-end build (`CENTIME_E2E`), whose platforms are served from fixtures, paces at a tenth of it: its two
 * 10-request refreshes would otherwise wait ~45 s in each browser. The pace itself is held by the unit tests.
 */
export const MIN_GAP_MS = import.meta.env.CENTIME_E2E ? 300 : 3_000;
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
  /** Where the platform's status days stand (stored): each refresh goes on where the last one stopped. */
  loadCursor(platform: string): Promise<StatusCursor | null>;
  saveCursor(platform: string, cursor: StatusCursor): Promise<void>;
}

export type RefreshResult =
  | { kind: 'done'; requests: number; dashboard: Dashboard | null; earnings: EarningsPage | null; statuses: StatusDetail[] }
  | { kind: 'paused'; until: number; requests: number }
  | { kind: 'logged-out'; requests: number }
  | { kind: 'failed'; error: CodedError; requests: number };

type Stop = Exclude<RefreshResult, { kind: 'done' }>;

/**
 * Reads a platform's balance pages with the worker's own session: the only requests Centime makes. At most one
 * request every 3 s and 10 per refresh; a "slow down" answer stops it and pauses refreshing for an hour; a
 * redirect to sign-in means the worker is logged out. Each refresh reads the platform's own pages (MTurk: the
 * dashboard and the earnings page), then goes on with the status days of `pendingDays` where the last refresh
 * stopped, every page of each day, until its requests run out. A refresh that stops early keeps the cursor as
 * it was: what it read is not applied.
 */
export async function refreshBalances(env: RefreshEnv, sync: BalanceSync, pendingDays: string[]): Promise<RefreshResult> {
  const pausedUntil = await env.loadPause();
  if (pausedUntil !== null && pausedUntil > env.now()) return { kind: 'paused', until: pausedUntil, requests: 0 };
  let requests = 0;
  let dashboard: Dashboard | null = null;
  let earnings: EarningsPage | null = null;
  const statuses: StatusDetail[] = [];
  const get = async (url: string): Promise<SyncRead | Stop> => {
    const read = await request(env, sync, url, ++requests);
    if ('kind' in read) return read;
    if (read.dashboard) dashboard = read.dashboard;
    if (read.earnings) earnings = read.earnings;
    statuses.push(...(read.statuses ?? []));
    return read;
  };
  for (const url of sync.pages.slice(0, MAX_REQUESTS)) {
    const read = await get(url);
    if ('kind' in read) return read;
  }
  if (sync.status) {
    const { turns, done } = statusTurns(pendingDays, await env.loadCursor(sync.platform));
    let stopped: DayTurn | undefined;
    days: for (const turn of turns) {
      let { page, seen } = turn;
      for (;;) {
        if (requests >= MAX_REQUESTS) {
          stopped = { day: turn.day, page, seen };
          break days;
        }
        const read = await get(sync.status.url(turn.day, page));
        if ('kind' in read) return read;
        const { count, total } = read.statusPage ?? { count: 0, total: null };
        seen += count;
        // The day is read: its rows cover the total it announced, or a page came back empty.
        if (count === 0 || (total !== null && seen >= total) || page >= MAX_PAGES_PER_DAY) break;
        page++;
      }
      done.push(turn.day);
    }
    await env.saveCursor(sync.platform, { done, ...(stopped ? { at: stopped } : {}) });
  }
  return { kind: 'done', requests, dashboard, earnings, statuses };
}

/** The `requests`th request, 3 s at least after the last one of any refresh (stored); what its answer means. */
async function request(env: RefreshEnv, sync: BalanceSync, url: string, requests: number): Promise<SyncRead | Stop> {
  const last = await env.loadLastRequest();
  const wait = last === null ? 0 : last + MIN_GAP_MS - env.now();
  if (wait > 0) await env.sleep(wait);
  await env.saveLastRequest(env.now());
  let page: FetchedPage;
  let body: string;
  try {
    page = await env.fetch(url);
    body = await page.text();
  } catch (error) {
    // fetch rejects only when no answer came (offline, DNS, TLS): the network, whatever its words.
    return { kind: 'failed', error: { code: 'network', detail: error instanceof Error ? error.message : String(error) }, requests };
  }
  if (sync.throttled(page.status, body)) {
    const until = env.now() + PAUSE_MS;
    await env.savePause(until);
    return { kind: 'paused', until, requests };
  }
  if (sync.loggedOut(page)) return { kind: 'logged-out', requests };
  if (page.status !== 200) return { kind: 'failed', error: { code: 'refresh_http', params: [adapterById(sync.platform)?.name ?? sync.platform, String(page.status)], detail: url }, requests };
  return sync.read(url, body, env.parse);
}

/**
 * One refresh at a time: a caller that comes while one is under way (the periodic alarm and the popup's button)
 * joins it and gets its outcome, rather than starting a second one whose requests would break the 3 s spacing.
 */
export function joinable<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
}
