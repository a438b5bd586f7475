import { expect, it } from 'vitest';
import type { Traffic } from '../support/storage-meter';
import { simulateWork, WORK_HOUR, type EventKind } from '../support/work-hour';

/**
 * Issue 13, item 2: the bytes written per hour of work (20 task tabs, a tab switch every 30 s, an idle change
 * every 5 minutes, the heartbeat) through the real tracker and writer, IndexedDB and extension storage both
 * counted (tests/support/storage-meter.ts says how bytes are counted; work-hour.ts how the hour runs).
 * A figure, not a gate: it prints and never fails on the budget.
 */
const BUDGET_BYTES = 1_000_000; // "under 1 MB per hour", read as 10^6 bytes (the stricter reading)

const pad = (s: string | number, n: number) => String(s).padStart(n);
const row = (name: string, t: Pick<Traffic, 'writes' | 'deletes' | 'bytesWritten'>) =>
  `${name.padEnd(28)}${pad(t.writes, 9)}${pad(t.deletes, 9)}${pad(t.bytesWritten.toLocaleString('en'), 14)}`;

it('writes per hour of work', async () => {
  const { events, report } = await simulateWork(WORK_HOUR);
  const lines = [`${'store'.padEnd(28)}${pad('records', 9)}${pad('deletes', 9)}${pad('bytes', 14)}`];
  for (const [name, t] of Object.entries(report.idb)) lines.push(row(`idb ${name}`, t));
  for (const [name, t] of Object.entries(report.ext)) lines.push(row(`ext ${name}`, t));
  lines.push(row('total', report.totals), '', `${'by key group'.padEnd(28)}`);
  for (const [name, t] of Object.entries(report.groups).sort(([, a], [, b]) => b.bytesWritten - a.bytesWritten)) lines.push(row(`  ${name}`, t));
  lines.push('', `${'per event'.padEnd(12)}${pad('count', 7)}${pad('bytes/event (first … last, max)', 40)}${pad('total', 14)}`);
  for (const kind of ['open', 'switch', 'idle', 'active', 'beat'] as EventKind[]) {
    const of = events.filter((e) => e.kind === kind);
    if (of.length === 0) continue;
    const bytes = of.map((e) => e.bytesWritten);
    const total = bytes.reduce((a, b) => a + b, 0);
    const spread = `${bytes[0]} … ${bytes.at(-1)}, max ${Math.max(...bytes)}`;
    lines.push(`${kind.padEnd(12)}${pad(of.length, 7)}${pad(spread, 40)}${pad(total.toLocaleString('en'), 14)}`);
  }
  const within = report.totals.bytesWritten < BUDGET_BYTES;
  lines.push('', `budget: under ${BUDGET_BYTES.toLocaleString('en')} bytes per hour → ${within ? 'WITHIN' : 'OVER'} (${(report.totals.bytesWritten / BUDGET_BYTES).toFixed(2)}× the budget)`);
  const { writes, deletes, bytesWritten, reads } = report.totals;
  lines.push(JSON.stringify({ bench: 'storage-writes', plan: WORK_HOUR, writes, deletes, bytesWritten, reads, budgetBytes: BUDGET_BYTES, within }));
  console.log(lines.join('\n'));
  // The run did what it says: every tab opened, switched and beat (otherwise the figure would mean nothing).
  expect(events.filter((e) => e.kind === 'open')).toHaveLength(WORK_HOUR.tabs);
  expect(events.filter((e) => e.kind === 'switch')).toHaveLength(Math.floor((WORK_HOUR.seconds - 1) / WORK_HOUR.switchEvery));
  expect(events.filter((e) => e.kind === 'idle')).toHaveLength(WORK_HOUR.seconds / WORK_HOUR.idleEvery);
});
