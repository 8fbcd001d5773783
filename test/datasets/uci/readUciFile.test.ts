import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDataset } from '../../../datasets/paths.ts';
import { readUciFile } from '../../../datasets/uci/readUciFile.ts';

const scratch = mkdtempSync(join(tmpdir(), 'medfl-ucifile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fileWith(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('readUciFile', () => {
  it('reads every row of the real files, with ? as null and both number styles', () => {
    const cleveland = readUciFile(join(sharedDataset('uci-heart-disease'), 'processed.cleveland.data'));
    expect(cleveland).toHaveLength(303);
    expect(cleveland[0]?.values).toEqual([63, 1, 1, 145, 233, 1, 2, 150, 0, 2.3, 3, 0, 6, 0]);
    const swiss = readUciFile(join(sharedDataset('uci-heart-disease'), 'processed.switzerland.data'));
    expect(swiss[0]?.values).toEqual([32, 1, 1, 95, 0, null, 0, 127, 0, 0.7, 1, null, null, 1]);
  });

  it('skips blank lines and keeps true line numbers', () => {
    const records = readUciFile(fileWith('blank.data', '\n1,1,1,1,1,1,1,1,1,1,1,1,1,0\r\n\n'));
    expect(records).toEqual([{ line: 2, values: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0] }]);
  });

  it('refuses an empty file', () => {
    const file = fileWith('empty.data', '\n');
    expect(() => readUciFile(file)).toThrow(expect.objectContaining({ code: 'DATASET_MALFORMED', message: `${file} holds no data lines` }));
  });

  it('refuses a number it cannot read, naming line and column', () => {
    const file = fileWith('nan.data', '1,1,1,1,1,1,1,1,1,1,1,1,1,0\n1,1,1,NaN,1,1,1,1,1,1,1,1,1,0\n');
    expect(() => readUciFile(file)).toThrow(expect.objectContaining({ message: `${file}:2: column trestbps holds "NaN", which is neither a number nor ?` }));
  });
});
