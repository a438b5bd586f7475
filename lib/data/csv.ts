/**
 * CSV that spreadsheets open safely (DESIGN.md contract): RFC 4180 — records separated by CRLF, a field in
 * double quotes when it holds a comma, a quote or a line break, quotes inside doubled. Exports carry page text
 * (task titles, requester names) that a hostile requester controls: a *string* cell that a spreadsheet would
 * read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) gets a leading `'`, so it shows as
 * text and never runs. Numbers are written as numbers (a negative one is a number, not a formula); a number that
 * is not finite has no meaning in a sheet and is left empty, like `null`.
 */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const record = (cells: readonly CsvCell[]) => cells.map(cell).join(',');

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map(record).join('\r\n');
}
