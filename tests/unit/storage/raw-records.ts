import { expect } from 'vitest';
import { database } from '../../../lib/storage/database';
import { allDayEntries } from '../../../lib/storage/history-db';
import { assemble, dayEntryKey, eventKey, readTaskParts, TASK_STORES } from '../../../lib/storage/task-store';

/**
 * The stores as an older or broken build may have left them, for tests: a task planted raw (its header and its
 * events, unvalidated; a closed task's events in its record, as version 4 keeps them) and read back as stored.
 */
export async function plantTask(key: string, raw: Record<string, unknown>): Promise<void> {
  const { events, activeMs: _a, idleMs: _i, updatedAt: _u, ...header } = raw;
  const tx = (await database()).transaction(['tasks', 'events'], 'readwrite');
  await tx.objectStore('events').delete(IDBKeyRange.bound([key], [key, []]));
  const sealed = header.status !== 'open';
  await tx.objectStore('tasks').put(sealed && events !== undefined ? { ...header, events } : header, key);
  if (!sealed && Array.isArray(events)) {
    for (const e of events as { boot: number; n: number }[]) await tx.objectStore('events').put({ ...e, task: key }, eventKey(key, e as never));
  }
  await tx.done;
}

/** A task as stored (raw: header and events as they are, times replayed), or undefined. */
export async function storedTask(key: string): Promise<Record<string, unknown> | undefined> {
  const tx = (await database()).transaction(TASK_STORES, 'readonly');
  const parts = await readTaskParts(tx, key);
  return parts ? (assemble(parts) as Record<string, unknown>) : undefined;
}

export async function plantStretch(key: IDBValidKey, raw: unknown): Promise<void> {
  await (await database()).put('stretches', raw, key as never);
}

export async function storedStretchKeys(): Promise<IDBValidKey[]> {
  return (await database()).getAllKeys('stretches');
}

/** Every derived record (docs/storage.md), as stored (the day index by entry): what a rebuild must give again. */
export async function derivedSnapshot(): Promise<Record<string, [IDBValidKey, unknown][]>> {
  const db = await database();
  const snapshot: Record<string, [IDBValidKey, unknown][]> = {};
  for (const name of ['days', 'rows', 'pending'] as const) {
    const [keys, values] = await Promise.all([db.getAllKeys(name), db.getAll(name)]);
    snapshot[name] = keys.map((k, i) => [k, values[i]]);
  }
  // The day index's entries, whether loose or in their hour's record (lib/storage/day-hours.ts: the writer leaves a
  // stretch it closes loose, a rebuild writes hours), each once.
  snapshot.dayIndex = (await allDayEntries()).map((e) => [dayEntryKey(e), e]);
  for (const prefix of ['summary:', 'recent:', 'delays:', 'medians:']) {
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const [keys, values] = await Promise.all([db.getAllKeys('records', range), db.getAll('records', range)]);
    snapshot[prefix] = keys.map((k, i) => [k, values[i]]);
  }
  return snapshot;
}

/** What the writer wrote is what a rebuild of the same primary records gives, byte for byte. */
export async function expectRebuildEqual(writer: { rebuild(): Promise<void> }): Promise<void> {
  const written = await derivedSnapshot();
  await writer.rebuild();
  expect(await derivedSnapshot()).toEqual(written);
}
