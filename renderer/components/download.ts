/** Hands text to the browser (or the desktop window) as a file to save. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark, so that spreadsheet programs read names with accents correctly; JSON readers refuse one.
  const blob = new Blob(type.startsWith('text/csv') ? ['\ufeff', text] : [text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
