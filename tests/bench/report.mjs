// The bench's table and JSON: each figure added over no extension, beside its budget (issue 18).
const KB = 1024;
/** Budgets over no extension. Bytes: Centime's scripts on the page, gzipped (a task page carries the overlay). */
export const BUDGETS = {
  scriptMs: 3,
  taskMs: 10,
  heapKb: 300,
  heapKeptKb: 300,
  longTasks: 0,
  idleScriptMsPerS: 0,
  idleTaskMsPerS: 0,
  gzip: { task: 8 * KB, other: 3 * KB },
  scripts: 1,
};

const ROWS = [
  ['scriptMs', 'script at load (ms)'],
  ['taskMs', 'task time at load (ms)'],
  ['layoutMs', 'style + layout at load (ms)'],
  ['heapKb', 'JS heap 1.5 s after load (kB)'],
  ['heapKeptKb', 'JS heap kept, after a GC (kB)'],
  ['longTasks', 'long tasks > 50 ms (most in a load)'],
  ['idleScriptMsPerS', 'script after load, collapsed (ms/s)'],
  ['idleTaskMsPerS', 'task time after load, collapsed (ms/s)'],
];

const median = (f) => (typeof f === 'object' ? f.median : f);
const num = (v, digits) => (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits));
const signed = (v, digits) => (v === undefined ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`);

export function report(figures, machine, traces) {
  const out = { machine, budgets: BUDGETS, pages: {} };
  for (const [name, f] of Object.entries(figures)) {
    const added = (config, key) => median(f[config][key]) - median(f.none[key]);
    const centimeScripts = f.centime.scripts ?? [];
    const gzip = centimeScripts.reduce((sum, s) => sum + s.gzip, 0);
    const bytesBudget = BUDGETS.gzip[f.kind];
    const page = { url: f.url, kind: f.kind, figures: {}, bytes: { gzip, budget: bytesBudget, scripts: centimeScripts, scriptsBudget: BUDGETS.scripts } };
    console.log(`\n${name} (${f.kind === 'task' ? 'task page' : 'other platform page'}) ${f.url}`);
    console.log(`${'figure'.padEnd(42)}${'none'.padStart(9)}${'empty +'.padStart(10)}${'Centime +'.padStart(11)}${'spread'.padStart(15)}${'budget'.padStart(9)}`);
    for (const [key, label] of ROWS) {
      const digits = key.startsWith('heap') || key === 'longTasks' ? 0 : 2;
      const c = f.centime[key];
      const spread = typeof c === 'object' ? `${num(c.p25 - median(f.none[key]), digits)}…${num(c.p75 - median(f.none[key]), digits)}` : '';
      const budget = BUDGETS[key];
      page.figures[key] = { none: f.none[key], emptyAdded: added('empty', key), centimeAdded: added('centime', key), centime: c, budget: budget ?? null };
      console.log(`${label.padEnd(42)}${num(median(f.none[key]), digits).padStart(9)}${signed(added('empty', key), digits).padStart(10)}${signed(added('centime', key), digits).padStart(11)}${spread.padStart(15)}${(budget === undefined ? '' : `≤ ${budget}`).padStart(9)}`);
    }
    const files = centimeScripts.map((s) => `${s.file.replace(/^\//, '')} ${s.gzip} B`).join(', ') || 'none';
    console.log(`${'Centime scripts on the page (gzipped)'.padEnd(42)}${String(gzip).padStart(30)} B  budget ≤ ${bytesBudget} B in ${BUDGETS.scripts} script`);
    console.log(`  ${centimeScripts.length} script(s): ${files}`);
    if (traces?.[name]) {
      page.trace = traces[name];
      console.log('  trace, Centime − none, main thread by event (ms):');
      for (const t of traces[name]) console.log(`    ${signed(t.ms, 1).padStart(8)}  ${t.name}`);
    }
    out.pages[name] = page;
  }
  return out;
}
