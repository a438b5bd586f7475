import type { CustomRule } from '../platforms/custom-rule';
import { customRuleSchema } from './custom-rules';
import { settingsKind } from './kinds';
import type { Settings } from './schemas';
import { upgrade } from './versioned';

/**
 * The sync opt-in (issue 15): settings and custom-site rules mirrored to the browser's sync storage, one item
 * `settings` and one item `rule:<id>` per rule — never the history. Written against a small area interface so
 * that tests run it on a fake storage. Everything read from sync is another computer's word: validated here.
 */

export interface SyncArea {
  get(keys?: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface Mirrored {
  settings: Settings;
  rules: CustomRule[];
}

/** Why the mirror keeps everything local (worded on the options page). */
export type SyncProblem = 'sync-item-too-large' | 'sync-total-too-large' | 'sync-too-many-items' | 'sync-invalid-data';

/** Chrome's and Firefox's quotas: 8 kB an item (its key and JSON), ~100 kB in all, 512 items (Chrome). */
export const SYNC_LIMITS = { item: 8192, total: 102_400, items: 512 } as const;

const RULE_PREFIX = 'rule:';
const bytes = (text: string) => new TextEncoder().encode(text).length;

export function syncItems({ settings, rules }: Mirrored): Record<string, unknown> {
  return { settings, ...Object.fromEntries(rules.map((rule) => [`${RULE_PREFIX}${rule.id}`, rule])) };
}

/** Measures each item as the browsers count it; the first quota it would break, if any. */
export function quotaProblem(items: Record<string, unknown>): SyncProblem | undefined {
  const keys = Object.keys(items);
  if (keys.length > SYNC_LIMITS.items) return 'sync-too-many-items';
  let total = 0;
  for (const key of keys) {
    const size = bytes(key) + bytes(JSON.stringify(items[key]));
    if (size > SYNC_LIMITS.item) return 'sync-item-too-large';
    total += size;
  }
  return total > SYNC_LIMITS.total ? 'sync-total-too-large' : undefined;
}

/** What sync holds: nothing (no `settings` item), valid settings and rules, or a problem (nothing applied). */
export function readMirrored(items: Record<string, unknown>): { value?: Mirrored; problem?: SyncProblem } {
  if (items.settings === undefined) return {};
  const settings = upgrade(settingsKind, items.settings);
  if (!settings.ok) return { problem: 'sync-invalid-data' };
  const rules: CustomRule[] = [];
  for (const [key, raw] of Object.entries(items)) {
    if (!key.startsWith(RULE_PREFIX)) continue;
    const rule = customRuleSchema.safeParse(raw);
    if (!rule.success || `${RULE_PREFIX}${rule.data.id}` !== key) return { problem: 'sync-invalid-data' };
    rules.push(rule.data);
  }
  rules.sort((a, b) => a.id.localeCompare(b.id));
  return { value: { settings: settings.value, rules } };
}

const canonical = ({ settings, rules }: Mirrored) =>
  JSON.stringify([{ ...settings, syncSettings: true }, [...rules].sort((a, b) => a.id.localeCompare(b.id))]);

export const sameMirrored = (a: Mirrored, b: Mirrored): boolean => canonical(a) === canonical(b);

/** Writes this computer's settings and rules to sync (all or nothing), dropping rules removed here. */
export async function pushToSync(area: SyncArea, local: Mirrored): Promise<SyncProblem | undefined> {
  const items = syncItems(local);
  const problem = quotaProblem(items);
  if (problem) return problem;
  const held = await area.get(null);
  const current = readMirrored(held).value;
  if (current && sameMirrored(current, local)) return undefined;
  await area.set(items);
  const stale = Object.keys(held).filter((key) => key.startsWith(RULE_PREFIX) && !(key in items));
  if (stale.length > 0) await area.remove(stale);
  return undefined;
}

export type SyncStart =
  | { kind: 'pushed'; problem?: SyncProblem }
  /** Sync holds another computer's settings: the worker chooses which to keep. */
  | { kind: 'choose'; theirs: Mirrored };

/** Turning sync on: push when sync is empty, invalid or already the same; otherwise ask. */
export async function startSync(area: SyncArea, local: Mirrored): Promise<SyncStart> {
  const { value } = readMirrored(await area.get(null));
  if (value && !sameMirrored(value, local)) return { kind: 'choose', theirs: value };
  return { kind: 'pushed', problem: await pushToSync(area, local) };
}

/** Another computer changed sync: what to apply here (the latest change wins), or why nothing is applied. */
export async function pullFromSync(area: SyncArea, local: Mirrored): Promise<{ apply?: Mirrored; problem?: SyncProblem }> {
  const { value, problem } = readMirrored(await area.get(null));
  if (problem) return { problem };
  if (!value || sameMirrored(value, local)) return {};
  return { apply: { settings: { ...value.settings, syncSettings: true }, rules: value.rules } };
}
