// bench:data's history page (data-figures.mjs): opened OPENS times in a fresh tab, the first (just after the
// browser started and settled) reported apart; in each open, once every row is read, filter and sort changes timed
// and the list scrolled with the long tasks counted.
import { historyProbe, scrollList, timeListChange } from './data-probes.mjs';

/** Filter and sort changes, in the order they are made: each from the state the previous one left. */
const CHANGES = [
  { name: 'filter: outcome rejected', select: 'outcome', value: 'rejected' },
  { name: 'filter: outcome approved', select: 'outcome', value: 'approved' },
  { name: 'filter: all outcomes', select: 'outcome', value: '' },
  { name: 'filter: platform Prolific', select: 'platform', value: 'prolific' },
  { name: 'filter: all platforms', select: 'platform', value: '' },
  { name: 'sort: reward', sortColumn: 'reward' },
  { name: 'sort: title', sortColumn: 'title' },
  { name: 'sort: ended (back to newest first)', sortColumn: 'ended' },
];

export async function historyRuns({ launch, settle, profile, option }) {
  const opens = Number(option('--opens', 5));
  const b = await launch(profile);
  await b.context.addInitScript(historyProbe);
  const settledMs = await settle(60_000);
  const runs = [];
  for (let i = 0; i < opens; i++) {
    const page = await b.context.newPage();
    await settle(3_000);
    await page.goto(b.url('task-history.html'), { waitUntil: 'commit' });
    const first = await page.evaluate(() => globalThis.__history.first);
    const complete = await page.evaluate(() => globalThis.__history.complete);
    const loadLongTasks = await page.evaluate(() => globalThis.__history.longTasks);
    const columns = await page.evaluate(() => [...document.querySelectorAll("[data-col] button.sort")].map((b) => b.closest("[data-col]").dataset.col));
    const changes = [];
    for (const change of CHANGES) {
      if (change.sortColumn && !columns.includes(change.sortColumn)) throw new Error(`no sort button in column ${change.sortColumn} (${columns})`);
      changes.push({ name: change.name, ...(await page.evaluate(timeListChange, change)) });
    }
    const scroll = await page.evaluate(scrollList, { ms: 3_000, step: 900 });
    runs.push({ first, complete, loadLongTasks, changes, scroll });
    await page.close();
  }
  await b.context.close();
  return { opens, settledMs, runs };
}
