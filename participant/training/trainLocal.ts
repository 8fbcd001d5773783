// Local training of one site from the global model: a seeded custom loop, so FedProx can add its proximal term.
import * as tf from '@tensorflow/tfjs';
import { MedflError } from '../../common/MedflError.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import type { TrainingConfig } from '../../common/plan/planSchema.ts';
import { seededRandom } from '../../common/seededRandom.ts';
import { columns, type TabularDataset } from '../../datasets/tabular.ts';
import { epochBatches, type Batch } from './batches.ts';
import { binaryCrossEntropy } from './binaryCrossEntropy.ts';
import { inputWidth } from './inputWidth.ts';
import { toLayersModel, weightsLike } from './layersModelIo.ts';
import { ensureBackend } from './tfBackend.ts';

export interface LocalTrainingConfig {
  readonly training: TrainingConfig;
  /** Seeds the shuffling; the same seed, data and global model give bit-identical weights. */
  readonly seed: number;
  /** FedProx (Li et al. 2020, "Federated Optimization in Heterogeneous Networks"): adds mu/2·||w − w_global||². */
  readonly proximal?: { readonly mu: number };
}

export interface EpochProgress {
  readonly epoch: number;
  readonly epochs: number;
  /** Mean training objective over this epoch. */
  readonly loss: number;
}

export interface LocalTrainingResult {
  readonly model: ModelArtifact;
  readonly examples: number;
  /** Mean training objective over the last local epoch. */
  readonly loss: number;
}

function makeOptimizer(training: TrainingConfig): tf.Optimizer {
  return training.optimizer === 'adam' ? tf.train.adam(training.learningRate) : tf.train.sgd(training.learningRate);
}

function assertTrainable(global: ModelArtifact, data: TabularDataset): void {
  const width = inputWidth(global);
  if (width !== columns(data)) {
    throw new MedflError('DATASET_UNSUPPORTED', `the model takes ${width} features but the data set has ${columns(data)}`);
  }
  if (data.rows === 0) throw new MedflError('DATASET_UNSUPPORTED', 'the local training set is empty');
}

/** One optimizer step; returns the batch's objective (mean loss plus the proximal term). */
function step(model: tf.LayersModel, optimizer: tf.Optimizer, variables: tf.Variable[], batch: Batch, proximal: (() => tf.Scalar) | undefined): number {
  const cost = tf.tidy(() => {
    const x = tf.tensor2d(batch.features, [batch.rows, batch.features.length / batch.rows]);
    const y = tf.tensor2d(batch.labels, [batch.rows, 1]);
    const objective = () => {
      const loss = binaryCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor);
      return proximal ? loss.add<tf.Scalar>(proximal()) : loss;
    };
    return optimizer.minimize(objective, true, variables) ?? tf.scalar(Number.NaN);
  });
  const value = cost.dataSync()[0] ?? Number.NaN;
  cost.dispose();
  return value;
}

function proximalTerm(variables: tf.Variable[], anchors: tf.Tensor[], mu: number): () => tf.Scalar {
  return () => tf.addN(variables.map((v, i) => tf.sum(tf.squaredDifference(v, anchors[i] ?? v)))).mul(mu / 2) as tf.Scalar;
}

/** Trains `global` on `data` for `training.localEpochs` epochs and returns the local model (same topology). */
export async function trainLocal(
  global: ModelArtifact,
  data: TabularDataset,
  config: LocalTrainingConfig,
  onProgress?: (progress: EpochProgress) => void,
): Promise<LocalTrainingResult> {
  assertTrainable(global, data);
  await ensureBackend();
  const model = await toLayersModel(global);
  const optimizer = makeOptimizer(config.training);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const anchors = config.proximal ? variables.map((v) => v.clone()) : [];
  const proximal = config.proximal && config.proximal.mu > 0 ? proximalTerm(variables, anchors, config.proximal.mu) : undefined;
  const random = seededRandom(config.seed, 'local-training');
  const epochs = config.training.localEpochs;
  let loss = Number.NaN;
  try {
    for (let epoch = 1; epoch <= epochs; epoch += 1) {
      let sum = 0;
      for (const batch of epochBatches(data, config.training.batchSize, random)) sum += step(model, optimizer, variables, batch, proximal) * batch.rows;
      loss = sum / data.rows;
      onProgress?.({ epoch, epochs, loss });
    }
    return { model: await weightsLike(model, global), examples: data.rows, loss };
  } finally {
    tf.dispose(anchors);
    optimizer.dispose();
    model.dispose();
  }
}
