/**
 * Keeps the background awake while long work is under way. Chrome stops an extension's service worker after 30 s
 * with no extension event and no extension API call (developer.chrome.com, "The extension service worker
 * lifecycle": "calling an extension API resets this timer"), Firefox an event page after 30 s likewise; an IndexedDB
 * transaction is neither. The writer's longest steps pass that: an import of years of history writes ~470,000
 * records in one transaction (~1 min, issue 18), a rebuild or a migration of a long history too. Stopped mid-way,
 * the transaction is undone (nothing is lost) but the work never ends: the rebuild starts again at each start. So
 * while work is under way a cheap API is called every `everyMs`. Measured in Chromium (tests/e2e/README.md): 70 s
 * of work from start-up was cut off 39 s in without the calls and finished with them; an import's commit, which a
 * page's awaited message holds, finished either way. Firefox's event page likewise
 * (`extensions.background.idle.timeout`, 30 s): a step held past the timeout is cut off without the calls and
 * finishes with them (`keep-awake-firefox.e2e.test.ts`).
 *
 * It never keeps the worker up for nothing: once the work ends (or after `maxMs`, should it never end) the calls
 * stop, and the browser stops the worker when it is idle, as it does today.
 */
export interface Awake {
  /** Runs `work`, keeping the background awake until it settles. */
  during<T>(work: () => Promise<T>): Promise<T>;
}

export interface AwakeEnv {
  /** A cheap extension API call (`runtime.getPlatformInfo`). */
  ping: () => Promise<unknown> | unknown;
  setInterval: (run: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
  now: () => number;
}

export function keepAwake(env: AwakeEnv, everyMs = 20_000, maxMs = 10 * 60_000): Awake {
  let running = 0;
  let handle: unknown;
  let since = 0;
  let lastEnd = 0;
  const stop = () => {
    env.clearInterval(handle);
    handle = undefined;
  };
  // Steps that follow one another closely (a migration's batches) are one long piece of work: the calls go on
  // until no step has run for a whole interval.
  const tick = () => {
    const now = env.now();
    if ((running === 0 && now - lastEnd >= everyMs) || now - since > maxMs) return stop();
    void Promise.resolve()
      .then(env.ping)
      .catch(() => undefined);
  };
  return {
    async during(work) {
      if (handle === undefined) {
        since = env.now();
        handle = env.setInterval(tick, everyMs);
      }
      running++;
      try {
        return await work();
      } finally {
        running--;
        lastEnd = env.now();
      }
    },
  };
}

/** Nothing to keep awake (tests, and pages: only the background is stopped when idle). */
export const alwaysAwake: Awake = { during: (work) => work() };
