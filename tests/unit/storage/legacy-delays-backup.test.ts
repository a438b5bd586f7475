// Version 1's approval delays (`legacy:delay:`, docs/storage.md "Migration") cannot be derived again: its approvals
// named no task. A worker who migrated from version 1, backed up and restored into a fresh browser lost them, and the
// expected payment dates of their pending items with them. The backup now carries them and the import merges them.
import { beforeEach, describe, expect, it } from 'vitest';
import { PART_NAMES } from '../../../lib/data/backup';
import type { PopupData } from '../../../lib/messaging';
import { backupFileParts, previewImport, type ImportPreview } from '../../../lib/pages/data-io';
import { getMedians } from '../../../lib/storage/delays';
import { clearHistory } from '../../../lib/storage/history-db';
import { allLegacyDelays } from '../../../lib/storage/ledger-db';
import { restoreBrowser, startBackground, type Background } from './legacy/legacy-background';
import { loadLegacyDump } from './legacy/load';
import type { LegacyDump } from './legacy/dump';

/** The file the options page downloads at `now`: its parts joined, as the download's Blob joins them. */
const backupText = async (now: number) => new Blob((await backupFileParts(now)).parts).text();

/** The options page's import of `text` (lib/pages/data-io.ts `runImport`): its lists staged in parts, then confirmed. */
async function importFile(bg: Background, text: string, now: number, importId: string) {
  const preview = (await previewImport(text, now)) as ImportPreview;
  expect(preview.problems).toEqual([]);
  await bg.send('ui-bg-import-stage', { importId, part: {} });
  for (const name of PART_NAMES) {
    const list = preview.parts[name] as unknown[];
    for (let i = 0; i < list.length; i += 1000) await bg.send('ui-bg-import-stage', { importId, part: { [name]: list.slice(i, i + 1000) } });
  }
  return ((await bg.send('ui-bg-import-commit', { importId })) as { counts: ImportPreview['counts'] }).counts;
}

/** What the popup says of each pending item's payment: when it is expected (from the medians) and at the latest. */
const payments = (popup: PopupData) => popup.pending.items.map(({ key, expected, latest }) => ({ key, expected, latest }));

describe("version 1's approval delays in a backup", () => {
  let dump: LegacyDump;
  let now: number;
  let migrated: { legacy: Awaited<ReturnType<typeof allLegacyDelays>>; medians: Awaited<ReturnType<typeof getMedians>>; payments: ReturnType<typeof payments> };
  let file: string;

  beforeEach(async () => {
    await clearHistory();
    dump = await loadLegacyDump('long');
    now = dump.browser.clock.wall;
    // The worker's browser: version 1's history migrated at start-up, then backed up.
    const bg = await startBackground(restoreBrowser(dump.browser), () => dump.zone);
    migrated = { legacy: await allLegacyDelays(), medians: await getMedians(['mturk', 'prolific']), payments: payments(await bg.popup()) };
    file = await backupText(now);
    // A fresh browser: nothing stored (the version marker included, as a new install's first start writes it).
    await clearHistory();
  });

  it('are what version 1 recorded, and date the pending items (the premise)', () => {
    expect(migrated.legacy.map(({ platform, requesterId, delays }) => [platform, requesterId, delays.length])).toEqual([
      ['mturk', 'AREQ0', 6],
      ['mturk', 'AREQ1', 3],
    ]);
    expect(Object.keys(migrated.medians.mturk ?? {})).toEqual(['AREQ0', 'AREQ1']);
    expect(migrated.payments.filter((p) => p.expected !== null).length).toBeGreaterThan(0);
  });

  it('restored into a fresh browser: the same delays, medians and expected payment dates', async () => {
    expect(JSON.parse(file).legacyDelays).toHaveLength(2);
    const bg = await startBackground(restoreBrowser(dump.browser), () => dump.zone);
    const counts = await importFile(bg, file, now, 'restore-1');
    expect(counts.legacyDelays).toEqual({ added: 2, updated: 0, duplicate: 0 });
    expect(await allLegacyDelays()).toEqual(migrated.legacy);
    expect(await getMedians(['mturk', 'prolific'])).toEqual(migrated.medians);
    expect(payments(await bg.popup())).toEqual(migrated.payments);
  });

  it('imported twice: the second adds nothing and moves no date', async () => {
    const bg = await startBackground(restoreBrowser(dump.browser), () => dump.zone);
    await importFile(bg, file, now, 'restore-1');
    const counts = await importFile(bg, file, now, 'restore-2');
    expect(counts.legacyDelays).toEqual({ added: 0, updated: 0, duplicate: 2 });
    expect(await allLegacyDelays()).toEqual(migrated.legacy);
    expect(await getMedians(['mturk', 'prolific'])).toEqual(migrated.medians);
    expect(payments(await bg.popup())).toEqual(migrated.payments);
    // And a backup of the migrated browser itself, imported into it, adds nothing either.
    expect((JSON.parse(await backupText(now)) as { legacyDelays: unknown }).legacyDelays).toEqual(JSON.parse(file).legacyDelays);
  });

  it('a backup made before it carried them still imports, without them', async () => {
    const old = JSON.parse(file) as Record<string, unknown>;
    delete old.legacyDelays;
    const bg = await startBackground(restoreBrowser(dump.browser), () => dump.zone);
    const counts = await importFile(bg, JSON.stringify(old), now, 'old-backup-1');
    expect(counts.legacyDelays).toEqual({ added: 0, updated: 0, duplicate: 0 });
    expect(counts.tasks.added).toBeGreaterThan(0);
    expect(await allLegacyDelays()).toEqual([]);
    // Its tasks are all there: the same pending items with their latest payment days (their expected dates were
    // version 1's delays, which that file does not hold; the popup lists the soonest paid first).
    const latest = (list: ReturnType<typeof payments>) => list.map(({ key, latest }) => ({ key, latest })).sort((x, y) => x.key.localeCompare(y.key));
    expect(latest(payments(await bg.popup()))).toEqual(latest(migrated.payments));
  });
});
