// The version-1 dumps (README.md here), as a previous Centime left them: today's background migrates them at
// start-up (docs/storage.md) and then answers exactly the popup version 1 answered when the dump was taken, agrees
// with the oracle's own figures, every stored day included, and a rebuild from the migrated primary records
// gives every derived record again.
import { afterEach, describe, expect, it } from 'vitest';
import { setCustomAdapters } from '../../../../lib/platforms/registry';
import { allAggregates, clearHistory } from '../../../../lib/storage/history-db';
import { derivedSnapshot } from '../raw-records';
import { dayDifferences, dayOf, differences, fromPopup } from '../../../oracle/compare';
import { popupOfDump } from './legacy-background';
import { legacyDumpNames, loadLegacyDump } from './load';

const NAMES = ['busy-days', 'crash-custom', 'first-day', 'long', 'two-months', 'under-way', 'under-way-manual', 'weeks'];

describe('version-1 dumps, migrated by today’s background', () => {
  afterEach(() => setCustomAdapters([]));

  it('are all here', () => {
    expect(legacyDumpNames()).toEqual(NAMES);
  });

  it.each(NAMES)('%s: the popup is the one stored, and the oracle’s', async (name) => {
    await clearHistory(); // the version-2 stores of the previous dump, and its version marker
    const dump = await loadLegacyDump(name);
    const { popup, writer } = await popupOfDump(dump);
    // Version 1 listed a platform's currencies in the order its days met them; now by currency code.
    const ordered = (p: typeof popup) => ({ ...p, balances: [...p.balances].sort((a, b) => a.platform.localeCompare(b.platform) || a.currency.localeCompare(b.currency)) });
    // The reading's time, the worker's rate settings and whether a task's time runs say when and how the popup
    // reads, not what history holds: the dumps (written before the popup had them) are compared without them.
    // So does the pause (issue 15): nothing in a dump pauses tracking.
    const { at: _at, rates: _rates, paused, ...read } = popup;
    expect(paused).toBe(false);
    // Version 1 listed a pending item past its latest payment day as any other; now it is marked presumably
    // approved (as its balance already counted it): compared without the mark, which is checked on its own.
    const pending = { ...read.pending, items: read.pending.items.map(({ presumed: _presumed, ...item }) => item) };
    const held = { ...read, pending, tasks: read.tasks.map(({ running: _running, ...task }) => task) };
    expect(ordered(held)).toEqual(ordered(dump.popup as typeof popup));
    // Marked once its latest payment day is over (a day's margin for the local day's end), never before it.
    const now = dump.browser.clock.wall;
    for (const item of read.pending.items) {
      if (item.presumed) expect(item.latest).toBeLessThan(now);
      if (item.latest < now - 86_400_000) expect(item.presumed).toBe(true);
    }
    const migrated = await derivedSnapshot();
    await writer.rebuild();
    expect(await derivedSnapshot()).toEqual(migrated);
    if (!dump.oracle) {
      expect(dump.oracleNote).toBeTruthy();
      return;
    }
    expect(differences(dump.oracle, fromPopup(popup))).toEqual([]);
    const stored = Object.fromEntries(Object.entries(await allAggregates()).map(([key, totals]) => [key, dayOf(totals)]));
    expect(dayDifferences('stored day', dump.oracle.days, stored)).toEqual([]);
  });
});
