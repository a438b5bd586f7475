import { withoutIdentity } from '../platforms/custom-rule';

/**
 * Custom sites' task keys (`custom:<rule>:<taskId>`) as they were before the worker's own id left their task ids
 * (bce8f57: `workerId=`, `PROLIFIC_PID=`… in the URL), and the same keys without it. Pure: the start-up migration
 * (migrate-identity-ids.ts) and the rewrite of what extension storage and the quarantine keep use them.
 */
const CUSTOM_KEY = /^(custom:[a-z0-9][a-z0-9-]{0,31}):([\s\S]+)$/;
/** How stored strings name a task: its key alone, a quarantined record's source, an alarm's name. */
const PREFIXES = ['', 'task:', 'deadline:'];

/** The key without the worker's id (`withoutIdentity`), or null when it is not a custom site's or holds none. */
export function cleanTaskKey(key: string): string | null {
  const m = CUSTOM_KEY.exec(key);
  const id = m ? withoutIdentity(m[2]!) : null;
  return id === null ? null : `${m![1]}:${id}`;
}

function cleanRef(s: string): string | null {
  for (const prefix of PREFIXES) {
    const clean = s.startsWith(prefix) ? cleanTaskKey(s.slice(prefix.length)) : null;
    if (clean !== null) return `${prefix}${clean}`;
  }
  return null;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null);

/**
 * `value` with every custom task named without the worker's id: strings and property names that are task keys (or
 * `task:`/`deadline:` and one), and the `taskId` of an object whose `platform` is a custom site's. Where a renamed
 * property meets one already named so, the one already there stays (the task's state since). The value itself when
 * nothing changed, so that a caller writes only what did.
 */
export function scrubTaskRefs<T>(value: T): T {
  if (typeof value === 'string') return (cleanRef(value) ?? value) as T;
  if (Array.isArray(value)) {
    const next = value.map(scrubTaskRefs);
    return (next.some((v, i) => v !== value[i]) ? next : value) as T;
  }
  if (!isPlain(value)) return value;
  const custom = typeof value.platform === 'string' && value.platform.startsWith('custom:');
  const next: Record<string, unknown> = {};
  let changed = false;
  for (const [name, v] of Object.entries(value)) {
    const renamed = cleanRef(name) ?? name;
    const scrubbed = name === 'taskId' && custom && typeof v === 'string' ? (withoutIdentity(v) ?? v) : scrubTaskRefs(v);
    if (renamed !== name || scrubbed !== v) changed = true;
    if (renamed !== name && (Object.hasOwn(value, renamed) || Object.hasOwn(next, renamed))) continue;
    next[renamed] = scrubbed;
  }
  return (changed ? next : value) as T;
}
