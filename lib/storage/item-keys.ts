/**
 * The keys of dated approvals and platform stretches, from their stored values: pure, so that `commit` (through
 * lib/storage/packs.ts) and the readers compute them alike. Null for a value that does not say its key (a record
 * damaged or of an unknown shape: readers report it, the writer sets it aside).
 */
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isString = (x: unknown): x is string => typeof x === 'string';

/** `approvalKey`'s parts after the platform: the fields that tell two approvals apart, in the order they sort. */
export function approvalIdOf(a: { at: number; task?: string; part?: string; seq?: number; currency: string; minor: number }): [number, string, string, number, string, number] {
  return [a.at, a.task ?? '', a.part ?? '', a.seq ?? 0, a.currency, a.minor];
}

export function approvalKeyOf(value: unknown): IDBValidKey | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const a = value as Record<string, unknown>;
  if (!isString(a.platform) || !isNumber(a.at) || !isString(a.currency) || !isNumber(a.minor)) return null;
  if ((a.task !== undefined && !isString(a.task)) || (a.part !== undefined && !isString(a.part)) || (a.seq !== undefined && !isNumber(a.seq))) return null;
  return [a.platform, ...approvalIdOf(a as never)];
}

export function stretchKeyOf(value: unknown): IDBValidKey | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const s = value as { platform?: unknown; start?: { wall?: unknown; mono?: unknown } };
  if (!isString(s.platform) || typeof s.start !== 'object' || s.start === null || !isNumber(s.start.wall) || !isNumber(s.start.mono)) return null;
  return [s.platform, s.start.wall, s.start.mono];
}
