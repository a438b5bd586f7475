import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver, Tab } from './driver';
import { afternoonZone, history } from './session-history';

/**
 * Data in and out (issue 17, item 7), the same in both browsers, through the options page as a worker uses it:
 * an MTurk Suite backup with good and bad rows imports the good ones and lists the bad with their positions;
 * backup → delete all → import with "use the backup's settings" gives back the same data and the same popup.
 * Files go in through the file input (a DataTransfer, as a drop would); downloads are caught at the link the
 * page clicks and read back from their blob.
 */
export const site = {};

/** Runs in the options page: keeps each download's blob URL instead of saving it, and the page's warnings. */
function catchDownloads(): void {
  const w = window as unknown as { downloads: string[]; warnings: string[] };
  w.downloads = [];
  w.warnings = [];
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    w.warnings.push(args.map(String).join(' '));
    warn(...args);
  };
  HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
    if (this.download) w.downloads.push(this.href);
  };
}

/** Runs in the options page: clicks the button with this class and waits until a download arrives. */
async function download(selector: string): Promise<string> {
  const w = window as unknown as { downloads: string[] };
  const before = w.downloads.length;
  document.querySelector<HTMLButtonElement>(selector)!.click();
  for (let i = 0; i < 300 && w.downloads.length === before; i++) await new Promise((r) => setTimeout(r, 50));
  return (await fetch(w.downloads.at(-1)!)).text();
}

/** Runs in an extension page: the archive's part texts as stored (database `centime`, store `archiveText`). */
async function archivedTexts(): Promise<{ count: number; blob: boolean; text: string }[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open('centime');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const values = await new Promise<{ count: number; text: Blob }[]>((resolve, reject) => {
    const request = db.transaction('archiveText').objectStore('archiveText').getAll();
    request.onsuccess = () => resolve(request.result as { count: number; text: Blob }[]);
    request.onerror = () => reject(request.error);
  });
  db.close();
  return Promise.all(values.map(async ({ count, text }) => ({ count, blob: text instanceof Blob, text: await text.text() })));
}

async function waitFor(selector: string): Promise<string> {
  for (let i = 0; i < 400 && !document.querySelector(selector); i++) await new Promise((r) => setTimeout(r, 50));
  return document.querySelector(selector)?.textContent?.trim() ?? '';
}

/** Runs in the options page: chooses a file, then waits for its preview (or its refusal). */
async function chooseFile({ name, text }: { name: string; text: string }): Promise<{ counts: string[]; problems: string[] }> {
  const input = document.querySelector<HTMLInputElement>('input.import-file')!;
  const files = new DataTransfer();
  files.items.add(new File([text], name, { type: 'application/json' }));
  input.files = files.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  for (let i = 0; i < 400 && !document.querySelector('.import-summary'); i++) await new Promise((r) => setTimeout(r, 50));
  const texts = (s: string) => [...document.querySelectorAll(s)].map((e) => e.textContent?.trim() ?? '');
  return { counts: texts('.import-counts li'), problems: texts('.import-problems li') };
}

const SUITE = {
  hits: [
    { hit_id: '3SUITEHIT000000000000000001', assignment_id: '3SUITEASG00000000000000001', requester_id: 'A1SUITE', requester_name: 'Suite Lab', reward: { amount_in_dollars: 0.8, currency_code: 'USD' }, state: 'Paid', title: 'An old survey', date: '20250612' },
    { hit_id: '3SUITEHIT000000000000000002', requester_name: 'Suite Lab', reward: { amount_in_dollars: 'lots' }, state: 'Approved', title: 'Bad reward', date: '20250613' },
    { hit_id: '3SUITEHIT000000000000000003', assignment_id: '3SUITEASG00000000000000003', requester_name: '<img src=x onerror=alert(1)>', reward: { amount_in_dollars: 1.5 }, state: 'Submitted', title: 'Old tags', date: '20250614' },
    { hit_id: '3SUITEHIT000000000000000004', reward: { amount_in_dollars: 1 }, state: 'Assigned', title: 'Never done', date: '20250615' },
  ],
  days: [],
};

