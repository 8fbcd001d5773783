import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { modelHash, modelHashOfDir } from '../../../common/model/modelHash.ts';
import { readModelDir, writeModelDir } from '../../../common/model/modelDir.ts';
import { tinyModel } from '../../helpers/tinyModel.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-hash-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('modelHash', () => {
  it('is a bytes32 hex string, equal in memory and on disk', async () => {
    const model = tinyModel();
    const dir = tempDir();
    writeModelDir(dir, model);
    expect(modelHash(model)).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await modelHashOfDir(dir)).toBe(modelHash(model));
  });

  it('survives save -> load -> save, with identical bytes', async () => {
    const first = tempDir();
    const second = tempDir();
    writeModelDir(first, tinyModel());
    writeModelDir(second, readModelDir(first));
    expect(readFileSync(join(second, 'weights.bin'))).toEqual(readFileSync(join(first, 'weights.bin')));
    expect(await modelHashOfDir(second)).toBe(await modelHashOfDir(first));
  });

  it('changes when one bit of one weight changes', async () => {
    const dir = tempDir();
    const model = tinyModel();
    writeModelDir(dir, model);
    const bytes = readFileSync(join(dir, 'weights.bin'));
    bytes[17] = (bytes[17] ?? 0) ^ 0x01;
    writeFileSync(join(dir, 'weights.bin'), bytes);
    expect(await modelHashOfDir(dir)).not.toBe(modelHash(model));
  });

  it('binds weight names and shapes, not just the bytes', () => {
    const model = tinyModel();
    const renamed = { ...model, weightSpecs: [{ ...model.weightSpecs[0]!, name: 'other/kernel' }, model.weightSpecs[1]!] };
    expect(modelHash(renamed)).not.toBe(modelHash(model));
  });

  it('does not depend on tool metadata in model.json', async () => {
    const dir = tempDir();
    writeModelDir(dir, tinyModel(), 'some other tool 9.9');
    expect(await modelHashOfDir(dir)).toBe(modelHash(tinyModel()));
  });
});
