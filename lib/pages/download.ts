/** Saves `text` (or its parts, joined) as a file the worker downloads (an extension page only; nothing leaves the computer). */
export function downloadText(name: string, text: string | BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(typeof text === 'string' ? [text] : text, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
