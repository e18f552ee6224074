// A CSV file's bytes to text, refusing anything that is not UTF-8 rather than
// importing mojibake ("Jos� M�ller") that would then sit in the History for good.
// Spreadsheets save other encodings without asking: Excel's plain "CSV" is
// Windows-1252 on a Western Windows, its "Unicode Text" is UTF-16 LE. The error
// says which one the file looks like, and gives iconv's name for it, so the CLI can
// say how to convert it.

export class CsvEncodingError extends Error {
  /** iconv's name of the encoding the file seems to be in; none for a file that is not text at all. */
  readonly iconv?: string;
  constructor(file: string, seems: string, iconv?: string) {
    super(`${file} is not UTF-8: it looks like ${seems}; nothing was imported`);
    this.name = 'CsvEncodingError';
    this.iconv = iconv;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file's text, or a CsvEncodingError naming the encoding it seems to be in. */
export function decodeCsv(bytes: Uint8Array, file: string): string {
  const foreign = encodingByBytes(bytes);
  if (foreign) throw new CsvEncodingError(file, foreign.name, foreign.iconv);
  try {
    return utf8.decode(bytes);
  } catch {
    const { line, bytes: at } = firstBadLine(bytes);
    const read = new TextDecoder('windows-1252').decode(at).trim();
    const shown = read.length > 60 ? `${read.slice(0, 57)}…` : read;
    throw new CsvEncodingError(
      file,
      'Windows-1252 (Latin-1, what Excel saves as plain "CSV" on Windows): ' + `line ${line} reads "${shown}" in it`,
      'WINDOWS-1252',
    );
  }
}

interface Foreign {
  name: string;
  iconv?: string;
}

/** Encodings told by a byte-order mark, by NUL bytes, or by a file signature. */
function encodingByBytes(b: Uint8Array): Foreign | null {
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { name: 'UTF-32 LE (it starts with its byte-order mark)', iconv: 'UTF-32LE' };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { name: 'UTF-32 BE (it starts with its byte-order mark)', iconv: 'UTF-32BE' };
  if (b[0] === 0xff && b[1] === 0xfe) return { name: 'UTF-16 LE (it starts with its byte-order mark; Excel\'s "Unicode Text")', iconv: 'UTF-16LE' };
  if (b[0] === 0xfe && b[1] === 0xff) return { name: 'UTF-16 BE (it starts with its byte-order mark)', iconv: 'UTF-16BE' };
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return { name: 'a workbook (.xlsx, a ZIP file), not CSV text' };
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return { name: 'an old Excel workbook (.xls), not CSV text' };
  // Without a mark, UTF-16 shows as a NUL beside nearly every letter of plain text: after it (LE) or before it (BE).
  const sample = b.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = sample.length / 2;
  if (odd > pairs / 4 && even < odd / 10) return { name: 'UTF-16 LE (a NUL byte after each letter)', iconv: 'UTF-16LE' };
  if (even > pairs / 4 && odd < even / 10) return { name: 'UTF-16 BE (a NUL byte before each letter)', iconv: 'UTF-16BE' };
  if (even + odd > 0) return { name: 'binary data (it holds NUL bytes), not CSV text' };
  return null;
}

/** The first line holding bytes that are not UTF-8, and that line's bytes. */
function firstBadLine(b: Uint8Array): { line: number; bytes: Uint8Array } {
  let start = 0;
  let line = 1;
  for (let i = 0; i <= b.length; i++) {
    if (i < b.length && b[i] !== 0x0a) continue;
    const bytes = b.subarray(start, i);
    try {
      utf8.decode(bytes);
    } catch {
      return { line, bytes };
    }
    start = i + 1;
    line++;
  }
  return { line: 1, bytes: b.subarray(0, 200) };
}
