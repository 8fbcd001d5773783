import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConsortiumFile } from '../../../common/kit/readConsortiumFile.ts';
import { provisionConsortium } from '../../../provision/provisionConsortium.ts';

const out = mkdtempSync(join(tmpdir(), 'medfl-consortium-file-'));
beforeAll(async () => {
  await provisionConsortium({ consortium: 'north', sites: ['a'], outDir: join(out, 'kits') });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('readConsortiumFile', () => {
  it("reads a consortium.json, or a kit folder's copy of it", () => {
    expect(readConsortiumFile(join(out, 'kits', 'consortium.json')).consortium.name).toBe('north');
    const fromKit = readConsortiumFile(join(out, 'kits', 'a'));
    expect(fromKit).toMatchObject({ file: join(out, 'kits', 'a', 'consortium.json'), consortium: { name: 'north' } });
  });

  it('a wrong path is FILE_NOT_FOUND, a folder without one too, and another JSON file KIT_INVALID naming the field', () => {
    expect(() => readConsortiumFile(join(out, 'nope.json'))).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND', message: `consortium file ${join(out, 'nope.json')} does not exist` }));
    mkdirSync(join(out, 'empty'));
    expect(() => readConsortiumFile(join(out, 'empty'))).toThrow(expect.objectContaining({ code: 'FILE_NOT_FOUND' }));
    writeFileSync(join(out, 'plan.json'), JSON.stringify({ version: 1, name: 'north' }));
    expect(() => readConsortiumFile(join(out, 'plan.json'))).toThrow(expect.objectContaining({ code: 'KIT_INVALID', message: expect.stringContaining('caFingerprint256') }));
  });
});
