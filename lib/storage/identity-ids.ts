import { taskIdOf, taskIdWithIdentity, withoutIdentity } from '../platforms/custom-rule';

/**
 * Custom sites' task keys (`custom:<rule>:<taskId>`) as they were before the worker's own id left their task ids
 * (bce8f57: `workerId=`, `PROLIFIC_PID=`… in the URL), and the same keys without it. Pure: the start-up migration
 * (migrate-identity-ids.ts) and the rewrite of what extension storage and the quarantine keep use them.
 */
const CUSTOM_KEY = /^(custom:[a-z0-9][a-z0-9-]{0,31}):([\s\S]+)$/;
/** How stored strings name a task: its key alone, a quarantined record's source, an alarm's name. */
const PREFIXES = ['', 'task:', 'deadline:'];

/**
 * Old keys whose new key is known from elsewhere than the key itself: the key `taskIdOf` makes of the URL a tab
 * shows (`keysFromUrls`). An id cut to 200 characters needs it: its hash is of the URL with the worker's id.
 */
export type KnownKeys = ReadonlyMap<string, string>;

/**
 * The key without the worker's id, or null when it is not a custom site's or holds none: the one `known` gives it,
 * else `withoutIdentity`'s (for an id of whole length, the very id `taskIdOf` makes of its URL now).
 */
export function cleanTaskKey(key: string, known?: KnownKeys): string | null {
  const m = CUSTOM_KEY.exec(key);
  const id = m ? withoutIdentity(m[2]!) : null;
  return id === null ? null : (known?.get(key) ?? `${m![1]}:${id}`);
}

/**
 * For each of `keys` (custom sites' old keys) whose id is the one `taskIdOf` made, before bce8f57, of a URL in
 * `urls` (the browser's tabs): the key `taskIdOf` makes of that URL now, which the tracker goes on under.
 */
export function keysFromUrls(keys: Iterable<string>, urls: Iterable<string>): Map<string, string> {
  const byId = new Map<string, string[]>();
  for (const key of keys) {
    const m = CUSTOM_KEY.exec(key);
    if (m && withoutIdentity(m[2]!) !== null) byId.set(m[2]!, [...(byId.get(m[2]!) ?? []), m[1]!]);
  }
  const known = new Map<string, string>();
  if (byId.size === 0) return known;
  for (const href of urls) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    const old = taskIdWithIdentity(url);
    for (const platform of byId.get(old) ?? []) known.set(`${platform}:${old}`, `${platform}:${taskIdOf(url)}`);
  }
  return known;
}

function cleanRef(s: string, known?: KnownKeys): string | null {
  for (const prefix of PREFIXES) {
    const clean = s.startsWith(prefix) ? cleanTaskKey(s.slice(prefix.length), known) : null;
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
 * nothing changed, so that a caller writes only what did. `known`: as `cleanTaskKey`'s.
 */
export function scrubTaskRefs<T>(value: T, known?: KnownKeys): T {
  if (typeof value === 'string') return (cleanRef(value, known) ?? value) as T;
  if (Array.isArray(value)) {
    const next = value.map((v) => scrubTaskRefs(v, known));
    return (next.some((v, i) => v !== value[i]) ? next : value) as T;
  }
  if (!isPlain(value)) return value;
  const custom = typeof value.platform === 'string' && value.platform.startsWith('custom:');
  const next: Record<string, unknown> = {};
  let changed = false;
  for (const [name, v] of Object.entries(value)) {
    const renamed = cleanRef(name, known) ?? name;
    const scrubbed = name === 'taskId' && custom && typeof v === 'string' ? cleanTaskId(value.platform as string, v, known) : scrubTaskRefs(v, known);
    if (renamed !== name || scrubbed !== v) changed = true;
    if (renamed !== name && (Object.hasOwn(value, renamed) || Object.hasOwn(next, renamed))) continue;
    next[renamed] = scrubbed;
  }
  return (changed ? next : value) as T;
}

/** A custom site's task id without the worker's id (as `cleanTaskKey` cleans its key), or the id itself. */
function cleanTaskId(platform: string, id: string, known?: KnownKeys): string {
  const key = known?.get(`${platform}:${id}`);
  return key !== undefined ? key.slice(platform.length + 1) : (withoutIdentity(id) ?? id);
}
