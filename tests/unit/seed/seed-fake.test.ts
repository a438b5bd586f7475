import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncCustomSites } from '../../../lib/background/custom-sites';
import { setCustomAdapters } from '../../../lib/platforms/registry';
import { loadCustomRules } from '../../../lib/storage/custom-rules-store';
import { customRuleSchema } from '../../../lib/storage/custom-rules';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/background/router';
import { Tracker } from '../../../lib/background/tracker';
import { localDay, recompute } from '../../../lib/domain/summary';
import type { PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { allTasks, clearHistory, getTasks } from '../../../lib/storage/history-db';
import { generateAll } from '../../seed/generate';
import { keyOf } from '../../seed/resolve';
import { SEED_RULES } from '../../seed/rules';
import { seedFake } from '../../seed/seed-fake';
import { FakeBrowser, memoryClaims } from '../background/fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };

describe('seedFake', () => {
  beforeEach(() => clearHistory());
  afterEach(() => setCustomAdapters([]));

  it("saves the worker's custom site, set up and enabled, as the options page would", async () => {
    await seedFake({ tasks: 10, now: Date.UTC(2026, 10, 27, 14), timeZone: 'UTC' });
    expect((await loadCustomRules()).rules).toEqual(SEED_RULES.map((rule) => customRuleSchema.parse(rule)));
  });

  it('stores 2,000 generated tasks through the writer, and the popup answers from them', { timeout: 60_000 }, async () => {
    const b = new FakeBrowser();
    const options = { tasks: 2_000, now: b.wall, timeZone: 'UTC' };
    const writer = await seedFake(options);
    const history = generateAll(options);

    const stored = await allTasks();
    expect(stored.map(keyOf).sort()).toEqual(history.tasks.map(keyOf).sort());
    const sample = history.tasks.filter((_, i) => i % 97 === 0);
    expect(await getTasks(sample.map(keyOf))).toEqual(sample);

    // The background's start-up: the custom sites' adapters from the stored rules (no host access granted here).
    await syncCustomSites((await loadCustomRules()).rules, { registered: async () => [], register: async () => {}, unregister: async () => {}, granted: async () => false });
    const tracker = new Tracker(b.env(), writer, platforms);
    const route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
    const data = ((await route({ type: 'ui-bg-get-popup', payload: {} }, popup)) as { data: PopupData }).data;

    // Today's totals are those the generated records make, per platform.
    const today = localDay(b.wall, 'UTC');
    const expected = recompute(history.tasks, history.stretches, 'UTC', history.bonuses.map((x) => x.entry));
    const todays = Object.entries(expected).filter(([key]) => key.startsWith(`${today}|`));
    expect(todays.length).toBeGreaterThan(0);
    expect(Object.fromEntries(data.today.map((d) => [`${today}|${d.platform}`, d.totals]))).toEqual(Object.fromEntries(todays));
    expect(data.day).not.toBeNull();
    // A bounded page of the pending items, and how many there are.
    const pending = history.tasks.filter((t) => t.status === 'submitted' && t.platform !== 'manual');
    expect(data.pending.total).toBe(pending.length);
    expect(data.pending.items).toHaveLength(Math.min(50, pending.length));
    expect(new Set(data.balances.map((v) => `${v.platform} ${v.currency}`))).toEqual(new Set(['mturk USD', 'prolific GBP', 'prolific USD', 'custom:clickworker EUR']));
    expect(data.quarantined).toBe(0);
  });
});
