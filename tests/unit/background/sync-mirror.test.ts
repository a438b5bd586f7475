import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { syncMirror } from '../../../lib/background/sync-mirror';
import { syncChoiceItem, syncStatusItem } from '../../../lib/storage/sync-status';
import type { CustomRule } from '../../../lib/platforms/custom-rule';
import { loadCustomRules, saveCustomRules } from '../../../lib/storage/custom-rules-store';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '../../../lib/storage/settings';
import { pushToSync, type SyncArea } from '../../../lib/storage/sync';

class FakeSync implements SyncArea {
  items = new Map<string, string>();
  get = async () => Object.fromEntries([...this.items].map(([k, v]) => [k, JSON.parse(v) as unknown]));
  set = async (items: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(items)) this.items.set(k, JSON.stringify(v));
  };
  remove = async (keys: string[]) => {
    for (const k of keys) this.items.delete(k);
  };
}

const rule: CustomRule = {
  id: 'taskmill', name: 'Taskmill', match: 'https://tasks.example.net/task/*', titleSelector: 'h1', rewardSelector: '.reward',
  currency: 'USD', submit: { kind: 'selector', selector: '.thanks' }, timing: 'internal', enabled: true,
};
const on = { ...DEFAULT_SETTINGS, syncSettings: true };
const otherComputer = { settings: { ...on, displayCurrency: 'EUR', sessionGapMin: 30 }, rules: [rule] };

describe('the background sync mirror', () => {
  let area: FakeSync;
  beforeEach(() => {
    fakeBrowser.reset();
    area = new FakeSync();
  });

  it('does nothing while sync is off (the default)', async () => {
    await syncMirror(area).local();
    expect(area.items.size).toBe(0);
    expect(await syncStatusItem.getValue()).toEqual({ started: false });
  });

  it('pushes local changes once on, and applies another computer’s later change here', async () => {
    const mirror = syncMirror(area);
    await saveSettings(on);
    await mirror.local();
    expect(JSON.parse(area.items.get('settings')!)).toEqual(on);
    await saveSettings({ ...on, idleTimeoutSec: 300 });
    await mirror.local();
    expect(JSON.parse(area.items.get('settings')!).idleTimeoutSec).toBe(300);
    // Another computer writes later: its change wins here, rules included.
    await pushToSync(area, otherComputer);
    await mirror.remote();
    expect((await loadSettings()).settings).toMatchObject({ displayCurrency: 'EUR', sessionGapMin: 30 });
    expect((await loadCustomRules()).rules).toEqual([rule]);
  });

  it('asks which to keep when sync holds another computer’s settings, and keeps the chosen ones', async () => {
    await pushToSync(area, otherComputer);
    const mirror = syncMirror(area);
    await saveSettings(on);
    await mirror.local();
    expect(await syncStatusItem.getValue()).toEqual({ started: false, choose: true });
    // Neither side changes before the answer.
    expect((await loadSettings()).settings.displayCurrency).toBe('USD');
    expect(JSON.parse(area.items.get('settings')!).displayCurrency).toBe('EUR');
    await syncChoiceItem.setValue('theirs');
    await mirror.choose('theirs');
    expect((await loadSettings()).settings.displayCurrency).toBe('EUR');
    expect(await syncStatusItem.getValue()).toEqual({ started: true });

    // The other way: this computer's settings replace sync's.
    fakeBrowser.reset();
    const again = new FakeSync();
    await pushToSync(again, otherComputer);
    const second = syncMirror(again);
    await saveSettings(on);
    await saveCustomRules([]);
    await second.local();
    await second.choose('mine');
    expect(JSON.parse(again.items.get('settings')!).displayCurrency).toBe('USD');
    expect(again.items.has('rule:taskmill')).toBe(false);
  });

  it('reports sync data that does not validate and applies none of it', async () => {
    const mirror = syncMirror(area);
    await saveSettings(on);
    await mirror.local();
    area.items.set('settings', JSON.stringify({ ...on, minRates: { USD: -5 } }));
    await mirror.remote();
    expect(await syncStatusItem.getValue()).toEqual({ started: true, problem: 'sync-invalid-data' });
    expect((await loadSettings()).settings.minRates).toEqual(on.minRates);
  });

  it('keeps everything local and says so when the rules do not fit', async () => {
    const mirror = syncMirror(area);
    await saveSettings(on);
    await mirror.local();
    // 45 rules with long selectors in Chinese class names (~4.4 kB of UTF-8 each): each fits, all do not (~100 kB).
    const long = `.${'任务'.repeat(240)}`;
    const rules = Array.from({ length: 45 }, (_, i) => ({ ...rule, id: `site-${i}`, titleSelector: long, rewardSelector: long, submit: { kind: 'selector' as const, selector: long } }));
    await saveCustomRules(rules);
    await mirror.local();
    expect(await syncStatusItem.getValue()).toEqual({ started: true, problem: 'sync-total-too-large' });
    expect([...area.items.keys()]).toEqual(['settings']);
    // Back under the quota: mirrored again, the problem gone.
    await saveCustomRules(rules.slice(0, 5));
    await mirror.local();
    expect(await syncStatusItem.getValue()).toEqual({ started: true });
    expect(area.items.size).toBe(6);
  });
});
