import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelHash } from '../../common/model/modelHash.ts';
import { writeModelDir } from '../../common/model/modelDir.ts';
import { runCli } from '../helpers/runCli.ts';
import { tinyModel } from '../helpers/tinyModel.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-cli-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('medfl model hash', () => {
  it('prints the same hash as the library computes in memory', async () => {
    writeModelDir(dir, tinyModel());
    const run = await runCli(['model', 'hash', dir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ dir, modelHash: modelHash(tinyModel()), parameters: 14 });
  });

  it('exits with the input-error code and names the problem for a truncated weights.bin', async () => {
    writeModelDir(dir, tinyModel());
    writeFileSync(join(dir, 'weights.bin'), readFileSync(join(dir, 'weights.bin')).subarray(0, 10));
    const run = await runCli(['model', 'hash', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('MODEL_WEIGHTS_TRUNCATED');
    expect(run.stderr).toContain('holds 10 bytes but model.json describes 56');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
