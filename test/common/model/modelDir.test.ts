import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MedflError } from '../../../common/MedflError.ts';
import { readModelDir, writeModelDir } from '../../../common/model/modelDir.ts';
import { tinyModel } from '../../helpers/tinyModel.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'medfl-dir-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function thrown(fn: () => unknown): MedflError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MedflError) return error;
    throw error;
  }
  throw new Error('expected a MedflError');
}

describe('model directory', () => {
  it('writes the tfjs layers format: model.json with a weights manifest and weights.bin', () => {
    const dir = tempDir();
    writeModelDir(dir, tinyModel());
    const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: tinyModel().weightSpecs }]);
    expect(readFileSync(join(dir, 'weights.bin')).byteLength).toBe(14 * 4);
    expect(Array.from(readModelDir(dir).weights)).toEqual(Array.from(tinyModel().weights));
  });

  it('rejects a truncated weights.bin with MODEL_WEIGHTS_TRUNCATED naming both sizes', () => {
    const dir = tempDir();
    writeModelDir(dir, tinyModel());
    writeFileSync(join(dir, 'weights.bin'), readFileSync(join(dir, 'weights.bin')).subarray(0, 50));
    const error = thrown(() => readModelDir(dir));
    expect(error.code).toBe('MODEL_WEIGHTS_TRUNCATED');
    expect(error.message).toContain('holds 50 bytes but model.json describes 56');
  });

  it('rejects a missing model.json, invalid JSON, and a manifest escaping the directory', () => {
    const dir = tempDir();
    expect(thrown(() => readModelDir(dir)).code).toBe('FILE_NOT_FOUND');
    writeFileSync(join(dir, 'model.json'), '{"modelTopology": ');
    expect(thrown(() => readModelDir(dir)).code).toBe('MODEL_INVALID');
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['../secret'], weights: [] }] }),
    );
    const escape = thrown(() => readModelDir(dir));
    expect(escape.code).toBe('MODEL_INVALID');
    expect(escape.message).toContain('weightsManifest.0.paths.0');
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['..'], weights: [] }] }));
    expect(thrown(() => readModelDir(dir)).message).toContain('weightsManifest.0.paths.0: a plain file name in the model directory');
  });

  it('rejects non-float32 weights', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['w'], weights: [{ name: 'a', shape: [1], dtype: 'int32' }] }] }),
    );
    expect(thrown(() => readModelDir(dir)).code).toBe('MODEL_INVALID');
  });
});
