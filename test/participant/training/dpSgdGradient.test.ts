import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genesisModel } from '../../../common/model/genesis.ts';
import { loadUciHeart } from '../../../datasets/uci/loadUciHeart.ts';
import { UCI_FEATURES } from '../../../datasets/uci/uciHeartLayout.ts';
import type { Batch } from '../../../participant/training/batches.ts';
import { dpSgdGradient } from '../../../participant/training/dpSgdGradient.ts';
import { toLayersModel } from '../../../participant/training/layersModelIo.ts';
import { secureGaussian } from '../../../participant/training/secureRandom.ts';
import { ensureBackend } from '../../../participant/training/tfBackend.ts';

const train = loadUciHeart().find((split) => split.site === 'cleveland')!.train;
const width = UCI_FEATURES.length;
const noNoise = (count: number) => new Float64Array(count);
const flat = (tensors: tf.Tensor[]) => tensors.flatMap((t) => [...t.dataSync()]);
const norm = (values: number[]) => Math.sqrt(values.reduce((s, v) => s + v * v, 0));

function rowBatch(row: number): Batch {
  return { features: train.features.slice(row * width, (row + 1) * width), labels: train.labels.slice(row, row + 1), rows: 1 };
}

describe('dpSgdGradient', () => {
  let model: tf.LayersModel;
  let variables: tf.Variable[];
  beforeAll(async () => {
    await ensureBackend();
    model = await toLayersModel(genesisModel({ model: { kind: 'mlp', hidden: [8] }, features: UCI_FEATURES, seed: 3 }));
    variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  });
  afterAll(() => model.dispose());

  it('bounds every example\'s contribution by maxGradNorm: each one-row gradient is clipped to the bound, not beyond', () => {
    for (const row of [0, 5, 17, 42, 100]) {
      const raw = dpSgdGradient(model, variables, rowBatch(row), { maxGradNorm: 1e9, noiseMultiplier: 0, expectedBatchSize: 1, gaussian: noNoise }).gradient;
      const rawNorm = norm(flat(raw));
      tf.dispose(raw);
      const bound = rawNorm / 10;
      const { gradient } = dpSgdGradient(model, variables, rowBatch(row), { maxGradNorm: bound, noiseMultiplier: 0, expectedBatchSize: 1, gaussian: noNoise });
      expect(norm(flat(gradient))).toBeLessThanOrEqual(bound);
      expect(norm(flat(gradient))).toBeGreaterThan(bound * 0.999);
      tf.dispose(gradient);
    }
  });

  it('sums the clipped examples: two rows at a tiny bound give at most twice the bound, over the expected batch size', () => {
    const two: Batch = { features: train.features.slice(0, 2 * width), labels: train.labels.slice(0, 2), rows: 2 };
    const { gradient, loss } = dpSgdGradient(model, variables, two, { maxGradNorm: 1e-4, noiseMultiplier: 0, expectedBatchSize: 4, gaussian: noNoise });
    expect(norm(flat(gradient))).toBeLessThanOrEqual((2 * 1e-4) / 4);
    expect(loss).toBeGreaterThan(0);
    tf.dispose(gradient);
  });

  it('adds noise of standard deviation σ·C/B to every coordinate (empty batch, 300 draws of every coordinate)', () => {
    const empty: Batch = { features: new Float32Array(0), labels: new Float32Array(0), rows: 0 };
    const values: number[] = [];
    for (let draw = 0; draw < 300; draw += 1) {
      const { gradient, loss } = dpSgdGradient(model, variables, empty, { maxGradNorm: 2, noiseMultiplier: 1.5, expectedBatchSize: 4, gaussian: secureGaussian });
      expect(loss).toBeNaN();
      values.push(...flat(gradient));
      tf.dispose(gradient);
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    // 300 × 129 coordinates ≈ 38 700 draws: the sample sd is within 2% of σ·C/B = 0.75 but for 1 in 10⁸.
    expect(sd / 0.75).toBeGreaterThan(0.98);
    expect(sd / 0.75).toBeLessThan(1.02);
    expect(Math.abs(mean)).toBeLessThan(0.02);
  });

  it('draws fresh noise each time: two noisy gradients of the same batch differ', () => {
    const noise = { maxGradNorm: 1, noiseMultiplier: 1, expectedBatchSize: 1, gaussian: secureGaussian };
    const a = dpSgdGradient(model, variables, rowBatch(0), noise).gradient;
    const b = dpSgdGradient(model, variables, rowBatch(0), noise).gradient;
    expect(flat(a)).not.toEqual(flat(b));
    tf.dispose([...a, ...b]);
  });
});
