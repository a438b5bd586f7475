// Issue 13, item 3: the popup reads the same records however long the history. Two generated histories share
// their recent weeks record for record (tests/seed: a fixed density, so the number of tasks only sets how far back
// they go); the popup opened on each must read the same number of records, store by store, with the storage meter
// (tests/support/storage-meter.ts) counting every record IndexedDB and extension storage hand back.
import { beforeEach, describe, expect, it } from 'vitest';
import { syncCustomSites } from '../../../lib/background/custom-sites';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type Sender } from '../../../lib/background/router';
import { Tracker } from '../../../lib/background/tracker';
import type { PeriodView, PopupData } from '../../../lib/messaging';
import { platforms } from '../../../lib/platforms/registry';
import { loadCustomRules } from '../../../lib/storage/custom-rules-store';
import { clearHistory } from '../../../lib/storage/history-db';
import { listRows } from '../../../lib/storage/rows-db';
import { seedFake } from '../../seed/seed-fake';
import { startMeter, type MeterReport } from '../../support/storage-meter';
import { FakeBrowser, memoryClaims } from '../background/fake-env';

const me = { extensionId: 'centime-id', extensionOrigin: 'chrome-extension://centime-id/' };
const popup: Sender = { id: me.extensionId, url: `${me.extensionOrigin}popup.html` };
const NOW = Date.UTC(2026, 10, 27, 14); // a Friday afternoon: today has work done and a task under way

/** Reads per store (and per extension storage area) of one popup opening on a seeded history of `tasks` tasks. */
async function popupReads(tasks: number): Promise<{ reads: Record<string, number>; total: number; data: PopupData; today: PeriodView; history: number }> {
  await clearHistory();
  const b = new FakeBrowser();
  b.wall = NOW;
  const writer = await seedFake({ tasks, now: NOW, timeZone: 'UTC' });
  await syncCustomSites((await loadCustomRules()).rules, { registered: async () => [], register: async () => {}, unregister: async () => {}, granted: async () => false });
  const tracker = new Tracker(b.env(), writer, platforms);
  const route = createRouter(createHandlers({ tracker, writer, timeZone: () => 'UTC', claims: memoryClaims() }), me);
  // Opened once before (the settings are read and stored then), as a worker's popup has been.
  await route({ type: 'ui-bg-get-popup', payload: {} }, popup);
  const meter = startMeter();
  let data: PopupData;
  let today: PeriodView;
  try {
    // What the popup asks for when it opens: its data, and today's period with its work sessions.
    data = ((await route({ type: 'ui-bg-get-popup', payload: {} }, popup)) as { data: PopupData }).data;
    today = ((await route({ type: 'ui-bg-get-period', payload: { kind: 'day', firstDay: 1 } }, popup)) as { data: PeriodView }).data;
  } finally {
    meter.stop();
  }
  const report: MeterReport = meter.report();
  const reads = Object.fromEntries([
    ...Object.entries(report.idb).map(([store, t]) => [store, t.reads]),
    ...Object.entries(report.ext).map(([area, t]) => [`ext ${area}`, t.reads]),
  ]);
  return { reads, total: report.totals.reads, data, today, history: tasks };
}

/**
 * The histories' sizes. Seeding fake IndexedDB takes ~0.5 s per 1,000 tasks, so 100,000 (54 s, a third of the unit
 * tests' time on two cores) runs with CENTIME_LONG=1; 1,000, 5,000 and 20,000 span twenty times the history.
 */
const SIZES = process.env.CENTIME_LONG ? [1_000, 20_000, 100_000] : [1_000, 5_000, 20_000];

describe('the popup reads the same records whatever the length of the history', () => {
  beforeEach(() => clearHistory());

  it(`${SIZES.map((n) => n.toLocaleString('en')).join(', ')} tasks: the same reads, store by store`, { timeout: 600_000 }, async () => {
    const small = await popupReads(SIZES[0]!);
    const mid = await popupReads(SIZES[1]!);
    const large = await popupReads(SIZES[2]!);
    console.log(`popup reads: ${[small, mid, large].map((r) => `${r.history} tasks ${JSON.stringify(r.reads)} = ${r.total}`).join('; ')}`);
    expect(large.reads).toEqual(mid.reads);
    expect(large.reads).toEqual(small.reads);
    // The popup did answer from those reads: today's work, the balances and a page of pending items.
    expect(large.data.today.length).toBeGreaterThan(0);
    expect(large.data.pending.items.length).toBeGreaterThan(0);
    expect(large.data.pending.total).toBeGreaterThan(small.data.pending.total);
    expect(large.today.sessions.length).toBeGreaterThan(0);
    expect(large.today.sessions).toEqual(small.today.sessions);
  });

  it('the history list reads one page of compact rows through an index, whatever the history', { timeout: 120_000 }, async () => {
    await seedFake({ tasks: 5_000, now: NOW, timeZone: 'UTC' });
    const meter = startMeter();
    let rows;
    try {
      rows = await listRows({ index: 'day', limit: 100 });
    } finally {
      meter.stop();
    }
    expect(rows).toHaveLength(100);
    // Newest day first, and only rows: no task, event or other record is read.
    expect(rows.map((r) => r.day)).toEqual([...rows.map((r) => r.day)].sort().reverse());
    expect(Object.keys(meter.report().idb)).toEqual(['rows']);
    expect(meter.report().totals.reads).toBe(100);
  });
});
