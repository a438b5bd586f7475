import { backupTask, type Backup, type BackupParts } from '../data/backup';
import { isHitKeyed } from '../data/hit-fold';
import { approvalIdentity, legacyDelaysIdentity, readingIdentity, stretchIdentity, type Existing } from '../data/merge';
import { database } from './database';
import { allStretches, getTasks } from './history-db';
import type { TaskRecord } from './schemas';
import { allApprovals, allLegacyDelays, allReadings, bonusEntrySchema } from './ledger-db';
import { itemsBackupText } from './packs';
import { readTasksInChunks } from './task-chunks';
import { archivedKeys } from './archive';
import type { TaskRow } from './task-store';
import { transfersSchema } from './transfers-db';

/**
 * What a backup and an import read: every piece of primary data (never derived records), and what is already
 * stored under the keys a backup names. Reads only: extension pages may call these (the export is built in the
 * page, so that years of history never travel through one message); writes go to the background's writer.
 */
const TRANSFERS = 'ledger:transfers:';
/** Tasks per read transaction. */
const CHUNK = 500;
/** Past this many stored tasks to read by key, reading the whole store a range at a time is quicker. */
const SCAN_FROM = 2_000;

export async function allTransfers(): Promise<Backup['transfers']> {
  const store = (await database()).transaction('records').store;
  const range = IDBKeyRange.bound(TRANSFERS, `${TRANSFERS}\uffff`);
  const [keys, values] = await Promise.all([store.getAllKeys(range), store.getAll(range)]);
  return keys.flatMap((key, i) => {
    const parsed = transfersSchema.safeParse(values[i]);
    return parsed.success ? [{ platform: String(key).slice(TRANSFERS.length), ...parsed.data }] : [];
  });
}

/**
 * The primary data of a backup, every task in memory: the reference the backup's own reader (`backup-tasks.ts`,
 * which the options page uses) is checked against, and what the oracle's re-import stages. The settings and rules
 * are added by the caller, which reads extension storage.
 */
export async function primaryData(): Promise<BackupParts> {
  const tasks: TaskRecord[] = [];
  await readTasksInChunks((chunk) => {
    for (const task of chunk) tasks.push(task);
  }, CHUNK);
  return { tasks: tasks.map(backupTask), ...(await primaryBesideTasks()) };
}

/** The primary data other than tasks. */
async function primaryBesideTasks(): Promise<Omit<BackupParts, 'tasks'>> {
  const [stretches, bonuses, readings, approvals, transfers, legacyDelays] = await Promise.all([
    allStretches(), allBonusEntries(), allReadings(), allApprovals(), allTransfers(), allLegacyDelays(),
  ]);
  // In the backup's order (lib/data/backup.ts: writeBackup and the file written in parts write the same text).
  return { stretches, bonuses, readings, approvals: approvals.map(({ platform, ...approval }) => ({ platform, approval })), transfers, legacyDelays };
}

/**
 * The primary data other than tasks as the backup file writes it: the approvals and stretches as their lists' text in
 * parts (months of packs as their stored Blobs, never read: lib/storage/packs.ts, `itemsBackupText`), the rest as
 * objects. The same lists, in the same order, as `primaryBesideTasks`.
 */
export async function besideTasksForFile(): Promise<{ rest: Omit<BackupParts, 'tasks' | 'approvals' | 'stretches'>; lists: Record<'approvals' | 'stretches', BlobPart[]> }> {
  const [stretches, bonuses, readings, approvals, transfers, legacyDelays] = await Promise.all([
    itemsBackupText('stretches'), allBonusEntries(), allReadings(), itemsBackupText('approvals'), allTransfers(), allLegacyDelays(),
  ]);
  return { rest: { bonuses, readings, transfers, legacyDelays }, lists: { approvals: approvals.parts, stretches: stretches.parts } };
}

/** Bonus entries with the total they rose from (part of their key: two rises in one millisecond are two). */
async function allBonusEntries(): Promise<Backup['bonuses']> {
  const found: Backup['bonuses'] = [];
  // Two requests, not a cursor's step per entry (each step waits for the page's turn: 536 steps took ~1.3 s in a
  // backup of 100,000 tasks, while the page worked on the approvals).
  const store = (await database()).transaction('bonuses').store;
  const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
  keys.forEach((key, i) => {
    const entry = bonusEntrySchema.safeParse(values[i]);
    const fromTotal = (key as unknown[])[3];
    if (entry.success && typeof fromTotal === 'number') found.push({ entry: entry.data, fromTotal });
  });
  return found;
}

