// One DP-SGD step of local training: a Poisson-sampled batch, its privatised gradient (dpSgdGradient.ts), then the
// plan's optimizer on that gradient. The strategy's terms (FedProx's proximal term, SCAFFOLD's control correction) do
// not touch the data, so their exact gradient is added to the privatised one.
import * as tf from '@tensorflow/tfjs';
import type { TabularDataset } from '../../datasets/tabular.ts';
import { dpSgdGradient, type DpSgdNoise } from './dpSgdGradient.ts';
import { poissonBatch } from './poissonBatch.ts';

export interface DpSgdStepConfig extends DpSgdNoise {
  readonly samplingRate: number;
  /** Uniform draws in [0, 1) for the Poisson sample; secureUniform in training. */
  readonly uniform: () => number;
}

/**
 * Samples, privatises and applies one step; `terms` are data-independent scalars added to the objective. Returns the
 * sampled batch's mean loss (NaN when it drew no row).
 */
export function dpSgdStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  data: TabularDataset,
  config: DpSgdStepConfig,
  terms: readonly (() => tf.Scalar)[] = [],
): number {
  const batch = poissonBatch(data, config.samplingRate, config.uniform);
  const { gradient, loss } = dpSgdGradient(model, variables, batch, config);
  let applied = gradient;
  if (terms.length > 0) {
    const { value, grads } = tf.variableGrads(() => tf.addN(terms.map((term) => term())) as tf.Scalar, variables);
    value.dispose();
    applied = gradient.map((g, i) => tf.add(g, grads[variables[i]!.name] ?? tf.zerosLike(g)));
    tf.dispose([...gradient, ...Object.values(grads)]);
  }
  optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: applied[i]! })));
  tf.dispose(applied);
  return loss;
}
