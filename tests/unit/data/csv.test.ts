import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../lib/data/csv';

/** An RFC 4180 reader written for the test, independent of toCsv: what a spreadsheet sees. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); records.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  row.push(field);
  records.push(row);
  return records;
}

describe('toCsv (DESIGN.md contract)', () => {
  it('writes a header and rows, CRLF between records, numbers as numbers and null as an empty cell', () => {
    expect(toCsv(['title', 'reward', 'bonus'], [['Survey', 1.5, null], ['Tag images', -2, 0]]))
      .toBe('title,reward,bonus\r\nSurvey,1.5,\r\nTag images,-2,0');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes inside', () => {
    expect(toCsv(['a'], [['x, y'], ['say "hi"'], ['two\nlines'], ['cr\rhere']]))
      .toBe('a\r\n"x, y"\r\n"say ""hi"""\r\n"two\nlines"\r\n"cr\rhere"');
  });

  it('puts a quote mark before a string a spreadsheet would run as a formula, never before a number', () => {
    const csv = toCsv(['requester'], [['=HYPERLINK("http://x","y")'], ['+1'], ['-1'], ['@SUM(A1)'], ['\tx'], ['\rx'], [-1]]);
    expect(readCsv(csv).map((r) => r[0])).toEqual([
      'requester', `'=HYPERLINK("http://x","y")`, "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", '-1',
    ]);
  });

  it('guards the header like any other string cell', () => {
    expect(toCsv(['=cmd'], [])).toBe("'=cmd");
  });

  it('leaves a number that is not finite empty: no NaN or Infinity in a sheet', () => {
    expect(toCsv(['n'], [[Number.NaN], [Number.POSITIVE_INFINITY]])).toBe('n\r\n\r\n');
  });

  it('reads back as the same cells (with the formula guard) for any text, property', () => {
    const cellArb = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), (rows) => {
        const width = Math.max(1, ...rows.map((r) => r.length));
        const header = Array.from({ length: width }, (_, i) => `c${i}`);
        const full = rows.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]);
        const expected = [header, ...full.map((r) => r.map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)))];
        expect(readCsv(toCsv(header, full))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
