/**
 * A byte order mark before a CSV file's text: spreadsheets (Excel above all) read a CSV without one in the
 * computer's legacy code page, which turns the French headers and any title with an accent or an emoji into
 * garbage. Programs that read CSV as UTF-8 skip it.
 */
const UTF8_BOM = '\uFEFF';

/** Saves `text` (or its parts, joined) as a file the worker downloads (an extension page only; nothing leaves the computer). */
export function downloadText(name: string, text: string | BlobPart[], type: string): void {
  const parts = typeof text === 'string' ? [text] : text;
  const csv = type === 'text/csv';
  const blob = new Blob(csv ? [UTF8_BOM, ...parts] : parts, { type: csv ? 'text/csv;charset=utf-8' : type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
