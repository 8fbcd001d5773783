// An --out file is written whole or not at all, and a wrong target is one MedflError, never a raw fs error.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MedflError } from '../../common/MedflError.ts';
import { writeJsonFile } from '../../common/writeJsonFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-write-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const thrownBy = (write: () => void): MedflError => {
  try {
    write();
  } catch (error) {
    return error as MedflError;
  }
  throw new Error('expected a MedflError');
};

describe('writeJsonFile', () => {
  it('writes indented JSON, creating the folder it goes in', () => {
    const file = join(dir, 'new', 'folder', 'proof.json');
    writeJsonFile(file, { round: 1 }, '--out');
    expect(readFileSync(file, 'utf8')).toBe('{\n  "round": 1\n}\n');
  });

  it('refuses a folder as the target with USAGE and leaves the folder as it was', () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const error = thrownBy(() => writeJsonFile(folder, {}, '--out'));
    expect(error).toMatchObject({ code: 'USAGE', message: `--out ${folder} is a folder; name a file` });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('names a path through a file FILE_UNWRITABLE and leaves no temporary file', () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const error = thrownBy(() => writeJsonFile(join(file, 'proof.json'), {}, '--out'));
    expect(error).toMatchObject({ code: 'FILE_UNWRITABLE' });
    expect(error.message).toBe(`--out ${join(file, 'proof.json')} cannot be written (EEXIST); name a file in a folder you can write`);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
