import type { Figures } from '../../../oracle/figures';

/**
 * A version-1 database as Centime's background left it, with what the background and the oracle said of it at
 * that moment (README.md here). Plain JSON: the types below name its parts; values are kept exactly as stored.
 */

/** One clock reading (`Stamp` of lib/domain/task-timer.ts): wall ms, monotonic reading and its origin. */
export interface DumpStamp {
  wall: number;
  mono: number;
  origin: number;
}

/** The browser and what the tracker keeps in extension storage (browser-env.ts), as the fake browser held them. */
export interface DumpBrowser {
  /** The clock when the dump was taken: `now`. */
  clock: DumpStamp;
  tabs: { id?: number; windowId?: number; url?: string; openerTabId?: number; active: boolean }[];
  focusedWindowId: number | null;
  idle: 'active' | 'idle' | 'locked';
  /** Deadline alarms set (task key, wall ms). */
  alarms: [string, number][];
  /** `local:boot`, `local:front`, `local:lastSeen`, `session:alive`, `session:taskTabs`, `session:viewedStudies`,
   * `local:studyMarks`, `local:manualTask`, `session:manualRunning`, under the fake browser's names. */
  boot: number;
  front: unknown;
  lastSeen: unknown;
  alive: boolean;
  taskTabs: Record<string, number>;
  viewed: unknown;
  studyMarks: unknown;
  manualKey: string | null;
  manualRunning: boolean;
}

export interface LegacyDump {
  /** `v1-<name>.json`. */
  name: string;
  /** What the scenario is and what it covers. */
  about: string;
  /** How it was made: the command, the commit of the code that ran it (lib/ unchanged from that commit). */
  madeBy: { command: string; commit: string; scenario: Record<string, unknown> };
  /** The time zone the background counted days in at the end, and the moment the dump was taken. */
  zone: string;
  now: number;
  /** `browser.storage.local` (settings, custom-site rules), as written through WXT's storage. */
  storage: Record<string, unknown>;
  browser: DumpBrowser;
  /** Every record of IndexedDB `centime` / `records` (idb-keyval), key order, as `[key, value]`. */
  records: [string, unknown][];
  /** Every record of IndexedDB `centime-quarantine` / `entries`. */
  quarantine: [string, unknown][];
  /** The background's `ui-bg-get-popup` reply at `now`. */
  popup: unknown;
  /** The oracle's figures at `now` (tests/oracle/reckon.ts), every day included; null where it cannot read the scenario. */
  oracle: Figures | null;
  /** Why there are no oracle figures. */
  oracleNote?: string;
  /** Hand-written dumps only: what the migration must make of them (README.md, one line per record). */
  expected?: OlderShapesExpected;
}

/** What the migration must give for `v1-older-shapes.json`, from DESIGN.md and the schemas. */
export interface OlderShapesExpected {
  /** Records set aside (quarantined with their raw value), each with a piece of the reason. */
  quarantined: Record<string, string>;
  /** Quarantine entries already there: kept as they are. */
  quarantineKept: string[];
  /** Per task key, fields its upgraded record has. */
  tasks: Record<string, Record<string, unknown>>;
  /** Task keys stamped with no `observedAt` (never known pending here). */
  noObservedAt: string[];
  /** Every day's totals (`day|platform`, DayTotals), rebuilt from the valid primary records alone. */
  days: Record<string, unknown>;
  /** Pending items: task key → submission instant. */
  pending: Record<string, number>;
  /** Open tasks (task keys). */
  open: string[];
  /** Platform stretches kept (version-1 keys). */
  stretches: string[];
  /** Dated approvals and dashboard readings per platform, kept as they are (no `knownAt` invented). */
  approvals: Record<string, unknown[]>;
  readings: Record<string, unknown[]>;
  /** Balances at `now` (BalanceView fields). */
  balances: Record<string, unknown>[];
  /** Estimates' samples (`stats:<kind>:<id>` without the prefix), rebuilt from the valid tasks alone. */
  stats: Record<string, number[]>;
}

/** The order of a dump's fields in its file: the long lists last. */
const ORDER: (keyof LegacyDump)[] = ['name', 'about', 'madeBy', 'zone', 'now', 'storage', 'browser', 'popup', 'oracle', 'oracleNote', 'expected', 'records', 'quarantine'];

/** The dump as a file: one field per line, one record per line (small, and readable in a diff). */
export function dumpText(dump: LegacyDump): string {
  const lines = ORDER.filter((key) => dump[key] !== undefined).map((key) => {
    const value = dump[key];
    if (key === 'records' || key === 'quarantine') {
      const pairs = value as [string, unknown][];
      return pairs.length ? `"${key}": [\n${pairs.map((p) => `  ${JSON.stringify(p)}`).join(',\n')}\n]` : `"${key}": []`;
    }
    return `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

/**
 * Where a value would not come back the same from JSON: `undefined`, non-finite numbers, objects that are not
 * plain (IndexedDB keeps them; JSON would drop or change them). Empty when it is safe.
 */
export function notJson(value: unknown, path = '$'): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => notJson(v, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.entries(value).flatMap(([k, v]) => notJson(v, `${path}.${k}`));
  }
  return [`${path}: ${value === undefined ? 'undefined' : typeof value}`];
}
