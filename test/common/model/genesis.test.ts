import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genesisModel } from '../../../common/model/genesis.ts';
import { parameterCount } from '../../../common/model/ModelArtifact.ts';
import { modelHash } from '../../../common/model/modelHash.ts';
import { loadPlan } from '../../../common/plan/loadPlan.ts';
import { REPO_ROOT, TYPESCRIPT_LOADER } from '../../../datasets/paths.ts';

const features = Array.from({ length: 13 }, (_, i) => `f${i}`);

describe('genesisModel', () => {
  it('is a logistic regression Linear(13, 1) with glorot-uniform kernel and zero bias', () => {
    const model = genesisModel({ model: { kind: 'logistic' }, features, seed: 42 });
    expect(model.weightSpecs).toEqual([
      { name: 'dense_0/kernel', shape: [13, 1], dtype: 'float32' },
      { name: 'dense_0/bias', shape: [1], dtype: 'float32' },
    ]);
    const limit = Math.sqrt(6 / 14);
    const kernel = [...model.weights.subarray(0, 13)];
    expect(kernel.every((w) => Math.abs(w) <= limit && w !== 0)).toBe(true);
    expect(new Set(kernel).size).toBe(13);
    expect(model.weights[13]).toBe(0);
  });

  it("draws PyTorch nn.Linear's default U(±1/√fan_in) for kernel and bias under torch-linear, as FLamby starts", () => {
    const model = genesisModel({ model: { kind: 'mlp', hidden: [8], initializer: 'torch-linear' }, features, seed: 42 });
    const [kernel0, bias0, kernel1, bias1] = [model.weights.subarray(0, 104), model.weights.subarray(104, 112), model.weights.subarray(112, 120), model.weights.subarray(120)];
    for (const [values, bound] of [[kernel0, 1 / Math.sqrt(13)], [bias0, 1 / Math.sqrt(13)], [kernel1, 1 / Math.sqrt(8)], [bias1, 1 / Math.sqrt(8)]] as const) {
      expect(values.every((w) => Math.abs(w) <= bound && w !== 0)).toBe(true);
      // Spread over the interval, not squeezed into part of it (the one output bias aside).
      if (values.length > 1) expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(bound / 2);
    }
    expect(bias1).toHaveLength(1);
  });

  it('keeps the default (Glorot-uniform) bytes when the plan names glorot-uniform, so old plans keep their genesis model', () => {
    const plain = genesisModel({ model: { kind: 'logistic' }, features, seed: 3 });
    expect(modelHash(genesisModel({ model: { kind: 'logistic', initializer: 'glorot-uniform' }, features, seed: 3 }))).toBe(modelHash(plain));
    expect(modelHash(genesisModel({ model: { kind: 'logistic', initializer: 'torch-linear' }, features, seed: 3 }))).not.toBe(modelHash(plain));
  });

  it('builds the MLP layer by layer, ReLU hidden and one sigmoid output', () => {
    const model = genesisModel({ model: { kind: 'mlp', hidden: [8, 4] }, features, seed: 1 });
    expect(model.weightSpecs.map((spec) => spec.shape)).toEqual([[13, 8], [8], [8, 4], [4], [4, 1], [1]]);
    expect(parameterCount(model.weightSpecs)).toBe(13 * 8 + 8 + 8 * 4 + 4 + 4 + 1);
    const layers = (model.modelTopology.config as { layers: { config: { activation: string } }[] }).layers;
    expect(layers.map((layer) => layer.config.activation)).toEqual(['relu', 'relu', 'sigmoid']);
  });

  it('depends on the seed and nothing else', () => {
    const plan = loadPlan(join(REPO_ROOT, 'plans', 'uci-heart-fedavg.json'));
    const otherRun = { ...plan, rounds: 99, name: 'another-run' };
    expect(modelHash(genesisModel(plan))).toBe(modelHash(genesisModel(otherRun)));
    expect(modelHash(genesisModel(plan))).not.toBe(modelHash(genesisModel({ ...plan, seed: plan.seed + 1 })));
  });

  it('derives the same bytes in two separate processes', () => {
    const script = `import { genesisModel } from './common/model/genesis.ts';
import { modelHash } from './common/model/modelHash.ts';
import { loadPlan } from './common/plan/loadPlan.ts';
process.stdout.write(modelHash(genesisModel(loadPlan('plans/demo.json'))));`;
    const run = () => execFileSync(process.execPath, ['--import', TYPESCRIPT_LOADER, '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    const first = run();
    expect(first).toMatch(/^0x[0-9a-f]{64}$/);
    expect(run()).toBe(first);
    expect(first).toBe(modelHash(genesisModel(loadPlan(join(REPO_ROOT, 'plans', 'demo.json')))));
  });

  it('gives the demo plan the genesis hash every earlier version gave it (runs on chain name it as their start)', () => {
    expect(modelHash(genesisModel(loadPlan(join(REPO_ROOT, 'plans', 'demo.json'))))).toBe('0x5202ac66626b641e620c7e7e3f3b453373620691406928dd3b72dcea8cfbd3ed');
  });
});
