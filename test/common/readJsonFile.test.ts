import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile } from '../../common/readJsonFile.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-json-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const schema = z.object({ name: z.string(), sites: z.array(z.object({ id: z.string() })) }).strict();
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('readJsonFile', () => {
  it('returns the parsed value when the file fits its schema', () => {
    expect(readJsonFile(file('good.json', '{"name":"a","sites":[{"id":"x"}]}'), schema, 'test file')).toEqual({ name: 'a', sites: [{ id: 'x' }] });
  });

  it('names the file when it is missing, unreadable or not JSON', () => {
    const missing = join(dir, 'missing.json');
    expect(() => readJsonFile(missing, schema, 'test file')).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND', message: `test file ${missing} does not exist` }));
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    expect(() => readJsonFile(folder, schema, 'test file')).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE', message: `test file ${folder} cannot be read (EISDIR)` }));
    const broken = file('broken.json', '{"name":');
    expect(() => readJsonFile(broken, schema, 'test file', { notJson: 'PLAN_NOT_JSON' })).toThrow(
      expect.objectContaining({ code: 'PLAN_NOT_JSON', message: expect.stringMatching(new RegExp(`^test file ${broken} is not JSON: `)) }),
    );
  });

  it('names the file and every offending field, with the remedy', () => {
    const bad = file('bad.json', '{"name":1,"sites":[{"id":"x"},{}],"extra":true}');
    expect(() => readJsonFile(bad, schema, 'test file', { remedy: 'delete it' })).toThrow(
      expect.objectContaining({
        code: 'FILE_UNREADABLE',
        message: expect.stringMatching(new RegExp(`^test file ${bad} is invalid: name: .*; sites\\.1\\.id: .*; \\(root\\): .*extra.*; delete it$`)),
      }),
    );
  });
});
