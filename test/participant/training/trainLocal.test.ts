import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { genesisModel } from '../../../common/model/genesis.ts';
import { modelHash } from '../../../common/model/modelHash.ts';
import type { TrainingConfig } from '../../../common/plan/planSchema.ts';
import { REPO_ROOT, TYPESCRIPT_LOADER } from '../../../datasets/paths.ts';
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
      execFileSync(process.execPath, ['--import', TYPESCRIPT_LOADER, '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, MEDFL_TF_BACKEND: 'wasm' } });
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
      model = (await trainLocal(model, cleveland.train, { training: { ...training, localEpochs: 1 }, seed: round, proximal: { mu: 0.1 }, controlCorrection: new Float32Array(14).fill(0.01) })).model;
      await evaluateModel(model, cleveland.test);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('localSteps: K steps walking seeded epochs; ⌈rows/batch⌉ steps are one epoch, bit for bit', async () => {
    const sgd: TrainingConfig = { optimizer: 'sgd', learningRate: 0.01, batchSize: 4 };
    const epoch = await trainLocal(genesis, cleveland.train, { training: { ...sgd, localEpochs: 2 }, seed: 4 });
    const steps = await trainLocal(genesis, cleveland.train, { training: { ...sgd, localSteps: 100 }, seed: 4 });
    expect(epoch.steps).toBe(100);
    expect(steps.steps).toBe(100);
    expect(steps.model.weights).toEqual(epoch.model.weights);
    const more = await trainLocal(genesis, cleveland.train, { training: { ...sgd, localSteps: 101 }, seed: 4 });
    expect(more.model.weights).not.toEqual(steps.model.weights);
    const one = await trainLocal(genesis, cleveland.train, { training: { ...sgd, localSteps: 1 }, seed: 4 });
    // One step: its loss is the first batch's objective, at the genesis weights.
    expect(Number.isFinite(one.loss) && one.loss > 0).toBe(true);
    expect(more.loss).not.toBe(steps.loss);
    // FedProx's term applies under a step budget too (FLamby trains every federated strategy with local SGD steps).
    const held = await trainLocal(genesis, cleveland.train, { training: { ...sgd, learningRate: 0.05, localSteps: 100 }, seed: 4, proximal: { mu: 10 } });
    const free = await trainLocal(genesis, cleveland.train, { training: { ...sgd, learningRate: 0.05, localSteps: 100 }, seed: 4 });
    expect(distance(held.model.weights, genesis.weights)).toBeLessThan(distance(free.model.weights, genesis.weights) / 3);
  });

  it('localSteps: the reported loss is the mean objective over the K steps', async () => {
    const sgd: TrainingConfig = { optimizer: 'sgd', learningRate: 0.01, batchSize: 4, localSteps: 3 };
    const losses: number[] = [];
    let model = genesis;
    // Full batches, so each step's objective is that of the weights before it, whatever the shuffle (sum order aside).
    const fullBatch = { ...sgd, batchSize: 199 };
    for (let k = 0; k < 3; k += 1) {
      const result = await trainLocal(model, cleveland.train, { training: { ...fullBatch, localSteps: 1 }, seed: 1 });
      losses.push(result.loss);
      model = result.model;
    }
    const three = await trainLocal(genesis, cleveland.train, { training: fullBatch, seed: 1 });
    three.model.weights.forEach((value, i) => expect(value).toBeCloseTo(model.weights[i] ?? 0, 6));
    expect(losses[2]).toBeLessThan(losses[0] ?? 0);
    expect(three.loss).toBeCloseTo(losses.reduce((a, b) => a + b, 0) / 3, 6);
  });

  it('SCAFFOLD: a zero control correction trains exactly as plain SGD; a constant one shifts every step by −η·(c − c_i)', async () => {
    const sgd: TrainingConfig = { optimizer: 'sgd', learningRate: 0.05, batchSize: 4, localSteps: 20 };
    const plain = await trainLocal(genesis, cleveland.train, { training: sgd, seed: 6 });
    const zero = await trainLocal(genesis, cleveland.train, { training: sgd, seed: 6, controlCorrection: new Float32Array(14) });
    expect(zero.model.weights).toEqual(plain.model.weights);
    expect(zero.loss).toBe(plain.loss);
    // One full-batch step from the same weights: w₁ = w₀ − η(g(w₀) + v), so every weight moves η·v further.
    const correction = new Float32Array(14).fill(0.5);
    const once = { ...sgd, batchSize: 199, localSteps: 1 };
    const free = await trainLocal(genesis, cleveland.train, { training: once, seed: 6 });
    const corrected = await trainLocal(genesis, cleveland.train, { training: once, seed: 6, controlCorrection: correction });
    for (let i = 0; i < 14; i += 1) expect((corrected.model.weights[i] ?? 0) - (free.model.weights[i] ?? 0)).toBeCloseTo(-0.05 * 0.5, 6);
  });

  it('refuses a control correction of the wrong length', async () => {
    const sgd: TrainingConfig = { optimizer: 'sgd', learningRate: 0.05, batchSize: 4, localSteps: 1 };
    await expect(trainLocal(genesis, cleveland.train, { training: sgd, seed: 1, controlCorrection: new Float32Array(3) })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: 'the control correction holds 3 values but the model has 14',
    });
  });

  it('refuses data whose width does not match the model', async () => {
    const narrow = { ...cleveland.train, featureNames: UCI_FEATURES.slice(0, 12), features: new Float32Array(12 * 199) };
    await expect(trainLocal(genesis, narrow, { training, seed: 1 })).rejects.toMatchObject({
      code: 'DATASET_UNSUPPORTED',
      message: 'the model takes 13 features but the data set has 12',
    });
  });

  it('trains by DP-SGD when asked: with σ = 0, a huge clip bound and q = 1 one step is the plain full-batch step', async () => {
    const sgd: TrainingConfig = { optimizer: 'sgd', learningRate: 0.5, batchSize: cleveland.train.rows, localEpochs: 1 };
    const plain = await trainLocal(genesis, cleveland.train, { training: sgd, seed: 1 });
    const dpSgd = { samplingRate: 1, noiseMultiplier: 0, maxGradNorm: 1e9, stepsPerRound: 1 };
    const dp = await trainLocal(genesis, cleveland.train, { training: sgd, seed: 1, dpSgd });
    expect(dp.steps).toBe(1);
    expect(dp.examples).toBe(cleveland.train.rows);
    dp.model.weights.forEach((value, i) => expect(value).toBeCloseTo(plain.model.weights[i] ?? Number.NaN, 5));
  });

  it('draws DP-SGD noise from the CSPRNG, not the seed: the same seed gives different weights, after the round\'s steps', async () => {
    const dpSgd = { samplingRate: 0.05, noiseMultiplier: 1, maxGradNorm: 1, stepsPerRound: 5 };
    const [a, b] = [await trainLocal(genesis, cleveland.train, { training, seed: 9, dpSgd }), await trainLocal(genesis, cleveland.train, { training, seed: 9, dpSgd })];
    expect(a.steps).toBe(5);
    expect(modelHash(a.model)).not.toBe(modelHash(b.model));
  });

  it('keeps SCAFFOLD\'s control correction under DP-SGD: with σ = 0, a huge clip bound and q = 1 it is the plain corrected step', async () => {
    const sgd: TrainingConfig = { optimizer: 'sgd', learningRate: 0.5, batchSize: cleveland.train.rows, localEpochs: 1 };
    const controlCorrection = Float32Array.from(genesis.weights, (_, i) => (i % 2 === 0 ? 0.2 : -0.4));
    const plain = await trainLocal(genesis, cleveland.train, { training: sgd, seed: 1, controlCorrection });
    const dpSgd = { samplingRate: 1, noiseMultiplier: 0, maxGradNorm: 1e9, stepsPerRound: 1 };
    const dp = await trainLocal(genesis, cleveland.train, { training: sgd, seed: 1, controlCorrection, dpSgd });
    dp.model.weights.forEach((value, i) => expect(value).toBeCloseTo(plain.model.weights[i] ?? Number.NaN, 5));
  });
});
