// Per-example clipping for DP-SGD: one example's gradient, over all the model's variables together, scaled down to an
// L2 norm of at most maxGradNorm, which bounds any one record's influence on a step (the sensitivity the noise covers).
import * as tf from '@tensorflow/tfjs';

export interface ClippedGradient {
  /** One tensor per variable, jointly of L2 norm ≤ maxGradNorm. */
  readonly gradient: tf.Tensor[];
  /** The joint L2 norm before clipping. */
  readonly norm: number;
}

/** Returns new tensors; the caller disposes them (and still owns `gradient`). */
export function clipGradient(gradient: readonly tf.Tensor[], maxGradNorm: number): ClippedGradient {
  const norm = Math.sqrt(tf.tidy(() => tf.addN(gradient.map((g) => tf.sum(tf.square(g)))).dataSync()[0] ?? 0));
  // Float32 rounding of the scaled values can land a hair above the bound; 1 − 2⁻²⁰ keeps it below.
  const scale = norm > maxGradNorm ? (maxGradNorm / norm) * (1 - 2 ** -20) : 1;
  return { gradient: gradient.map((g) => tf.mul(g, scale)), norm };
}
