import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { settingsKind, storedKinds, taskRecordKind } from '../../../lib/storage/kinds';
import { upgrade, type VersionedKind } from '../../../lib/storage/versioned';

// Tests run from the repository root (happy-dom gives import.meta.url no file: scheme).
const dir = 'tests/unit/storage/examples/';
const fileOf: Record<string, string> = { [taskRecordKind.name]: 'task-record', [settingsKind.name]: 'settings' };

function example(kind: VersionedKind<unknown>, version: number): Record<string, unknown> {
  return JSON.parse(readFileSync(`${dir}${fileOf[kind.name]}.v${version}.json`, 'utf8'));
}

describe('stored kinds: one example per version, every migration step tested', () => {
  for (const kind of storedKinds as readonly VersionedKind<unknown>[]) {
    const versions = Array.from({ length: kind.version }, (_, i) => i + 1);
    it.each(versions)(`${kind.name} v%i has an example that upgrades to a valid current object`, (v) => {
      const result = upgrade(kind, example(kind, v));
      expect(result).toMatchObject({ ok: true, migrated: v !== kind.version });
    });
    it.each(versions.slice(0, -1))(`${kind.name} step v%i → next gives the next example`, (v) => {
      const step = kind.migrations[v]!;
      expect({ ...step(example(kind, v)), v: v + 1 }).toEqual(example(kind, v + 1));
    });
  }

  it('has no example file for a version that does not exist', () => {
    for (const file of readdirSync(dir)) {
      const [, name, v] = /^(.+)\.v(\d+)\.json$/.exec(file) ?? [];
      const kind = storedKinds.find((k) => fileOf[k.name] === name);
      expect(kind, file).toBeDefined();
      expect(Number(v)).toBeLessThanOrEqual(kind!.version);
    }
  });
});

describe('upgrade', () => {
  // A kind with three versions, to exercise the mechanism beyond what the real kinds need today.
  const kind: VersionedKind<{ v: 3; rates: Record<string, number> }> = {
    name: 'demo',
    version: 3,
    schema: z.object({ v: z.literal(3), rates: z.record(z.string(), z.number().int()) }),
    migrations: {
      1: (old) => ({ ...old, minRate: Math.round(Number(old.minRate) * 100) }),
      2: ({ minRate, ...rest }) => ({ ...rest, rates: { USD: minRate } }),
    },
  };

  it('runs every step from the stored version and validates the result', () => {
    expect(upgrade(kind, { v: 1, minRate: 7.25 })).toEqual({ ok: true, value: { v: 3, rates: { USD: 725 } }, migrated: true });
    expect(upgrade(kind, { v: 2, minRate: 725 })).toEqual({ ok: true, value: { v: 3, rates: { USD: 725 } }, migrated: true });
    expect(upgrade(kind, { v: 3, rates: { GBP: 600 } })).toEqual({ ok: true, value: { v: 3, rates: { GBP: 600 } }, migrated: false });
  });

  it.each([
    [null, 'not an object'],
    [[1, 2], 'not an object'],
    [{ rates: {} }, 'no version number'],
    [{ v: 0 }, 'no version number'],
    [{ v: 4, rates: {} }, 'newer Centime'],
    [{ v: 3, rates: { USD: 'a lot' } }, 'rates.USD'],
  ])('refuses %j with a message that says why (%s)', (raw, why) => {
    const result = upgrade(kind, raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(why);
  });

  it('reports a missing migration step instead of skipping it', () => {
    const gap = { ...kind, migrations: { 2: kind.migrations[2]! } };
    expect(upgrade(gap, { v: 1, minRate: 1 })).toEqual({ ok: false, error: 'demo: no migration from version 1' });
  });
});
