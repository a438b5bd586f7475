import type { FetchedPage, RefreshEnv } from '../../../lib/background/refresh';
import { parseHtml } from '../../../lib/background/parse-html';
import type { StatusCursor } from '../../../lib/background/status-cursor';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** A clock that a sleep moves at once: enough while only one refresh runs. */
export function steppingClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

/**
 * Virtual time for work that runs at once: each sleep wakes at its own instant, in order, as real timers would,
 * so two refreshes sleeping side by side both wake when their time comes. `run` lets real asynchronous work
 * (IndexedDB) go on between wake-ups.
 */
export class VirtualClock implements Clock {
  private at = 1_000_000;
  private timers: { at: number; n: number; wake: () => void }[] = [];
  private n = 0;

  now = (): number => this.at;

  sleep = (ms: number): Promise<void> =>
    new Promise((wake) => this.timers.push({ at: this.at + Math.max(0, ms), n: this.n++, wake }));

  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 100_000 && !settled; i++) {
      await new Promise((r) => setTimeout(r, 2));
      if (settled) break;
      this.timers.sort((a, b) => a.at - b.at || a.n - b.n);
      const next = this.timers.shift();
      if (!next) continue;
      this.at = Math.max(this.at, next.at);
      next.wake();
    }
    return work;
  }
}

export type Answer = { status?: number; url?: string; body: string };

/**
 * A browser and an MTurk answering from a script; its storage outlives `env()` (a restarted service worker)
 * like extension storage. `latencyMs`: how long each answer takes on the clock.
 */
export function fakeMturk(answer: (url: string, n: number) => Answer, clock: Clock = steppingClock(), latencyMs = 0) {
  const stored: { pause: number | null; last: number | null; cursors: Record<string, StatusCursor> } = { pause: null, last: null, cursors: {} };
  const sent: { url: string; at: number }[] = [];
  const env = (): RefreshEnv => ({
    fetch: async (url) => {
      sent.push({ url, at: clock.now() });
      const a = answer(url, sent.length);
      if (latencyMs) await clock.sleep(latencyMs);
      const status = a.status ?? 200;
      const page: FetchedPage = { status, url: a.url ?? url, redirected: status >= 300 && status < 400, text: async () => a.body };
      return page;
    },
    // The background parses with linkedom (a service worker has no DOMParser): so does this test.
    parse: parseHtml,
    now: () => clock.now(),
    sleep: (ms) => clock.sleep(ms),
    loadPause: async () => stored.pause,
    savePause: async (until) => {
      stored.pause = until;
    },
    loadLastRequest: async () => stored.last,
    saveLastRequest: async (at) => {
      stored.last = at;
    },
    loadCursor: async (platform) => stored.cursors[platform] ?? null,
    saveCursor: async (platform, cursor) => {
      stored.cursors[platform] = structuredClone(cursor);
    },
  });
  return { env, sent, stored };
}

/** Every gap between two requests sent, in ms. */
export const gaps = (sent: readonly { at: number }[]) => sent.slice(1).map((s, i) => s.at - sent[i]!.at);

/** A `?format=json` answer of a status page: its rows, and the day's total (null: the answer gives none). */
export function statusJson(rows: { assignment: string; state?: string }[], total: number | null = rows.length): string {
  return JSON.stringify({
    results: rows.map(({ assignment, state = 'Approved' }) => ({
      assignment_id: assignment, hit_id: `H${assignment}`, state, title: 'Label', requester_name: 'Lab', requester_id: 'AREQ1', reward: 0.5,
    })),
    num_results: rows.length,
    ...(total === null ? {} : { total_num_results: total }),
  });
}

/** The day and page number of a status URL (null for another page). */
export function statusRequest(url: string): { day: string; page: number } | null {
  const u = new URL(url);
  const day = /^\/status_details\/(\d{4}-\d{2}-\d{2})$/.exec(u.pathname)?.[1];
  return day ? { day, page: Number(u.searchParams.get('page_number') ?? '1') } : null;
}
