import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { genesisModel } from '../../../common/model/genesis.ts';
import type { ModelSpec } from '../../../common/plan/planSchema.ts';
import { loadUciHeart } from '../../../datasets/uci/loadUciHeart.ts';
import { UCI_FEATURES } from '../../../datasets/uci/uciHeartLayout.ts';
import { binaryCrossEntropy } from '../../../participant/training/binaryCrossEntropy.ts';
import { dpSgdStep } from '../../../participant/training/dpSgdStep.ts';
import { toLayersModel } from '../../../participant/training/layersModelIo.ts';
import { secureGaussian, secureUniform } from '../../../participant/training/secureRandom.ts';
import { ensureBackend } from '../../../participant/training/tfBackend.ts';

const train = loadUciHeart().find((split) => split.site === 'cleveland')!.train;

async function weightsAfter(spec: ModelSpec, step: (model: tf.LayersModel, optimizer: tf.Optimizer, variables: tf.Variable[]) => void): Promise<number[]> {
  await ensureBackend();
  const model = await toLayersModel(genesisModel({ model: spec, features: UCI_FEATURES, seed: 7 }));
  const optimizer = tf.train.sgd(0.5);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  try {
    step(model, optimizer, variables);
    return variables.flatMap((v) => [...v.dataSync()]);
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

/** The plain full-batch step: the optimizer on the mean loss over every training row. */
function plainStep(model: tf.LayersModel, optimizer: tf.Optimizer, variables: tf.Variable[]): void {
  tf.tidy(() => {
    const x = tf.tensor2d(train.features, [train.rows, UCI_FEATURES.length]);
    const y = tf.tensor2d(train.labels, [train.rows, 1]);
    optimizer.minimize(() => binaryCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor), false, variables);
  });
}

describe('dpSgdStep', () => {
  it.each<[string, ModelSpec]>([
    ['logistic', { kind: 'logistic' }],
    ['mlp', { kind: 'mlp', hidden: [8, 4] }],
  ])('with σ = 0, a huge clip bound and q = 1 equals the plain full-batch step (%s)', async (_, spec) => {
    const config = { samplingRate: 1, uniform: secureUniform, maxGradNorm: 1e9, noiseMultiplier: 0, expectedBatchSize: train.rows, gaussian: secureGaussian };
    const dp = await weightsAfter(spec, (model, optimizer, variables) => {
      expect(dpSgdStep(model, optimizer, variables, train, config)).toBeGreaterThan(0);
    });
    const plain = await weightsAfter(spec, plainStep);
    expect(dp).toHaveLength(plain.length);
    dp.forEach((value, i) => expect(value).toBeCloseTo(plain[i] ?? Number.NaN, 5));
    // and the step did move the weights
    const start = genesisModel({ model: spec, features: UCI_FEATURES, seed: 7 }).weights;
    expect(dp.some((value, i) => Math.abs(value - (start[i] ?? 0)) > 1e-4)).toBe(true);
  });

  it('adds a data-independent term\'s exact gradient (a proximal term): with no rows sampled and no noise only it moves the weights', async () => {
    const config = { samplingRate: 0, uniform: secureUniform, maxGradNorm: 1, noiseMultiplier: 0, expectedBatchSize: 4, gaussian: secureGaussian };
    const spec: ModelSpec = { kind: 'logistic' };
    const moved = await weightsAfter(spec, (model, optimizer, variables) => {
      // A proximal term anchored at 0 with μ = 1: gradient w, so SGD at 0.5 halves every weight.
      const proximal = () => tf.addN(variables.map((v) => tf.sum(tf.square(v)))).mul(0.5) as tf.Scalar;
      dpSgdStep(model, optimizer, variables, train, config, [proximal]);
    });
    const start = genesisModel({ model: spec, features: UCI_FEATURES, seed: 7 }).weights;
    moved.forEach((value, i) => expect(value).toBeCloseTo((start[i] ?? 0) / 2, 6));
  });
});
