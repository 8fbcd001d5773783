import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { genesisModel } from '../../../common/model/genesis.ts';
import { modelHash } from '../../../common/model/modelHash.ts';
import type { TrainingConfig } from '../../../common/plan/planSchema.ts';
import { REPO_ROOT } from '../../../datasets/paths.ts';
import { loadUciHeart } from '../../../datasets/uci/loadUciHeart.ts';
import { UCI_FEATURES } from '../../../datasets/uci/uciHeartLayout.ts';
import { evaluateModel } from '../../../participant/training/evaluateModel.ts';
import { trainLocal } from '../../../participant/training/trainLocal.ts';

const cleveland = loadUciHeart().find((split) => split.site === 'cleveland');
if (!cleveland) throw new Error('no cleveland centre');
const training: TrainingConfig = { optimizer: 'adam', learningRate: 1e-3, batchSize: 4, localEpochs: 3 };
const genesis = genesisModel({ model: { kind: 'logistic' }, features: UCI_FEATURES, seed: 5 });

const distance = (a: Float32Array, b: Float32Array) => Math.sqrt(a.reduce((sum, value, i) => sum + (value - (b[i] ?? 0)) ** 2, 0));

describe('trainLocal', () => {
  it('learns: the epoch loss falls and test accuracy beats the majority class', async () => {
    const losses: number[] = [];
    const result = await trainLocal(genesis, cleveland.train, { training: { ...training, localEpochs: 8 }, seed: 1 }, (p) => losses.push(p.loss));
    expect(losses).toHaveLength(8);
    expect(losses[7]).toBeLessThan(losses[0] ?? 0);
    expect(result.loss).toBe(losses[7]);
    expect(result.examples).toBe(199);
    const metrics = await evaluateModel(result.model, cleveland.test);
    expect(metrics.accuracy).toBeGreaterThan(0.7);
    expect(metrics.auroc).toBeGreaterThan(0.8);
  });

  it('keeps the global model’s topology and manifest, changing only the weights', async () => {
    const { model } = await trainLocal(genesis, cleveland.train, { training: { ...training, localEpochs: 1 }, seed: 1 });
    expect(model.modelTopology).toBe(genesis.modelTopology);
    expect(model.weightSpecs).toBe(genesis.weightSpecs);
    expect(distance(model.weights, genesis.weights)).toBeGreaterThan(0);
  });

  it('gives bit-identical weights for the same seed, in this process and in two child processes', async () => {
    const script = `import { genesisModel } from './common/model/genesis.ts';
import { modelHash } from './common/model/modelHash.ts';
import { loadUciHeart } from './datasets/uci/loadUciHeart.ts';
import { UCI_FEATURES } from './datasets/uci/uciHeartLayout.ts';
import { trainLocal } from './participant/training/trainLocal.ts';
const data = loadUciHeart().find((split) => split.site === 'cleveland').train;
const global = genesisModel({ model: { kind: 'logistic' }, features: UCI_FEATURES, seed: 5 });
const training = { optimizer: 'adam', learningRate: 1e-3, batchSize: 4, localEpochs: 3 };
const { model } = await trainLocal(global, data, { training, seed: 9 });
process.stdout.write(modelHash(model));`;
    const child = () =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, MEDFL_TF_BACKEND: 'wasm' } });
    const [first, second] = [child(), child()];
    expect(first).toMatch(/^0x[0-9a-f]{64}$/);
    expect(second).toBe(first);
    const here = await trainLocal(genesis, cleveland.train, { training, seed: 9 });
    expect(modelHash(here.model)).toBe(first);
    const otherSeed = await trainLocal(genesis, cleveland.train, { training, seed: 10 });
    expect(modelHash(otherSeed.model)).not.toBe(first);
  });

  it('FedProx: the proximal term holds the local model near the global one', async () => {
    const config = { training: { ...training, learningRate: 0.05 }, seed: 2 };
    const free = await trainLocal(genesis, cleveland.train, config);
    const held = await trainLocal(genesis, cleveland.train, { ...config, proximal: { mu: 10 } });
    const zero = await trainLocal(genesis, cleveland.train, { ...config, proximal: { mu: 0 } });
    expect(distance(held.model.weights, genesis.weights)).toBeLessThan(distance(free.model.weights, genesis.weights) / 3);
    expect(zero.model.weights).toEqual(free.model.weights);
  });

  it('trains with SGD and an MLP too', async () => {
    const mlp = genesisModel({ model: { kind: 'mlp', hidden: [8] }, features: UCI_FEATURES, seed: 3 });
    const result = await trainLocal(mlp, cleveland.train, { training: { optimizer: 'sgd', learningRate: 0.05, batchSize: 16, localEpochs: 5 }, seed: 3 });
    expect((await evaluateModel(result.model, cleveland.test)).accuracy).toBeGreaterThan(0.7);
  });

  it('leaves no tensors behind, round after round', async () => {
    await trainLocal(genesis, cleveland.train, { training: { ...training, localEpochs: 1 }, seed: 1, proximal: { mu: 0.1 } });
    const before = tf.memory().numTensors;
    let model = genesis;
    for (let round = 0; round < 5; round += 1) {
      model = (await trainLocal(model, cleveland.train, { training: { ...training, localEpochs: 1 }, seed: round, proximal: { mu: 0.1 } })).model;
      await evaluateModel(model, cleveland.test);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses data whose width does not match the model', async () => {
    const narrow = { ...cleveland.train, featureNames: UCI_FEATURES.slice(0, 12), features: new Float32Array(12 * 199) };
    await expect(trainLocal(genesis, narrow, { training, seed: 1 })).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED',
      message: 'the model takes 13 features but the data set has 12',
    });
  });
});
