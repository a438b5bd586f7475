import { clear, createStore, del, entries, get, set, type UseStore } from 'idb-keyval';
import { taskRecordKind } from './kinds';
import { quarantine } from './quarantine';
import type { TaskRecord } from './schemas';
import { upgrade } from './versioned';

/**
 * Task history in IndexedDB, one key per record so that appending one task stays cheap at 10,000 records
 * (TOOLCHAIN.md). Written by the background only; extension pages may read it.
 */
let store: UseStore | undefined;
const db = () => (store ??= createStore('centime', 'records'));

export const taskKey = (platform: string, taskId: string) => `task:${platform}:${taskId}`;

export async function putTask(record: TaskRecord): Promise<void> {
  await set(taskKey(record.platform, record.taskId), record, db());
}

/** One task, upgraded to the current version; an invalid record is moved to quarantine and reads as absent. */
export async function getTask(platform: string, taskId: string): Promise<TaskRecord | undefined> {
  const key = taskKey(platform, taskId);
  const raw: unknown = await get(key, db());
  if (raw === undefined) return undefined;
  return (await readRecord(key, raw)) ?? undefined;
}

export async function allTasks(): Promise<TaskRecord[]> {
  const tasks: TaskRecord[] = [];
  for (const [key, raw] of await entries(db())) {
    if (typeof key !== 'string' || !key.startsWith('task:')) continue;
    const record = await readRecord(key, raw);
    if (record) tasks.push(record);
  }
  return tasks;
}

async function readRecord(key: string, raw: unknown): Promise<TaskRecord | null> {
  const result = upgrade(taskRecordKind, raw);
  if (result.ok) {
    if (result.migrated) await set(key, result.value, db());
    return result.value;
  }
  await quarantine({ source: key, reason: result.error, raw, at: Date.now() });
  await del(key, db());
  return null;
}

/** Tests only. */
export async function clearHistory(): Promise<void> {
  await clear(db());
}
