import { PART_NAMES, readParts, type BackupParts, type BackupProblem } from '../data/backup';
import { planImport, type ImportPlan } from '../data/merge';
import { CentimeError } from '../errors';
import { broadcastChanged } from '../messaging';
import { existingFor } from '../storage/backup-read';
import { clearDatabase } from '../storage/database';
import type { TaskWriter } from './task-writer';

/**
 * The writer's side of data in and out (issue 17). An import arrives in parts (`stage`), each record validated
 * again here, and is held in memory until the worker's confirmation commits it: then it is merged with what is
 * stored (lib/data/merge.ts) and written with the derived records it moves in one transaction, which marks them
 * stale until the balance summaries that follow are written: a worker stopped in between rebuilds at its next start. An import left unconfirmed, or
 * interrupted (the page closed, the worker stopped), leaves nothing behind.
 */
export type StagedPart = Partial<Record<(typeof PART_NAMES)[number], unknown[]>>;

export interface DataEnv {
  writer: TaskWriter;
  now: () => number;
  /** Empties Centime's extension storage (local and session; the sync copy too when asked). */
  clearStorage: (sync: boolean) => Promise<void>;
  /** After everything was deleted: custom-site scripts dropped, the tracker starting again from nothing. */
  afterDelete: () => Promise<void>;
}

/** An import not touched for this long is dropped: its page is gone. */
const STALE_MS = 15 * 60_000;
/** Bounded memory: at most this many records held for imports not yet confirmed. */
const MAX_STAGED = 400_000;

interface Staged {
  /** The parts read so far, each with its place in the import. */
  slices: { seq: number; parts: BackupParts }[];
  /** How many records they hold. */
  count: number;
  touched: number;
}

const emptyParts = (): BackupParts => ({ tasks: [], stretches: [], bonuses: [], readings: [], approvals: [], transfers: [], legacyDelays: [] });
const size = (p: BackupParts) => PART_NAMES.reduce((n, name) => n + p[name].length, 0);

/** The staged parts joined in their order. */
function joined(s: Staged): BackupParts {
  const parts = emptyParts();
  for (const slice of [...s.slices].sort((a, b) => a.seq - b.seq)) {
    for (const name of PART_NAMES) for (const record of slice.parts[name]) (parts[name] as unknown[]).push(record);
  }
  return parts;
}

export function dataHandlers(env: DataEnv) {
  const staged = new Map<string, Staged>();
  const forgetStale = () => {
    for (const [id, s] of staged) if (env.now() - s.touched > STALE_MS) staged.delete(id);
  };
  return {
    'ui-bg-import-stage': async ({ importId, seq, part }: { importId: string; seq?: number; part: StagedPart }): Promise<{ staged: number; problems: BackupProblem[] }> => {
      forgetStale();
      const problems: BackupProblem[] = [];
      const read = readParts(part, problems, env.now());
      const into = staged.get(importId) ?? { slices: [], count: 0, touched: 0 };
      const total = [...staged.values()].reduce((n, s) => n + s.count, 0);
      if (total + size(read) > MAX_STAGED) throw new CentimeError('import_too_large');
      into.slices.push({ seq: seq ?? into.slices.length, parts: read });
      into.count += size(read);
      into.touched = env.now();
      staged.set(importId, into);
      return { staged: into.count, problems };
    },
    'ui-bg-import-commit': async ({ importId }: { importId: string }): Promise<{ counts: ImportPlan['counts'] }> => {
      const s = staged.get(importId);
      if (!s) throw new CentimeError('import_gone');
      staged.delete(importId);
      const parts = joined(s);
      const counts = await env.writer.serial(async () => {
        const existing = await existingFor(parts);
        const plan = planImport(existing, parts);
        // Primary records and what they derive in one transaction, then the summaries (import-write.ts).
        await env.writer.writeImport(plan, existing.tasks, env.now());
        return plan.counts;
      });
      await broadcastChanged(['tasks', 'balances']);
      return { counts };
    },
    'ui-bg-import-drop': async ({ importId }: { importId: string }) => ({ dropped: staged.delete(importId) }),
    'ui-bg-delete-all': async ({ sync }: { sync: boolean }) => {
      staged.clear();
      await env.writer.serial(async () => {
        await clearDatabase();
        await env.clearStorage(sync);
      });
      await env.writer.rebuild();
      await env.afterDelete();
      await broadcastChanged(['tasks', 'balances', 'settings']);
      return { deleted: true as const };
    },
  };
}
