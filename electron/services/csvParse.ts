// Reading CSV as spreadsheets write it (RFC 4180): commas, quoted fields with ""
// for a quote, line breaks inside quotes, CRLF or LF, an optional byte-order mark.
// Each record keeps the line it starts on, so an error can say where to look.

export interface CsvRecord {
  /** The line (1-based) the record starts on. */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** Every non-blank record of the text, the header included. */
export function parseCsv(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false; // a quoted field exists even when empty: "" is one empty field, not a blank line
  let line = 1;
  let start = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    const blank = fields.length === 0 && field === '' && !quoted;
    endField();
    if (!blank) records.push({ line: start, fields });
    fields = [];
    quoted = false;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '"' && field === '' && !quoted) {
      const opened = line;
      quoted = true;
      for (i++; ; ) {
        if (i >= s.length) throw new CsvError(opened, 'a quoted field is not closed');
        if (s[i] === '"' && s[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (s[i] === '"') {
          i++;
          break;
        } else {
          if (s[i] === '\n') line++;
          field += s[i++];
        }
      }
      if (i < s.length && s[i] !== ',' && s[i] !== '\n' && s[i] !== '\r') {
        throw new CsvError(line, 'text follows a closing quote; a quote inside a quoted field is written ""');
      }
    } else if (c === ',') {
      endField();
      quoted = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || quoted || fields.length > 0) endRecord();
  return records;
}
