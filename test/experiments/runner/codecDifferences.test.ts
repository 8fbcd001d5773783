import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { genesisModel } from '../../../common/model/genesis.ts';
import { writeModelDir } from '../../../common/model/modelDir.ts';
import { codecDifferences, maxAbsDifference } from '../../../experiments/runner/codecDifferences.ts';
import { record } from './experimentResultsFixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'medfl-codec-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function modelDir(name: string, nudge: number): string {
  const model = genesisModel({ model: { kind: 'logistic' }, features: ['a', 'b', 'c'], seed: 1 });
  const weights = Float32Array.from(model.weights);
  weights[1] = weights[1]! + nudge;
  writeModelDir(join(dir, name), { ...model, weights });
  return join(dir, name);
}

const plan = (encryption: string, seed = 42) => ({ seed, strategy: { name: 'fedavg' }, privacy: { encryption, clipNorm: 5 } });

describe('maxAbsDifference', () => {
  it('is the largest coordinate gap, and undefined across architectures', () => {
    expect(maxAbsDifference(Float32Array.of(1, 2, 3), Float32Array.of(1, 2.5, 2))).toBe(1);
    expect(maxAbsDifference(Float32Array.of(1), Float32Array.of(1, 2))).toBeNull();
  });
});

describe('codecDifferences', () => {
  it('pairs runs whose plans differ only in the codec and reads their final models', () => {
    const ckks = record({ arm: 'FedAvg (ckks)', seed: 42, plan: plan('ckks'), finalModelDir: modelDir('ckks', 0) });
    const plaintext = record({ arm: 'FedAvg (plaintext)', seed: 42, codec: 'plaintext', plan: plan('plaintext'), finalModelDir: modelDir('plaintext', 0.25) });
    const otherSeed = record({ arm: 'FedAvg (plaintext)', seed: 43, codec: 'plaintext', plan: plan('plaintext', 43), finalModelDir: modelDir('other', 0.5) });
    const found = codecDifferences([ckks, plaintext, otherSeed], []);
    expect(found).toEqual([{ arms: ['FedAvg (ckks)', 'FedAvg (plaintext)'], basePlan: 'uci-heart-smoke', seed: 42, codecs: ['ckks', 'plaintext'], maxAbsWeightDifference: 0.25 }]);
  });

  it('keeps a difference measured earlier when the model folders are gone', () => {
    const ckks = record({ arm: 'FedAvg (ckks)', seed: 42, plan: plan('ckks'), finalModelDir: join(dir, 'gone-a') });
    const plaintext = record({ arm: 'FedAvg (plaintext)', seed: 42, codec: 'plaintext', plan: plan('plaintext'), finalModelDir: join(dir, 'gone-b') });
    const earlier = { arms: ['FedAvg (ckks)', 'FedAvg (plaintext)'] as [string, string], basePlan: 'uci-heart-smoke', seed: 42, codecs: ['ckks', 'plaintext'] as ['ckks', 'plaintext'], maxAbsWeightDifference: 1e-8 };
    expect(codecDifferences([ckks, plaintext], [earlier])).toEqual([earlier]);
    expect(codecDifferences([ckks, plaintext], [])).toEqual([]);
  });
});
