import type { ZodType } from 'zod';

/** Turns an object of version n into one of version n + 1. Pure; never drops fields it does not understand. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** A kind of stored object: its current schema and the steps that bring any older version up to it. */
export interface VersionedKind<T> {
  name: string;
  version: number;
  schema: ZodType<T>;
  /** `migrations[n]` upgrades version n to n + 1, for every n from 1 to `version - 1`. */
  migrations: Record<number, Migration>;
}

export type Upgraded<T> = { ok: true; value: T; migrated: boolean } | { ok: false; error: string };

/** Brings a stored object to the current version and validates it; what fails is reported, never reset. */
export function upgrade<T>(kind: VersionedKind<T>, raw: unknown): Upgraded<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: `${kind.name}: not an object` };
  }
  let current = raw as Record<string, unknown>;
  const from = current.v;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, error: `${kind.name}: no version number` };
  }
  if (from > kind.version) {
    return { ok: false, error: `${kind.name}: version ${from} was written by a newer Centime (this one reads ${kind.version})` };
  }
  for (let v = from; v < kind.version; v++) {
    const step = kind.migrations[v];
    if (!step) return { ok: false, error: `${kind.name}: no migration from version ${v}` };
    current = { ...step(current), v: v + 1 };
  }
  const parsed = kind.schema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'value';
    return { ok: false, error: `${kind.name}: ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, value: parsed.data, migrated: from !== kind.version };
}
