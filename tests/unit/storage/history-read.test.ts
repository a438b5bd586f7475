import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { allTasks, clearHistory } from '../../../lib/storage/history-db';
import { firstRows, readAllRows, taskDetail } from '../../../lib/storage/history-read';
import type { TaskRow } from '../../../lib/storage/task-store';
import { generateAll } from '../../seed/generate';
import { keyOf } from '../../seed/resolve';
import { seedFake } from '../../seed/seed-fake';

// Issue 16, item 5: the history page reads through the storage layer and never writes.

const seed = { tasks: 300, now: Date.UTC(2026, 10, 27, 14), timeZone: 'UTC' };

/** Every transaction the code under test opens, by mode. */
function watchTransactions(): { modes: string[]; stop: () => void } {
  const modes: string[] = [];
  const original = IDBDatabase.prototype.transaction;
  const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    modes.push(args[1] ?? 'readonly');
    return original.apply(this, args);
  });
  return { modes, stop: () => spy.mockRestore() };
}

describe("the history page's reads", () => {
  beforeAll(async () => {
    await clearHistory();
    await seedFake(seed);
  }, 60_000);
  afterEach(() => vi.restoreAllMocks());

  it('reads every row in chunks of the store, each once, and opens only read-only transactions', async () => {
    const watch = watchTransactions();
    const chunks: TaskRow[][] = [];
    const total = await readAllRows((rows) => chunks.push(rows), 64);
    const first = await firstRows(50);
    const someKey = first.at(-1)!.key;
    const detail = await taskDetail(someKey);
    watch.stop();
    expect(total).toBe(seed.tasks);
    expect(chunks.map((c) => c.length)).toEqual([64, 64, 64, 64, 44]);
    const keys = chunks.flat().map((r) => r.key);
    expect(new Set(keys).size).toBe(seed.tasks);
    expect(keys.sort()).toEqual(generateAll(seed).tasks.map(keyOf).sort());
    expect(detail?.events.length).toBeGreaterThan(0);
    expect(watch.modes.length).toBeGreaterThan(5);
    expect(watch.modes.filter((m) => m !== 'readonly')).toEqual([]);
  });

  it('shows first the open tasks and the newest days, through the indexes', async () => {
    const first = await firstRows(50);
    const tasks = await allTasks();
    const open = tasks.filter((t) => t.status === 'open').map((t) => `${t.platform}:${t.taskId}`);
    expect(first.slice(0, open.length).map((r) => r.key).sort()).toEqual(open.sort());
    const days = first.slice(open.length).map((r) => r.day!);
    expect(days).toHaveLength(50);
    expect([...days].sort().reverse()).toEqual(days);
    const newest = tasks.map((t) => t.countedDay ?? t.day ?? '').sort().at(-1);
    expect(days[0]).toBe(newest);
  });
});

/** The modules a page pulls in (its own sources, not packages), from its entry file. */
function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) {
      const spec = m[1] ?? m[2]!;
      if (spec.endsWith('.css')) continue;
      const base = spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? join(dirname(file), spec) : null;
      if (base === null) continue;
      const found = ['', '.ts', '.tsx', '/index.ts'].map((ext) => normalize(base + ext)).find((p) => existsSync(p) && !p.endsWith('/'));
      if (found && /\.tsx?$/.test(found)) visit(found);
    }
  };
  visit(entry);
  return seen;
}

describe("the history page's module graph", () => {
  it('holds no writer: nothing of the background, and no call of the storage commit', () => {
    const graph = moduleGraph('entrypoints/task-history/main.tsx');
    expect(graph.has('lib/storage/history-read.ts')).toBe(true);
    expect(graph.has('components/history/HistoryView.tsx')).toBe(true);
    expect([...graph].filter((f) => f.startsWith('lib/background/'))).toEqual([]);
    const committers = [...graph].filter((f) => f !== 'lib/storage/database.ts' && /\bcommit\(/.test(readFileSync(f, 'utf8')));
    expect(committers).toEqual([]);
  });
});
