import { majorAmount, type Money } from '../domain/money';
import type { YearStatement } from '../domain/statement';
import { toCsv } from './csv';

/**
 * The yearly statement as CSV (issue 17, item 5): one row per platform and currency, then the year's total per
 * currency, then the totals in the display currency marked as converted. Amounts are numbers in major units
 * (5.5 for $5.50), written exactly from integer minor units; hours to a tenth.
 */
export interface StatementCsvWords {
  header: [year: string, platform: string, currency: string, approved: string, paidOut: string, tasks: string, hours: string];
  total: string;
  converted: string;
  platformName: (id: string) => string;
}

const major = (m: Money | undefined): number | null => (m ? majorAmount(m) : null);
const hours = (ms: number) => Math.round(ms / 360_000) / 10;

export function statementCsv(s: YearStatement, words: StatementCsvWords): string {
  const rows: (string | number | null)[][] = [];
  const byCurrency = (approved: readonly Money[], paidOut: readonly Money[]) =>
    [...new Set([...approved, ...paidOut].map((m) => m.currency))].sort().map((c) => [c, approved.find((m) => m.currency === c), paidOut.find((m) => m.currency === c)] as const);
  for (const line of s.lines) {
    byCurrency(line.approved, line.paidOut).forEach(([currency, approved, paidOut], i) => {
      rows.push([s.year, words.platformName(line.platform), currency, major(approved), major(paidOut), i === 0 ? line.tasks : null, i === 0 ? hours(line.activeMs) : null]);
    });
    if (line.approved.length + line.paidOut.length === 0) rows.push([s.year, words.platformName(line.platform), null, null, null, line.tasks, hours(line.activeMs)]);
  }
  byCurrency(s.approved, s.paidOut).forEach(([currency, approved, paidOut], i) => {
    rows.push([s.year, words.total, currency, major(approved), major(paidOut), i === 0 ? s.tasks : null, i === 0 ? hours(s.activeMs) : null]);
  });
  const display = s.approvedInDisplay ?? s.paidOutInDisplay;
  if (display) rows.push([s.year, words.converted, display.currency, major(s.approvedInDisplay ?? undefined), major(s.paidOutInDisplay ?? undefined), null, null]);
  return toCsv([...words.header], rows);
}