/** Every part of a backup but the moment it was made. */
const content = (text: string) => {
  const { exportedAt: _e, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
};

export function dataFlows(launch: () => Promise<{ driver: Driver; close: () => Promise<void> }>) {
  describe('data in and out', () => {
    let d: Driver;
    let close: () => Promise<void>;
    let options: Tab;
    const tz = process.env.TZ;
    beforeAll(async () => {
      process.env.TZ = afternoonZone();
      ({ driver: d, close } = await launch());
      await d.importHistory(history());
      options = await d.openOptions();
      // Settings of this browser's own, so that "use the backup's settings" has something to give back.
      await options.evaluate(async () => {
        const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }).chrome.runtime;
        const send = (type: string, payload: unknown) => runtime.sendMessage({ type, payload });
        const { data } = (await send('ui-bg-get-options', {})) as { data: { settings: Record<string, unknown> } };
        await send('ui-bg-save-settings', { ...data.settings, sessionGapMin: 25, exchangeRates: [{ from: 'GBP', to: 'USD', rate: 1.27, enteredAt: 1_700_000_000_000 }] });
      }, null);
      await options.evaluate(catchDownloads, null);
    }, 90_000);
    afterAll(async () => {
      await close?.();
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    });

    it('imports the good rows of an MTurk Suite backup and lists the bad ones with their positions', async () => {
      const preview = await options.evaluate(chooseFile, { name: 'HIT_Tracker_Backup_20250620.json', text: JSON.stringify(SUITE) });
      expect(preview.counts).toEqual(['Tasks: 2 to add, 0 to complete, 0 already here']);
      expect(preview.problems).toEqual(['HIT #2: no valid reward in dollars', 'HIT #4: still Assigned: never finished']);
      await options.click('.import-confirm');
      expect(await options.evaluate(waitFor, '.import-done')).toBe('Imported: 2 tasks added, 0 tasks completed.');
      // The approved HIT of 2025 went straight into the archive; its part's text, a Blob beside it
      // (lib/storage/archive-keys.ts), is written by the writer's next step after the import.
      let texts = await options.evaluate(archivedTexts, null);
      for (let i = 0; i < 100 && texts.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        texts = await options.evaluate(archivedTexts, null);
      }
      const backup = JSON.parse(await options.evaluate(download, '.backup')) as { tasks: { taskId: string; requesterName: string; untimed?: boolean; status: string }[] };
      const imported = backup.tasks.filter((t) => t.taskId.startsWith('3SUITEASG'));
      expect(imported.map((t) => [t.taskId, t.status, t.untimed])).toEqual([
        ['3SUITEASG00000000000000001', 'approved', true],
        ['3SUITEASG00000000000000003', 'submitted', true],
      ]);
      // The hostile name is kept as text, never markup: no image was made of it.
      expect(imported[1]?.requesterName).toBe('<img src=x onerror=alert(1)>');
      // The backup above joined that Blob, which this browser stored and read back.
      expect(texts).toEqual([{ count: 1, blob: true, text: JSON.stringify(backup.tasks.find((t) => t.taskId === '3SUITEASG00000000000000001')) }]);
      expect(await options.evaluate(() => document.querySelectorAll('img').length, null)).toBe(0);
    });

    it('gives back the same data and the same popup after backup, delete all and import with the backup’s settings', async () => {
      const popupBefore = await d.readPopup();
      const before = await options.evaluate(download, '.backup');
      expect((JSON.parse(before) as { tasks: unknown[] }).tasks.length).toBeGreaterThan(5);
      // Delete all: it offers the backup first and asks twice.
      await options.click('.delete-all');
      await options.evaluate(waitFor, '.delete-continue');
      await options.click('.delete-continue');
      await options.evaluate(waitFor, '.delete-confirm');
      await options.click('.delete-confirm');
      expect(await options.evaluate(waitFor, '[role="status"]:not(.import-done)')).toBe('All of Centime’s data was deleted from this browser.');
      const emptied = JSON.parse(await options.evaluate(download, '.backup')) as { tasks: unknown[]; settings: { sessionGapMin: number } };
      expect(emptied.tasks).toEqual([]);
      expect(emptied.settings.sessionGapMin).toBe(15);
      // Import the backup with its settings.
      const preview = await options.evaluate(chooseFile, { name: 'centime-backup.json', text: before });
      expect(preview.problems).toEqual([]);
      await options.evaluate(async () => {
        for (let i = 0; i < 200 && !document.querySelector('.import-preview input[type="checkbox"]'); i++) await new Promise((r) => setTimeout(r, 50));
        document.querySelector<HTMLInputElement>('.import-preview input[type="checkbox"]')!.click();
      }, null);
      await options.click('.import-confirm');
      await options.evaluate(waitFor, '.import-done');
      const after = await options.evaluate(download, '.backup');
      expect(content(after)).toEqual(content(before));
      expect(await d.readPopup()).toEqual(popupBefore);
      // The backups were written by their Workers: the page's fallback (writing alone) warns, and gives the same file.
      expect(await options.evaluate(() => (window as unknown as { warnings: string[] }).warnings, null)).toEqual([]);
    });
  });
}
