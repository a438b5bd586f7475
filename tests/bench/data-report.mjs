// bench:data's table (data-figures.mjs): each figure as a median with its spread (p25–p75, and min–max) and its
// budget beside it; `out.figures` gets the same rows for the JSON.

export const quantile = (values, q) => {
  if (values.length === 0) return NaN;
  const v = [...values].sort((a, b) => a - b);
  const i = (v.length - 1) * q;
  return v[Math.floor(i)] + (v[Math.ceil(i)] - v[Math.floor(i)]) * (i - Math.floor(i));
};

const ms = (x) => (Number.isFinite(x) ? (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`) : '–');

function row(name, values, budget, extra = '') {
  const f = { name, n: values.length, median: quantile(values, 0.5), p25: quantile(values, 0.25), p75: quantile(values, 0.75), p95: quantile(values, 0.95),
    min: Math.min(...values), max: Math.max(...values), budget, extra };
  return f;
}

export function printReport(out) {
  const rows = [];
  const h = out.parts.history;
  if (h) {
    const [first, ...rest] = h.runs;
    rows.push(row('history: first rows painted (first open after start)', [first.first], '≤ 500 ms'));
    if (rest.length) rows.push(row('history: first rows painted (later opens)', rest.map((r) => r.first), '≤ 500 ms'));
    rows.push(row('history: every row read, painted (all opens)', h.runs.map((r) => r.complete), '–'));
    for (const name of h.runs[0].changes.map((c) => c.name)) {
      rows.push(row(`history: ${name}`, h.runs.map((r) => r.changes.find((c) => c.name === name).ms), '≤ 200 ms'));
    }
    const longs = h.runs.flatMap((r) => r.scroll.longTasks);
    rows.push(row('history: long tasks while scrolling 3 s (count per open)', h.runs.map((r) => r.scroll.longTasks.length), 'none',
      longs.length ? `longest ${ms(Math.max(...longs.map((t) => t.ms)))}` : `${h.runs[0].scroll.frames} frames, ${h.runs[0].scroll.rowsInDom} rows in the DOM`));
    const loadLongs = h.runs.map((r) => r.loadLongTasks.filter((t) => t.ms > 50).length);
    rows.push(row('history: long tasks while opening (count per open)', loadLongs, '–', `longest ${ms(Math.max(0, ...h.runs.flatMap((r) => r.loadLongTasks.map((t) => t.ms))))}`));
  }
  const b = out.parts.backup;
  if (b) rows.push(row('backup of 100,000 tasks: click to the file at the link', b.samples.map((s) => s.ms), '≤ 3 s',
    `${(b.samples[0].bytes / 1e6).toFixed(1)} MB, ${b.samples[0].tasks} tasks`));
  const i = out.parts.import;
  if (i) {
    rows.push(row('import: file chosen to preview shown', i.samples.map((s) => s.previewMs), '–', i.samples[0]?.preview.slice(0, 80)));
    rows.push(row('import: confirm to "Imported" (staged, commit, summaries)', i.samples.map((s) => s.importMs), '–', i.samples[0]?.done.slice(0, 80)));
    rows.push(row('import: preview + import', i.samples.map((s) => s.previewMs + s.importMs), '≤ 5 s'));
    const sp = i.samples.map((s) => s.split).filter(Boolean);
    if (sp.length) {
      rows.push(row('import, in the background: parts staged (first part to confirmation)', sp.map((s) => s.stagingMs), '–', `${sp[0].parts} parts`));
      rows.push(row('import, in the background: merge and its one transaction', sp.map((s) => s.mergeAndWriteMs), '–', `transaction alone ${ms(sp[0].importTxMs)}`));
      rows.push(row('import, in the background: after its transaction (the balance summaries; before, the rebuild)', sp.map((s) => s.rebuildMs), '–', `${sp[0].rebuildWrites} write transactions`));
    }
    // --import-stores: the first import's transaction by the store and kind of request (ms, largest first).
    const by = sp[0]?.importTxByStore;
    if (by) console.log(`The first import's transaction by request (ms): ${Object.entries(by).sort(([, a], [, c]) => c - a).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const first = sp[0]?.importTxFirstAsked;
    if (first) console.log(`… each kind first asked at (ms after it began): ${Object.entries(first).sort(([, a], [, c]) => a - c).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  const e = out.parts.events;
  if (e) {
    rows.push(row(`event durable in IndexedDB, ${e.tabs} task tabs open (p95 in its column)`, e.samples, 'p95 ≤ 20 ms', e.missed.length ? `${e.missed.length} missed` : ''));
    if (e.split?.length) {
      rows.push(row('  of which: message to its first record put (page read, tracker)', e.split.map((s) => s.beforePut), '–'));
      rows.push(row('  of which: put to committed (IndexedDB)', e.split.map((s) => s.commit), '–'));
      if (e.split[0].otherWrites !== undefined) {
        rows.push(row('  other write transactions committed meanwhile (count)', e.split.map((s) => s.otherWrites), '–'));
        rows.push(row('  their time within the wait', e.split.map((s) => s.otherWriteMs), '–'));
      }
    }
  }
  out.figures = rows;
  console.log(`\nData figures with ${out.tasks.toLocaleString('en')} tasks (e2e build, Chromium; ${out.machine.cpus} cores${out.machine.cpu ? ` (${out.machine.cpu})` : ''}, reference work ${out.machine.referenceMs} ms, load average ${out.machine.loadBefore.join(' ')} before, ${out.machine.loadAfter.join(' ')} after)`);
  const cols = ['figure', 'n', 'median', 'p25–p75', 'min–max', 'p95', 'budget'];
  console.log(`| ${cols.join(' | ')} | note |`);
  console.log(`|${cols.map(() => ' --- ').join('|')}| --- |`);
  for (const r of rows) {
    const count = r.name.includes('(count');
    const f = count ? (x) => String(Math.round(x * 10) / 10) : ms;
    console.log(`| ${r.name} | ${r.n} | ${f(r.median)} | ${f(r.p25)}–${f(r.p75)} | ${f(r.min)}–${f(r.max)} | ${f(r.p95)} | ${r.budget} | ${r.extra ?? ''} |`);
  }
}
