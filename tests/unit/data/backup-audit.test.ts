import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backupTask, PART_NAMES, readBackup, writeBackup, type Backup } from '../../../lib/data/backup';
import type { TaskRecord } from '../../../lib/storage/schemas';

/**
 * Hostile files against Centime's own backup reader (lib/data/backup.ts): it never throws, and each bad record is a
 * problem naming its list and position while the good ones are kept.
 */
const stamp = (wall: number) => ({ wall, mono: wall - 1_000_000, origin: 1_000_000 });
const T0 = Date.UTC(2026, 10, 2, 9);
const NOW = Date.UTC(2026, 10, 30, 12);
const task: TaskRecord = {
  v: 2, platform: 'mturk', taskId: '3ASSIGNMENT1', hitId: '3HIT1', title: 'Rate 20 images', requesterName: 'Lab',
  reward: { minor: 75, currency: 'USD' }, firstSeenAt: T0, updatedAt: T0 + 180_000, status: 'submitted', endedAt: T0 + 180_000,
  countedDay: '2026-11-02', external: false, activeMs: 180_000, idleMs: 0,
  events: [{ boot: 1, n: 0, type: 'front', at: stamp(T0) }, { boot: 1, n: 1, type: 'outcome', outcome: 'submitted', at: stamp(T0 + 180_000) }],
};
const good = backupTask(task);
const file = (over: Record<string, unknown> = {}) => JSON.stringify({
  format: 'centime-backup', version: 1, exportedAt: T0, tasks: [good], stretches: [], bonuses: [], readings: [], approvals: [], transfers: [],
  legacyDelays: [], settings: null, customRules: [], ...over,
});

describe('readBackup, hostile files', () => {
  it('never throws, whatever JSON sits in any list, and names each bad record by list and position (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PART_NAMES), fc.array(fc.jsonValue(), { maxLength: 6 }), (list, items) => {
        const read = readBackup(file({ [list]: items }), NOW);
        expect(read.backup).not.toBeNull();
        const listed = read.problems.filter((p) => p.list === list);
        expect(listed.every((p) => Number.isInteger(p.index) && p.index >= 0 && p.index < items.length)).toBe(true);
        expect(listed.length + (read.backup![list] as unknown[]).length).toBe(items.length);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on any text, and reads text that is no Centime backup as one file problem (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        const read = readBackup(text, NOW);
        if (read.backup === null) expect(read.problems).toEqual([expect.objectContaining({ list: 'file', index: -1 })]);
      }),
      { numRuns: 300 },
    );
  });

  it('says which version problem a file has: newer, or unknown', () => {
    const reason = (version: unknown) => readBackup(file({ version }), NOW).problems[0]?.reason;
    expect(reason(2)).toBe('written by a newer Centime');
    for (const v of [0, -1, '1', null, 'x']) expect(reason(v)).toBe('unknown backup version');
  });

  it('refuses a task with a negative reward or bonus, or one dated in the future, and keeps the others', () => {
    const tasks = [
      { ...good, taskId: 'NEG', reward: { minor: -5, currency: 'USD' } },
      { ...good, taskId: 'NEGBONUS', bonus: { minor: -1, currency: 'USD' } },
      { ...good, taskId: 'FUTURE', countedDay: '2099-01-01' },
      { ...good, taskId: 'FUTUREEND', endedAt: Date.UTC(2099, 0, 1) },
      good,
    ];
    const read = readBackup(file({ tasks }), NOW);
    expect(read.backup?.tasks.map((t) => t.taskId)).toEqual(['3ASSIGNMENT1']);
    expect(read.problems.map((p) => [p.list, p.index, p.reason])).toEqual([
      ['tasks', 0, 'an amount under zero'], ['tasks', 1, 'an amount under zero'], ['tasks', 2, 'a date in the future'], ['tasks', 3, 'a date in the future'],
    ]);
  });

  it('refuses an amount past $100,000,000 (MAX_MINOR) as a problem: two such would make every sum of them throw', () => {
    const huge = { ...good, taskId: 'HUGE', reward: { minor: 9_007_199_254_740_991, currency: 'USD' } };
    const read = readBackup(file({ tasks: [huge, { ...good, taskId: 'MAX', reward: { minor: 10_000_000_000, currency: 'USD' } }] }), NOW);
    expect(read.backup?.tasks.map((t) => t.taskId)).toEqual(['MAX']);
    expect(read.problems.map((p) => [p.list, p.index])).toEqual([['tasks', 0]]);
    expect(read.problems[0]!.reason).toMatch(/10,000,000,000/);
  });

  it('refuses text past the stored bounds (a million-character title, a 100,000-character id) as problems', () => {
    const read = readBackup(file({ tasks: [{ ...good, title: 'x'.repeat(1_000_000) }, { ...good, taskId: 'y'.repeat(100_000) }, good] }), NOW);
    expect(read.backup?.tasks).toHaveLength(1);
    expect(read.problems.map((p) => p.index)).toEqual([0, 1]);
  });

  it('ignores __proto__ and constructor keys: they give no record its fields and pollute nothing', () => {
    const withProto = file().replace('"v":2', '"__proto__":{"polluted":true},"v":2').replace('"format"', '"__proto__":{"tasks":[1]},"format"');
    const read = readBackup(withProto, NOW);
    expect(read.problems).toEqual([]);
    expect(read.backup?.tasks).toEqual([good]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const nested = readBackup(file({ tasks: [JSON.parse('{"__proto__":{"v":2,"platform":"mturk","taskId":"X"}}')] }), NOW);
    expect(nested.backup?.tasks).toEqual([]);
    expect(nested.problems).toHaveLength(1);
  });

  it('reads duplicated JSON keys as JSON does (the last one wins), never as a crash', () => {
    expect(readBackup('{"format":"centime-backup","version":1,"version":2}', NOW).problems[0]?.reason).toBe('written by a newer Centime');
    expect(readBackup('{"format":"centime-backup","version":2,"version":1,"tasks":[]}', NOW).problems).toEqual([]);
  });

  it('survives deeply nested JSON in a task, in the settings and as the file', () => {
    const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    expect(() => readBackup(`{"format":"centime-backup","version":1,"tasks":[${deep(50_000)}]}`, NOW)).not.toThrow();
    expect(() => readBackup(`{"format":"centime-backup","version":1,"tasks":[{"v":2,"reward":${deep(50_000)}}]}`, NOW)).not.toThrow();
    expect(() => readBackup(`{"format":"centime-backup","version":1,"settings":${deep(50_000)}}`, NOW)).not.toThrow();
    expect(readBackup(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, NOW).backup).toBeNull();
  });

  it('reads what writeBackup wrote for any good task list, in order (round trip)', () => {
    const parts: Omit<Backup, 'format' | 'version'> = {
      exportedAt: T0, tasks: [good, { ...good, taskId: 'B' }], stretches: [], bonuses: [], readings: [], approvals: [], transfers: [], legacyDelays: [],
      settings: null, customRules: [],
    };
    const read = readBackup(writeBackup(parts), NOW);
    expect(read.problems).toEqual([]);
    expect(read.backup?.tasks).toEqual(parts.tasks);
  });
});
