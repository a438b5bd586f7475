import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateAll } from '../seed/generate';
import { keyOf } from '../seed/resolve';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { ROOT } from './support/served';

/** Keys and counts of Centime's database, read in the extension's service worker. */
function storedKeys(): Promise<{ tasks: string[]; rows: number; dayIndex: number }> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('centime');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['tasks', 'rows', 'dayIndex']);
      const tasks = tx.objectStore('tasks').getAllKeys();
      const rows = tx.objectStore('rows').count();
      const dayIndex = tx.objectStore('dayIndex').count();
      tx.oncomplete = () => {
        open.result.close();
        resolve({ tasks: tasks.result as string[], rows: rows.result, dayIndex: dayIndex.result });
      };
    };
  });
}

describe('npm run seed (Chromium profile)', () => {
  let h: ChromiumHarness | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'centime-seed-e2e-'));
  afterEach(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("fills a profile through the e2e build's background; opened again, it holds the history and the popup shows it", async () => {
    const profile = join(dir, 'profile');
    const now = Date.now();
    const run = spawnSync('node', [`${ROOT}tests/seed/seed.mjs`, '--tasks', '300', '--profile', profile, '--now', new Date(now).toISOString()], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/300 tasks, IndexedDB [\d.]+ MB/);

    h = await launchChromium({}, profile);
    const timeZone = await h.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone, null);
    const generated = generateAll({ tasks: 300, now, timeZone });
    const stored = await h.evaluate(storedKeys, null);
    expect(stored.tasks.sort()).toEqual(generated.tasks.map(keyOf).sort());
    // Derived data was rebuilt: a row per task, and the per-day index of task and platform stretches.
    expect(stored.rows).toBe(300);
    expect(stored.dayIndex).toBeGreaterThan(300);

    const popup = await h.openExtensionPage('popup.html');
    // Today's figures per platform are on demand, under the summary: the worker opens them.
    await popup.locator('details.by-platform > summary').click();
    for (const name of ['Amazon Mechanical Turk', 'Prolific', 'Clickworker']) await popup.locator('.by-platform').getByText(name, { exact: false }).first().waitFor();
  });
});
