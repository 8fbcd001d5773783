import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCsvRecords, splitCsvRecord, type CsvRecord } from '../../../datasets/feeds/readCsvRecords.ts';

describe('splitCsvRecord', () => {
  it('splits plain and quoted fields, with commas and doubled quotes inside quotes and empty fields', () => {
    expect(splitCsvRecord('a,b,,d')).toEqual(['a', 'b', '', 'd']);
    expect(splitCsvRecord('"a,1","say ""hi""",')).toEqual(['a,1', 'say "hi"', '']);
  });

  it('says what is wrong with bad quoting', () => {
    expect(splitCsvRecord('a,b"c')).toEqual({ error: 'a quote inside an unquoted field (field 2)' });
    expect(splitCsvRecord('"a"b,c')).toEqual({ error: 'a character after a closing quote (field 1)' });
    expect(splitCsvRecord('"a,b')).toEqual({ error: 'a quoted field is not closed' });
  });
});

describe('readCsvRecords', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'medfl-csv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function records(text: string): Promise<[CsvRecord, number][]> {
    const file = join(dir, 'f.csv');
    writeFileSync(file, text);
    const seen: [CsvRecord, number][] = [];
    await readCsvRecords(file, (record, line) => seen.push([record, line]));
    return seen;
  }

  it('reads CRLF files, skips blank lines, and gives each record the line it starts on, line breaks in quotes included', async () => {
    expect(await records('h1,h2\r\n\r\n"multi\r\nline",x\r\ny,z\r\n')).toEqual([
      [['h1', 'h2'], 1],
      [['multi\nline', 'x'], 3],
      [['y', 'z'], 5],
    ]);
  });

  it('a stray quote is one bad record, not the rest of the file', async () => {
    expect(await records('a,b"c\nd,e\n')).toEqual([
      [{ error: 'a quote inside an unquoted field (field 2)' }, 1],
      [['d', 'e'], 2],
    ]);
    expect(await records('a,"b\nc,d\n')).toEqual([[{ error: 'a quoted field is not closed before the end of the file' }, 1]]);
  });
});
