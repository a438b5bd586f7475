// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import { downloadText } from '../../../lib/pages/download';

// What a download holds, byte for byte: a CSV starts with UTF-8's byte order mark (spreadsheets read it as UTF-8
// then, accents and emoji included); a JSON backup does not (JSON forbids one at its start).
async function saved(name: string, text: string, type: string): Promise<{ bytes: number[]; type: string; name: string }> {
  let blob: Blob | undefined;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    blob = b as Blob;
    return 'blob:test';
  });
  let downloaded = '';
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloaded = this.download;
  });
  downloadText(name, text, type);
  return { bytes: [...new Uint8Array(await blob!.arrayBuffer())], type: blob!.type, name: downloaded };
}
afterEach(() => vi.restoreAllMocks());

it('writes a CSV as UTF-8 with its byte order mark, and a backup without one', async () => {
  const csv = await saved('centime-tasks.csv', 'Rémunération\r\n', 'text/csv');
  expect(csv.name).toBe('centime-tasks.csv');
  expect(csv.type).toBe('text/csv;charset=utf-8');
  expect(csv.bytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]);
  expect(new TextDecoder().decode(new Uint8Array(csv.bytes))).toBe('Rémunération\r\n');
  const json = await saved('centime-backup.json', '{"a":1}', 'application/json');
  expect(json.bytes[0]).toBe('{'.charCodeAt(0));
  expect(json.type).toBe('application/json');
});
