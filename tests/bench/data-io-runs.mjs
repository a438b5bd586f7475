/* global fetch, performance -- fetch and performance run in the options page (page.evaluate) */
// bench:data's backup and import (data-figures.mjs), through the options page as a worker uses it (the classes
// tests/e2e/support/data-flows.ts uses): the backup is caught at the link the page clicks; the import chooses
// that file in a fresh profile, waits for its preview, confirms and waits for "Imported".
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catchDownloads, runArchive, timeBackup, waitFor, watchImport } from './data-probes.mjs';
import { profileWorker } from './worker-profile.mjs';

/** `runs` backups of the seeded profile; the last one's text is kept in a file for the import. */
export async function backupRuns({ launch, settle, profile }, runs) {
  const b = await launch(profile);
  // The first start of a build with the archive packs the seeded history's settled tasks (run here, whatever the
  // start did): the backup is measured after it, as a worker's would be from the next day on.
  const archived = await b.worker().evaluate(runArchive);
  const settledMs = await settle(60_000);
  const page = await b.context.newPage();
  await page.goto(b.url('options.html'));
  await page.waitForSelector('button.backup');
  await page.evaluate(catchDownloads);
  const samples = [];
  let text;
  for (let i = 0; i < runs; i++) {
    await settle(5_000);
    samples.push(await page.evaluate(timeBackup));
    if (i === runs - 1) {
      text = await page.evaluate(async () => (await fetch(globalThis.downloads.at(-1).href)).text());
    }
  }
  await b.context.close();
  const dir = mkdtempSync(join(tmpdir(), 'centime-backup-'));
  const file = join(dir, 'centime-backup.json');
  writeFileSync(file, text);
  return { figures: { archived, settledMs, samples }, file };
}

/** `runs` imports of `file`, each into a fresh, empty profile. */
export async function importRuns({ launch, settle, args }, file, runs) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const profile = mkdtempSync(join(tmpdir(), 'centime-import-'));
    try {
      const b = await launch(profile);
      await settle(20_000);
      const page = await b.context.newPage();
      await page.goto(b.url('options.html'));
      await page.waitForSelector('input.import-file');
      await settle(5_000);
      await b.worker().evaluate(watchImport, args.includes('--import-stores'));
      const start = await page.evaluate(() => performance.now());
      await page.setInputFiles('input.import-file', file);
      const preview = await page.evaluate(waitFor, { selector: '.import-summary', timeoutMs: 600_000 });
      await settle(3_000);
      const confirm = async () => {
        const at = await page.evaluate(() => {
          document.querySelector('button.import-confirm').click();
          return performance.now();
        });
        return [at, await page.evaluate(waitFor, { selector: '.import-done', timeoutMs: 1_200_000 })];
      };
      // --profile-worker: the service worker's CPU profile from the confirmation to "Imported" (printed; the
      // timings then carry its cost).
      const [confirmAt, done] = args.includes('--profile-worker') ? await profileWorker(b.context, confirm) : await confirm();
      // The background's side: parts staged, the import's own transaction (with the derived records it moves), then the summaries.
      const w = await b.worker().evaluate(() => globalThis.__import());
      const mine = w.writes.filter((x) => x.start >= w.commitAt);
      const merged = mine.find((x) => x.stores.includes('tasks') && x.stores.includes('approvals'));
      const split = merged && {
        stagingMs: w.commitAt - w.stages[0], parts: w.stages.length, mergeAndWriteMs: merged.end - w.commitAt, importTxMs: merged.end - merged.start,
        rebuildMs: Math.max(...mine.map((x) => x.end)) - merged.end, rebuildWrites: mine.length - 1,
        ...(merged.by ? { importTxByStore: merged.by, importTxFirstAsked: merged.first } : {}),
      };
      samples.push({ previewMs: preview.at - start, preview: preview.text, importMs: done.at - confirmAt, done: done.text, split });
      await b.context.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }
  return { samples };
}
