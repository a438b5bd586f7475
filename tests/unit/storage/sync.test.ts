import { describe, expect, it } from 'vitest';
import type { CustomRule } from '../../../lib/platforms/custom-rule';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';
import { pullFromSync, pushToSync, quotaProblem, startSync, SYNC_LIMITS, type Mirrored, type SyncArea } from '../../../lib/storage/sync';

/** The browser's sync area as the extension sees it: JSON values, copied on the way in and out. */
class FakeSync implements SyncArea {
  items = new Map<string, string>();
  writes = 0;
  get = async () => Object.fromEntries([...this.items].map(([k, v]) => [k, JSON.parse(v) as unknown]));
  set = async (items: Record<string, unknown>) => {
    this.writes++;
    for (const [k, v] of Object.entries(items)) this.items.set(k, JSON.stringify(v));
  };
  remove = async (keys: string[]) => {
    for (const k of keys) this.items.delete(k);
  };
}

const rule = (id: string, over: Partial<CustomRule> = {}): CustomRule => ({
  id, name: `Site ${id}`, match: `https://${id}.example.net/task/*`, titleSelector: 'h1', rewardSelector: '.reward', currency: 'USD',
  submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', enabled: true, ...over,
});
const here: Mirrored = { settings: { ...DEFAULT_SETTINGS, syncSettings: true }, rules: [rule('alpha'), rule('beta')] };
const other: Mirrored = { settings: { ...here.settings, minRates: { EUR: 1200 }, displayCurrency: 'EUR' }, rules: [rule('gamma')] };

describe('sync mirror', () => {
  it('mirrors settings as one item and each rule as its own, and drops rules removed here', async () => {
    const area = new FakeSync();
    expect(await startSync(area, here)).toEqual({ kind: 'pushed' });
    expect([...area.items.keys()].sort()).toEqual(['rule:alpha', 'rule:beta', 'settings']);
    expect(await pushToSync(area, { ...here, rules: [rule('beta')] })).toBeUndefined();
    expect([...area.items.keys()].sort()).toEqual(['rule:beta', 'settings']);
    // Nothing changed: nothing written (no echo between two computers).
    const writes = area.writes;
    await pushToSync(area, { ...here, rules: [rule('beta')] });
    expect(area.writes).toBe(writes);
  });

  it('keeps everything local and says why when an item or the whole does not fit', async () => {
    const area = new FakeSync();
    const big = { ...here, rules: [rule('alpha', { name: 'x'.repeat(SYNC_LIMITS.item) })] };
    expect(await pushToSync(area, big)).toBe('sync-item-too-large');
    expect(area.items.size).toBe(0);
    expect(await startSync(area, big)).toEqual({ kind: 'pushed', problem: 'sync-item-too-large' });
    // Each rule fits (~5 kB) but 25 of them do not (over ~100 kB in all).
    const many = { ...here, rules: Array.from({ length: 25 }, (_, i) => rule(`r${i}`, { name: 'y'.repeat(5000) })) };
    expect(await pushToSync(area, many)).toBe('sync-total-too-large');
    expect(area.items.size).toBe(0);
    expect(quotaProblem(Object.fromEntries(Array.from({ length: 513 }, (_, i) => [`rule:${i}`, 1])))).toBe('sync-too-many-items');
    // Measured in bytes of the key and its JSON: multi-byte characters count as such.
    expect(quotaProblem({ settings: 'é'.repeat(4094) })).toBe('sync-item-too-large');
    expect(quotaProblem({ settings: 'e'.repeat(4094) })).toBeUndefined();
  });

  it('asks which to keep when sync already holds another computer’s settings, not when they are the same', async () => {
    const area = new FakeSync();
    await pushToSync(area, other);
    expect(await startSync(area, here)).toEqual({ kind: 'choose', theirs: { ...other, rules: [rule('gamma')] } });
    expect(area.items.has('rule:alpha')).toBe(false);
    // The same settings (only the opt-in differs): nothing to choose.
    expect(await startSync(area, { ...other, settings: { ...other.settings, syncSettings: false } })).toEqual({ kind: 'pushed' });
    // Keeping this computer's: push it over theirs.
    await pushToSync(area, here);
    expect([...area.items.keys()].sort()).toEqual(['rule:alpha', 'rule:beta', 'settings']);
  });

  it('applies another computer’s latest change here, and nothing when it is the same', async () => {
    const area = new FakeSync();
    await pushToSync(area, here);
    expect(await pullFromSync(area, here)).toEqual({});
    const changed = { ...here, settings: { ...here.settings, sessionGapMin: 40 } };
    await pushToSync(area, changed);
    expect(await pullFromSync(area, here)).toEqual({ apply: changed });
  });

  it('rejects invalid sync data, applies none of it, and reports it', async () => {
    const area = new FakeSync();
    await pushToSync(area, here);
    area.items.set('rule:alpha', JSON.stringify({ ...rule('alpha'), match: 'javascript:alert(1)' }));
    expect(await pullFromSync(area, here)).toEqual({ problem: 'sync-invalid-data' });
    area.items.set('rule:alpha', JSON.stringify(rule('other-id')));
    expect(await pullFromSync(area, here)).toEqual({ problem: 'sync-invalid-data' });
    area.items.delete('rule:alpha');
    area.items.set('settings', JSON.stringify({ ...here.settings, idleTimeoutSec: 1 }));
    expect(await pullFromSync(area, here)).toEqual({ problem: 'sync-invalid-data' });
    // Turning sync on over invalid data replaces it with this computer's valid settings.
    expect(await startSync(area, here)).toEqual({ kind: 'pushed' });
    expect(await pullFromSync(area, here)).toEqual({});
  });
});
