// One round of local DP-SGD: the site's steps per round, each on a fresh Poisson sample with CSPRNG noise. Its ε is
// what the privacy ledger (participant/privacy/) recorded for this round before training began.
import type * as tf from '@tensorflow/tfjs';
import type { SiteDpSgd } from '../../common/privacy/siteDpSgd.ts';
import type { TabularDataset } from '../../datasets/tabular.ts';
import { dpSgdStep, type DpSgdStepConfig } from './dpSgdStep.ts';
import { secureGaussian, secureUniform } from './secureRandom.ts';

/**
 * Runs the round's steps on `variables`, with the strategy's data-independent `terms` (dpSgdStep.ts); returns the mean
 * of the sampled batches' losses (for logs only).
 */
export function dpSgdRound(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  data: TabularDataset,
  dp: Pick<SiteDpSgd, 'samplingRate' | 'noiseMultiplier' | 'maxGradNorm' | 'stepsPerRound'>,
  terms: readonly (() => tf.Scalar)[] = [],
): number {
  const config: DpSgdStepConfig = {
    samplingRate: dp.samplingRate,
    uniform: secureUniform,
    maxGradNorm: dp.maxGradNorm,
    noiseMultiplier: dp.noiseMultiplier,
    expectedBatchSize: dp.samplingRate * data.rows,
    gaussian: secureGaussian,
  };
  let sum = 0;
  let batches = 0;
  for (let step = 0; step < dp.stepsPerRound; step += 1) {
    const loss = dpSgdStep(model, optimizer, variables, data, config, terms);
    // An empty Poisson sample still takes its noisy step, but has no loss to report.
    if (Number.isNaN(loss)) continue;
    sum += loss;
    batches += 1;
  }
  return batches > 0 ? sum / batches : Number.NaN;
}
