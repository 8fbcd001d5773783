// Streams a CSV file record by record as RFC 4180 defines it: comma-separated fields, optionally in double quotes
// ("" for a quote inside), so a quoted field may hold commas and line breaks; CRLF or LF line ends.
import { forEachLine } from '../fhir/readNdjson.ts';

/** The fields of one record, or why the record is not valid CSV. */
export type CsvRecord = string[] | { error: string };

const NOT_CLOSED = 'a quoted field is not closed';

/** Splits one complete record; quotes may open a field only at its start and must close right before a comma. */
export function splitCsvRecord(text: string): CsvRecord {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const close = text.indexOf('"', j);
        if (close < 0) return { error: NOT_CLOSED };
        value += text.slice(j, close);
        if (text[close + 1] !== '"') {
          j = close + 1;
          break;
        }
        value += '"';
        j = close + 2;
      }
      fields.push(value);
      if (j < text.length && text[j] !== ',') return { error: `a character after a closing quote (field ${fields.length})` };
      i = j;
    } else {
      const comma = text.indexOf(',', i);
      const value = text.slice(i, comma < 0 ? text.length : comma);
      if (value.includes('"')) return { error: `a quote inside an unquoted field (field ${fields.length + 1})` };
      fields.push(value);
      i = comma < 0 ? text.length : comma;
    }
    if (i >= text.length) return fields;
    i += 1;
  }
}

/** A record still open after this many lines is a stray quote, not a field with line breaks. */
const MAX_RECORD_LINES = 1000;

/**
 * Calls `onRecord(record, line)` for every non-blank record of `path`, `line` being where the record starts. A
 * record whose quoted field is still open at the end of a line continues on the next one (a field holding a line
 * break); a quote inside an unquoted field is an error at once, so it never swallows the lines after it.
 */
export async function readCsvRecords(path: string, onRecord: (record: CsvRecord, line: number) => void): Promise<void> {
  let open: { text: string; line: number; lines: number } | undefined;
  await forEachLine(path, (text, line) => {
    if (open === undefined && text.trim() === '') return;
    open = open === undefined ? { text, line, lines: 1 } : { text: `${open.text}\n${text}`, line: open.line, lines: open.lines + 1 };
    const record = splitCsvRecord(open.text);
    if (!Array.isArray(record) && record.error === NOT_CLOSED && open.lines < MAX_RECORD_LINES) return;
    onRecord(record, open.line);
    open = undefined;
  });
  if (open !== undefined) onRecord({ error: `${NOT_CLOSED} before the end of the file` }, (open as { line: number }).line);
}