/**
 * The stored MTurk records of the HITs a backup names, under another key than its copy's (one HIT, one task:
 * lib/data/hit-fold.ts): a HIT's record under its HIT id, and, for a HIT that has one (stored or in the backup), its
 * assignments' closed records, found through the rows (they carry the HIT id; MTurk's are the keys `mturk:` to
 * `mturk;`). Only a backup or a store that holds a record under a HIT id (an MTurk Suite import) reads the rows.
 */
async function otherCopies(tasks: Backup['tasks'], stored: ReadonlySet<string>): Promise<string[]> {
  const hits = new Set<string>();
  const found: string[] = [];
  for (const t of tasks) {
    if (t.platform !== 'mturk' || t.hitId === undefined) continue;
    if (isHitKeyed(t)) hits.add(t.hitId);
    else if (stored.has(`mturk:${t.hitId}`)) {
      hits.add(t.hitId);
      found.push(`mturk:${t.hitId}`);
    }
  }
  if (hits.size === 0) return found;
  const rows = (await (await database()).getAll('rows', IDBKeyRange.bound('mturk:', 'mturk;', false, true))) as TaskRow[];
  for (const row of rows) if (row.hitId !== undefined && hits.has(row.hitId) && row.status !== 'open' && row.key !== `mturk:${row.hitId}`) found.push(row.key);
  return found;
}

/** What is stored under the keys `backup` names, and the other copies of its MTurk HITs: what `planImport` merges with. */
export async function existingFor(backup: Pick<Backup, 'tasks'>, scanFrom = SCAN_FROM): Promise<Existing> {
  const db = await database();
  // Only the keys stored are read: a task a time when they are few, else the store a range at a time (a backup
  // of 100,000 tasks into an empty browser asked 300,000 requests that all found nothing).
  const [loose, archived] = await Promise.all([db.getAllKeys('tasks') as Promise<string[]>, archivedKeys()]);
  const stored = new Set([...loose, ...archived]);
  const named = new Set(backup.tasks.map((t) => `${t.platform}:${t.taskId}`));
  for (const key of await otherCopies(backup.tasks, stored)) named.add(key);
  const keys = [...named].filter((key) => stored.has(key));
  const tasks = new Map<string, Backup['tasks'][number]>();
  if (keys.length > scanFrom) {
    const wanted = new Set(keys);
    await readTasksInChunks((chunk) => {
      for (const task of chunk) if (wanted.has(`${task.platform}:${task.taskId}`)) tasks.set(`${task.platform}:${task.taskId}`, backupTask(task));
    }, CHUNK);
  } else {
    for (let i = 0; i < keys.length; i += CHUNK) {
      for (const task of await getTasks(keys.slice(i, i + CHUNK))) tasks.set(`${task.platform}:${task.taskId}`, backupTask(task));
    }
  }
  const [approvals, readings, stretches, bonusKeys, transfers, legacyDelays] = await Promise.all([
    allApprovals(), allReadings(), allStretches(), db.getAllKeys('bonuses'), allTransfers(), allLegacyDelays(),
  ]);
  // A record under its HIT id that joins its assignment's takes its approvals along.
  const hitKeyed = new Set([...tasks].flatMap(([key, task]) => (isHitKeyed(task) ? [key] : [])));
  const approvalsOf = new Map<string, Backup['approvals']>();
  for (const { platform, ...approval } of approvals) {
    if (approval.task === undefined || !hitKeyed.has(approval.task)) continue;
    approvalsOf.set(approval.task, [...(approvalsOf.get(approval.task) ?? []), { platform, approval }]);
  }
  return {
    tasks,
    approvals: new Set(approvals.map(({ platform, ...a }) => approvalIdentity(platform, a))),
    readingTimes: new Set(readings.map((r) => readingIdentity(r.platform, r.reading.at))),
    stretchKeys: new Set(stretches.map(stretchIdentity)),
    bonusKeys: new Set(bonusKeys.map((key) => JSON.stringify(key))),
    transfers: new Map(transfers.map(({ platform, ...history }) => [platform, history])),
    legacyDelays: new Map(legacyDelays.map((entry) => [legacyDelaysIdentity(entry), entry])),
    approvalsOf,
  };
}
