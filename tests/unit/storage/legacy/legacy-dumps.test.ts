// @vitest-environment node
// The version-1 dumps (README.md here) hold everything the background needs: loaded into a fresh fake IndexedDB,
// today's background answers exactly the popup it answered when the dump was taken, and it agrees with the
// oracle's own figures, every stored day included. Point it at the migrated database once the storage changes.
import { afterEach, describe, expect, it } from 'vitest';
import { setCustomAdapters } from '../../../../lib/platforms/registry';
import { aggregatesByKey } from '../../../../lib/storage/history-db';
import { dayDifferences, dayOf, differences, fromPopup } from '../../../oracle/compare';
import { popupOfDump } from './legacy-background';
import { legacyDumpNames, loadLegacyDump } from './load';

const NAMES = ['busy-days', 'crash-custom', 'first-day', 'long', 'two-months', 'under-way', 'under-way-manual', 'weeks'];

describe('version-1 dumps on today’s background', () => {
  afterEach(() => setCustomAdapters([]));

  it('are all here', () => {
    expect(legacyDumpNames()).toEqual(NAMES);
  });

  it.each(NAMES)('%s: the popup is the one stored, and the oracle’s', async (name) => {
    const dump = await loadLegacyDump(name);
    const popup = await popupOfDump(dump);
    expect(popup).toEqual(dump.popup);
    if (!dump.oracle) {
      expect(dump.oracleNote).toBeTruthy();
      return;
    }
    expect(differences(dump.oracle, fromPopup(popup))).toEqual([]);
    const stored = Object.fromEntries(Object.entries(await aggregatesByKey()).map(([key, totals]) => [key, dayOf(totals)]));
    expect(dayDifferences('stored day', dump.oracle.days, stored)).toEqual([]);
  });
});
