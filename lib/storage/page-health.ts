import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { notePage, type HealthKind, type PageHealth } from '../domain/page-health';

const kindSchema = z.object({
  okAt: z.number().int().nonnegative().optional(),
  failed: z.number().int().nonnegative(),
  failedAt: z.number().int().nonnegative().optional(),
});
const healthSchema = z.record(
  z.string().max(80),
  z.object({ task: kindSchema.optional(), queue: kindSchema.optional(), listing: kindSchema.optional(), balance: kindSchema.optional() }),
);

/**
 * The platforms' page health (issue 19), a few numbers per platform in extension storage, written by the
 * background's page reader only. A diagnostic, not history: a value that fails its schema is started again, with
 * a warning (nothing the worker earned depends on it).
 */
const healthItem = storage.defineItem<unknown>('local:pageHealth', { fallback: {} });

export async function loadPageHealth(): Promise<PageHealth> {
  const read = healthSchema.safeParse(await healthItem.getValue());
  if (!read.success) console.warn('Centime: page health unreadable, started again', read.error.issues[0]);
  return read.success ? (read.data as PageHealth) : {};
}

let queue: Promise<void> = Promise.resolve();

/** Notes one page read (one at a time: two tabs reading at once each keep their count). */
export function savePageRead(platform: string, kind: HealthKind, ok: boolean, at: number): Promise<void> {
  const step = queue.then(async () => {
    const next = notePage(await loadPageHealth(), platform, kind, ok, at);
    if (next) await healthItem.setValue(next);
  });
  queue = step.catch(() => {});
  return step;
}
