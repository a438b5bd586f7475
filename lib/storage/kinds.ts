import {
  SETTINGS_VERSION,
  settingsSchema,
  TASK_RECORD_VERSION,
  taskRecordSchema,
  type Settings,
  type TaskRecord,
} from './schemas';
import type { VersionedKind } from './versioned';

// Each kind lists its migrations; tests/unit/storage/examples/ holds one example object per version, and a
// test runs every step on them. Add the example of the old version before changing a schema.
export const taskRecordKind: VersionedKind<TaskRecord> = {
  name: 'task record',
  version: TASK_RECORD_VERSION,
  schema: taskRecordSchema,
  migrations: {
    // v2 adds the timeline: a task seen before timing existed is open with no time yet.
    1: (old) => ({ ...old, status: 'open', external: false, events: [], activeMs: 0, idleMs: 0 }),
  },
};

export const settingsKind: VersionedKind<Settings> = {
  name: 'settings',
  version: SETTINGS_VERSION,
  schema: settingsSchema,
  migrations: {
    // v2 adds the periodic balance refresh, off: a worker who never asked for requests gets none.
    1: (old) => ({ ...old, autoRefresh: { enabled: false, everyMinutes: 60 } }),
    // v3 adds the gap that separates work sessions: DESIGN.md's 15 minutes.
    2: (old) => ({ ...old, sessionGapMin: 15 }),
    // v4: every platform on, sync off (an opt-in).
    3: (old) => ({ ...old, disabledPlatforms: [], syncSettings: false }),
  },
};

export const storedKinds = [taskRecordKind, settingsKind] as const;

/**
 * A task as a backup holds it: the stored kind less its three derived figures (zod's output is then `backupTask` of
 * what `upgrade(taskRecordKind)` gives: the same keys, in the same order). The backup's reader validates with it,
 * and the archive stores each task as the text of its output (lib/storage/archive.ts).
 */
export const backupTaskKind: VersionedKind<Omit<TaskRecord, 'activeMs' | 'idleMs' | 'updatedAt'>> = {
  ...taskRecordKind,
  schema: taskRecordSchema.omit({ activeMs: true, idleMs: true, updatedAt: true }),
};
