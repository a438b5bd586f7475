import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../lib/data/csv';

/**
 * Adversarial checks of `toCsv` (DESIGN.md "Contracts that tests rely on"): RFC 4180 records separated by CRLF,
 * quoting of commas, quotes and line breaks, the formula guard on *string* cells only.
 */

/** A strict RFC 4180 reader written for this test: a quote may only open a field, and must close before , or CRLF. */
function readRfc4180(text: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unclosed quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && !(text[i] === '\r' && text[i + 1] === '\n')) {
        // RFC 4180: an unquoted field holds no quote, CR or LF.
        if (text[i] === '"' || text[i] === '\n' || text[i] === '\r') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (i >= text.length) { records.push(row); return records; }
    if (text[i] === ',') { i++; continue; }
    if (text[i] === '\r' && text[i + 1] === '\n') { records.push(row); row = []; i += 2; continue; }
    throw new Error(`junk after a quoted field at ${i}`);
  }
}

/** What a spreadsheet must show for a cell (DESIGN.md): the guard on strings, numbers as numbers, null empty. */
const shown = (c: string | number | null): string =>
  c === null ? '' : typeof c === 'number' ? (Number.isFinite(c) ? String(c) : '') : /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;

describe('toCsv, adversarial', () => {
  it('separates records with CRLF and keeps an LF, a CRLF or a lone CR inside a cell quoted', () => {
    const csv = toCsv(['a', 'b'], [['line1\nline2', 'x\r\ny'], ['cr\ronly', 'end']]);
    expect(csv).toBe('a,b\r\n"line1\nline2","x\r\ny"\r\n"cr\ronly",end');
    expect(readRfc4180(csv)).toEqual([['a', 'b'], ['line1\nline2', 'x\r\ny'], ['cr\ronly', 'end']]);
  });

  it('guards and quotes header cells like any other string', () => {
    const csv = toCsv(['=1+1', 'a,b', 'say "x"', '-x', '@y', '\tz'], []);
    expect(readRfc4180(csv)).toEqual([["'=1+1", 'a,b', 'say "x"', "'-x", "'@y", "'\tz"]]);
  });

  it('writes negative numbers, -0 and decimals as numbers; a string that looks negative is guarded', () => {
    const csv = toCsv(['n'], [[-5], [-0], [-0.25], [1.5], ['-5'], ['+1'], ['5']]);
    expect(readRfc4180(csv).map((r) => r[0])).toEqual(['n', '-5', '0', '-0.25', '1.5', "'-5", "'+1", '5']);
  });

  it('leaves NaN and ±Infinity empty, never the words NaN or Infinity', () => {
    expect(readRfc4180(toCsv(['a', 'b', 'c'], [[Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]]))).toEqual([['a', 'b', 'c'], ['', '', '']]);
  });

  it('guards a cell starting with a CR or a tab even when quoting is also needed', () => {
    const csv = toCsv(['a'], [['\r=cmd|x'], ['\t=1,2']]);
    expect(readRfc4180(csv).map((r) => r[0])).toEqual(['a', "'\r=cmd|x", "'\t=1,2"]);
  });

  it('keeps empty strings and nulls as empty fields, and unicode as it is', () => {
    const csv = toCsv(['a', 'b', 'c'], [['', null, 'Café 🎉 日本語'], ['é', '', null]]);
    expect(readRfc4180(csv)).toEqual([['a', 'b', 'c'], ['', '', 'Café 🎉 日本語'], ['é', '', '']]);
  });

  it('reads back as the same table, cell for cell, with a strict RFC 4180 reader (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', ' ', 'é', '😀') }),
    );
    const cell = fc.oneof(text, fc.double(), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((w) => fc.tuple(
        fc.array(text, { minLength: w, maxLength: w }),
        fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 6 }),
      )), ([header, rows]) => {
        const csv = toCsv(header, rows);
        // The reader takes text after the last CRLF as one more record, as papaparse does.
        expect(readRfc4180(csv)).toEqual([header, ...rows].map((r) => r.map(shown)));
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a string cell start with a formula character once read back (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const [, [value]] = readRfc4180(toCsv(['h'], [[s]])) as [string[], string[]];
        if (value !== undefined && value !== '') expect(/^[=+\-@\t\r]/.test(value)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
