// The privatised gradient of one DP-SGD step (Abadi et al. 2016, "Deep Learning with Differential Privacy", Alg. 1):
// per-example gradients of the plan's loss, each clipped to C, summed, plus N(0, σ²C²) per coordinate, divided by the
// expected batch size q·N. Everything the optimizer does with it afterwards is post-processing.
import * as tf from '@tensorflow/tfjs';
import type { Batch } from './batches.ts';
import { binaryCrossEntropy } from './binaryCrossEntropy.ts';
import { clipGradient } from './clipGradient.ts';

export interface DpSgdNoise {
  readonly maxGradNorm: number;
  readonly noiseMultiplier: number;
  /** q·N: the noisy sum is divided by this, never by the sampled batch's own size (that would leak it). */
  readonly expectedBatchSize: number;
  /** Standard normal draws; secureGaussian in training. */
  readonly gaussian: (count: number) => Float64Array;
}

export interface DpSgdGradient {
  /** One tensor per variable, in the order of `variables`. */
  readonly gradient: tf.Tensor[];
  /** Mean loss over the sampled rows (NaN for an empty batch); for progress logs only. */
  readonly loss: number;
}

/** The gradient of one example's loss with respect to `variables`. */
function exampleGradient(model: tf.LayersModel, variables: tf.Variable[], features: Float32Array, label: number): { gradient: tf.Tensor[]; loss: number } {
  const x = tf.tensor2d(features, [1, features.length]);
  const y = tf.tensor2d([label], [1, 1]);
  try {
    const { value, grads } = tf.variableGrads(() => binaryCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor), variables);
    const loss = value.dataSync()[0] ?? Number.NaN;
    value.dispose();
    return { gradient: variables.map((v) => grads[v.name] ?? tf.zerosLike(v)), loss };
  } finally {
    x.dispose();
    y.dispose();
  }
}

/** Adds each row's clipped gradient to `sum` in place (disposing the tensors it replaces); returns the summed loss. */
function addClippedGradients(model: tf.LayersModel, variables: tf.Variable[], batch: Batch, maxGradNorm: number, sum: tf.Tensor[]): number {
  const width = batch.features.length / Math.max(1, batch.rows);
  let lossSum = 0;
  for (let r = 0; r < batch.rows; r += 1) {
    const example = exampleGradient(model, variables, batch.features.subarray(r * width, (r + 1) * width), batch.labels[r] ?? 0);
    const clipped = clipGradient(example.gradient, maxGradNorm);
    tf.dispose(example.gradient);
    clipped.gradient.forEach((g, i) => {
      const previous = sum[i]!;
      sum[i] = tf.add(previous, g);
      previous.dispose();
    });
    tf.dispose(clipped.gradient);
    lossSum += example.loss;
  }
  return lossSum;
}

export function dpSgdGradient(model: tf.LayersModel, variables: tf.Variable[], batch: Batch, noise: DpSgdNoise): DpSgdGradient {
  const sum = variables.map((v) => tf.zerosLike(v) as tf.Tensor);
  const lossSum = addClippedGradients(model, variables, batch, noise.maxGradNorm, sum);
  const sigma = noise.noiseMultiplier * noise.maxGradNorm;
  const gradient = sum.map((s) => {
    const draws = Float32Array.from(noise.gaussian(s.size), (z) => sigma * z);
    const noisy = tf.tidy(() => tf.add(s, tf.tensor(draws, s.shape)).div(noise.expectedBatchSize));
    s.dispose();
    return noisy;
  });
  return { gradient, loss: batch.rows > 0 ? lossSum / batch.rows : Number.NaN };
}
