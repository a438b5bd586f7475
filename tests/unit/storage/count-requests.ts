import { vi } from 'vitest';

/** IndexedDB requests on object stores while `run` runs, by store and method (`rows.getAll`: 3). */
export async function countRequests(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const method of ['get', 'getAll', 'getAllKeys', 'count', 'openCursor'] as const) {
    const original = IDBObjectStore.prototype[method] as (...a: unknown[]) => IDBRequest;
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      counts[`${this.name}.${method}`] = (counts[`${this.name}.${method}`] ?? 0) + 1;
      return original.apply(this, args);
    } as never);
  }
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  return counts;
}
