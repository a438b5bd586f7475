/**
 * How well Centime reads each platform's pages (issue 19): per platform and kind of page, when it last read one in
 * full and how many it could not read since. A platform that changed its markup shows at once (options page, or
 * a bug report), while its tasks are still timed by their URL. Pure: time is passed in.
 */
export type HealthKind = 'task' | 'queue' | 'listing' | 'balance';
export const HEALTH_KINDS: readonly HealthKind[] = ['task', 'queue', 'listing', 'balance'];

export interface KindHealth {
  /** Wall ms of the last page of this kind read in full. */
  okAt?: number;
  /** Pages of this kind not read in full since `okAt` (or ever). */
  failed: number;
  failedAt?: number;
}

export type PageHealth = Record<string, Partial<Record<HealthKind, KindHealth>>>;

/** A success more recent than this is not written again: a page read every few seconds writes nothing new. */
export const OK_AGAIN_MS = 60_000;

/** The health after one page of `kind` was read (`ok`) or not; null when nothing worth writing changed. */
export function notePage(health: PageHealth, platform: string, kind: HealthKind, ok: boolean, at: number): PageHealth | null {
  const was = health[platform]?.[kind] ?? { failed: 0 };
  if (ok && was.failed === 0 && was.okAt !== undefined && at - was.okAt < OK_AGAIN_MS) return null;
  const now: KindHealth = ok ? { okAt: at, failed: 0 } : { ...was, failed: was.failed + 1, failedAt: at };
  return { ...health, [platform]: { ...health[platform], [kind]: now } };
}
