import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateAll } from '../seed/generate';
import { CLICKWORKER } from '../seed/session';
import { keyOf } from '../seed/resolve';
import { shiftClock } from '../bench/popup-probes.mjs';
import { localDay } from '../../lib/domain/summary';
import { launchChromium, type ChromiumHarness } from './support/chromium';
import { ROOT } from './support/served';

/**
 * The seeded history's end: the last Friday at 20:00 (local time) before `now`. The generator's days off are Sundays
 * and every other Saturday, and a day's work starts in the morning: "today" at the hour the test runs may hold no
 * work yet (it failed just after midnight). The browser's clock is moved there, as the benches do, so that the
 * popup's today is that worked day whatever the day and hour of the run. Tasks still open then, which expire on the
 * real clock at their deadlines, end that same evening: they stay that day's.
 */
function lastFridayEvening(now: number): number {
  const d = new Date(now);
  d.setHours(20, 0, 0, 0);
  while (d.getDay() !== 5 || d.getTime() > now) d.setDate(d.getDate() - 1);
  return d.getTime();
}

/** Keys and counts of Centime's database, read in the extension's service worker (the day index's entries, in its hours). */
function storedKeys(): Promise<{ tasks: string[]; rows: number; dayIndex: number }> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('centime');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['tasks', 'rows', 'dayIndex']);
      const tasks = tx.objectStore('tasks').getAllKeys();
      const rows = tx.objectStore('rows').count();
      const dayIndex = tx.objectStore('dayIndex').getAll();
      tx.oncomplete = () => {
        open.result.close();
        resolve({ tasks: tasks.result as string[], rows: rows.result, dayIndex: (dayIndex.result as unknown[][]).reduce((n, hour) => n + hour.length, 0) });
      };
    };
  });
}

/** A backup made by the options page's button (caught at the link it clicks), its tasks in key order. */
async function backupOf(h: ChromiumHarness): Promise<{ tasks: { platform: string; taskId: string }[]; rest: Record<string, unknown> }> {
  const page = await h.openExtensionPage('options.html');
  await page.locator('button.backup').waitFor();
  const text = await page.evaluate(async () => {
    const links: string[] = [];
    HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
      if (this.download) links.push(this.href);
    };
    document.querySelector<HTMLButtonElement>('button.backup')!.click();
    for (let waited = 0; links.length === 0 && waited < 60_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    return (await fetch(links[0]!)).text();
  });
  await page.close();
  const { tasks, exportedAt: _e, ...rest } = JSON.parse(text) as { tasks: { platform: string; taskId: string }[]; exportedAt: number };
  const key = (t: { platform: string; taskId: string }) => `${t.platform}:${t.taskId}`;
  return { tasks: [...tasks].sort((a, b) => (key(a) < key(b) ? -1 : 1)), rest };
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
    const now = lastFridayEvening(Date.now());
    const run = spawnSync('node', [`${ROOT}tests/seed/seed.mjs`, '--tasks', '300', '--profile', profile, '--now', new Date(now).toISOString()], { encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/300 tasks, IndexedDB [\d.]+ MB/);

    h = await launchChromium({}, profile);
    const offset = now - Date.now();
    await h.context.addInitScript(shiftClock, offset);
    await h.evaluate(shiftClock, offset);
    const timeZone = await h.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone, null);
    const generated = generateAll({ tasks: 300, now, timeZone });
    const stored = await h.evaluate(storedKeys, null);
    expect(stored.tasks.sort()).toEqual(generated.tasks.map(keyOf).sort());
    // Derived data was rebuilt: a row per task, and the per-day index of task and platform stretches.
    expect(stored.rows).toBe(300);
    expect(stored.dayIndex).toBeGreaterThan(300);

    const popup = await h.openExtensionPage('popup.html');
    // Today's figures per platform are on demand, under the summary: the worker opens them. Each platform the
    // seeded day's tasks were counted on (or that are still open) is there.
    const today = localDay(now, timeZone);
    const platforms = new Set(generated.tasks.filter((t) => t.status === 'open' || t.countedDay === today).map((t) => t.platform));
    expect(platforms.size).toBeGreaterThan(0);
    await popup.locator('details.by-platform > summary').click();
    const names: Record<string, string> = { mturk: 'Amazon Mechanical Turk', prolific: 'Prolific', [CLICKWORKER]: 'Clickworker', manual: 'Manual tasks' };
    for (const platform of platforms) await popup.locator('.by-platform').getByText(names[platform]!, { exact: false }).first().waitFor();

    // Issue 18: a month and a day later, the archive packs the settled tasks many to a record (the background's pass,
    // its clock moved on). The backup holds the very same tasks after as before, now read from the parts as text by
    // the backup's Workers, under the archive's Web Lock, in this browser.
    const before = await backupOf(h);
    const moved = await h.evaluate((at) => (globalThis as unknown as { centimeTest: { archive: (now: number) => Promise<number> } }).centimeTest.archive(at), now + 31 * 24 * 3600_000);
    const settled = generated.tasks.filter((t) => ['approved', 'rejected', 'returned', 'expired'].includes(t.status));
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThanOrEqual(settled.length);
    expect((await h.evaluate(storedKeys, null)).tasks).toHaveLength(300 - moved);
    const after = await backupOf(h);
    expect(after.tasks).toHaveLength(300);
    expect(after).toEqual(before);
  });
});
