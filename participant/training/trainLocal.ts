// Local training of one site from the global model: a seeded custom loop, so FedProx and SCAFFOLD can add their terms.
import * as tf from '@tensorflow/tfjs';
import { MedflError } from '../../common/MedflError.ts';
import { specSize, type ModelArtifact } from '../../common/model/ModelArtifact.ts';
import type { TrainingConfig } from '../../common/plan/planSchema.ts';
import type { SiteDpSgd } from '../../common/privacy/siteDpSgd.ts';
import { seededRandom, type SeededRandom } from '../../common/seededRandom.ts';
import { columns, type TabularDataset } from '../../datasets/tabular.ts';
import { epochBatches, stepBatches, type Batch } from './batches.ts';
import { binaryCrossEntropy } from './binaryCrossEntropy.ts';
import { dpSgdRound } from './dpSgdRound.ts';
import { inputWidth } from './inputWidth.ts';
import { toLayersModel, weightsLike } from './layersModelIo.ts';
import { ensureBackend } from './tfBackend.ts';

export interface LocalTrainingConfig {
  readonly training: TrainingConfig;
  /** Seeds the shuffling; the same seed, data and global model give bit-identical weights. */
  readonly seed: number;
  /** FedProx (Li et al. 2020, "Federated Optimization in Heterogeneous Networks"): adds mu/2·||w − w_global||². */
  readonly proximal?: { readonly mu: number };
  /**
   * SCAFFOLD (Karimireddy et al. 2020): c − c_i, flat in the global model's manifest order. Adds ⟨c − c_i, w⟩ to the
   * objective, so each SGD step is w ← w − η(g(w) + c − c_i).
   */
  readonly controlCorrection?: Float32Array;
  /**
   * Record-level DP-SGD (dpSgdRound.ts) instead of seeded mini-batches: `stepsPerRound` steps on Poisson samples with
   * CSPRNG noise; the seed then plays no part. From siteDpSgd, so the ledger accounted exactly these steps.
   */
  readonly dpSgd?: Pick<SiteDpSgd, 'samplingRate' | 'noiseMultiplier' | 'maxGradNorm' | 'stepsPerRound'>;
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
  /** Mean training objective over the last local epoch, or over all the steps of a step budget. */
  readonly loss: number;
  /** Optimizer steps taken (K in SCAFFOLD's control variate update). */
  readonly steps: number;
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

/** One optimizer step; returns the batch's objective (mean loss plus the strategy's terms). */
function step(model: tf.LayersModel, optimizer: tf.Optimizer, variables: tf.Variable[], batch: Batch, terms: readonly (() => tf.Scalar)[]): number {
  const cost = tf.tidy(() => {
    const x = tf.tensor2d(batch.features, [batch.rows, batch.features.length / batch.rows]);
    const y = tf.tensor2d(batch.labels, [batch.rows, 1]);
    const objective = () => {
      const loss = binaryCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor);
      return terms.reduce((sum, term) => sum.add<tf.Scalar>(term()), loss);
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

/** ⟨v, w⟩ summed over the variables: its gradient is exactly v, so SGD steps w ← w − η(g + v). */
function linearTerm(variables: tf.Variable[], coefficients: tf.Tensor[]): () => tf.Scalar {
  return () => tf.addN(variables.map((w, i) => tf.sum(tf.mul(w, coefficients[i] ?? 0)))) as tf.Scalar;
}

/** The flat `values` (in `global`'s manifest order) cut into one tensor per trainable weight, matched by weight name. */
function perVariable(global: ModelArtifact, weights: readonly tf.LayerVariable[], values: Float32Array): tf.Tensor[] {
  if (values.length !== global.weights.length) {
    throw new MedflError('MODEL_INVALID', `the control correction holds ${values.length} values but the model has ${global.weights.length}`);
  }
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const spec of global.weightSpecs) {
    offsets.set(spec.name, offset);
    offset += specSize(spec);
  }
  return weights.map((weight) => {
    const start = offsets.get(weight.originalName);
    if (start === undefined) throw new MedflError('MODEL_INVALID', `the global model has no weight ${weight.originalName}`);
    const shape = weight.shape.map((dim) => dim ?? 1);
    return tf.tensor(values.subarray(start, start + shape.reduce((product, dim) => product * dim, 1)), shape);
  });
}

/** The terms the plan's strategy adds to the batch loss; tensors they hold go into `held`, which the caller disposes. */
function extraTerms(global: ModelArtifact, model: tf.LayersModel, variables: tf.Variable[], config: LocalTrainingConfig, held: tf.Tensor[]): (() => tf.Scalar)[] {
  const terms: (() => tf.Scalar)[] = [];
  if (config.proximal && config.proximal.mu > 0) {
    const anchors = variables.map((v) => v.clone());
    held.push(...anchors);
    terms.push(proximalTerm(variables, anchors, config.proximal.mu));
  }
  if (config.controlCorrection) {
    const coefficients = perVariable(global, model.trainableWeights, config.controlCorrection);
    held.push(...coefficients);
    terms.push(linearTerm(variables, coefficients));
  }
  return terms;
}

type StepFn = (batch: Batch) => number;

/** `localEpochs` passes over the data; the loss is the last epoch's row-weighted mean objective. */
function trainEpochs(data: TabularDataset, epochs: number, batchSize: number, random: SeededRandom, run: StepFn, onProgress?: (progress: EpochProgress) => void): { loss: number; steps: number } {
  let loss = Number.NaN;
  let steps = 0;
  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    let sum = 0;
    for (const batch of epochBatches(data, batchSize, random)) {
      sum += run(batch) * batch.rows;
      steps += 1;
    }
    loss = sum / data.rows;
    onProgress?.({ epoch, epochs, loss });
  }
  return { loss, steps };
}

/** `localSteps` optimizer steps; the loss is the mean objective over them (each step's batch mean, as FLamby logs it). */
function trainSteps(data: TabularDataset, steps: number, batchSize: number, random: SeededRandom, run: StepFn): { loss: number; steps: number } {
  let sum = 0;
  for (const batch of stepBatches(data, batchSize, random, steps)) sum += run(batch);
  return { loss: sum / steps, steps };
}

/**
 * Trains `global` on `data` for `training.localEpochs` epochs or `training.localSteps` steps and returns the local
 * model (same topology); `onProgress` reports epochs only.
 */
export async function trainLocal(
  global: ModelArtifact,
  data: TabularDataset,
  config: LocalTrainingConfig,
  onProgress?: (progress: EpochProgress) => void,
): Promise<LocalTrainingResult> {
  assertTrainable(global, data);
  const { localEpochs, localSteps, batchSize } = config.training;
  if ((localEpochs === undefined) === (localSteps === undefined)) throw new MedflError('PLAN_INVALID', 'set exactly one of training.localEpochs and training.localSteps');
  await ensureBackend();
  const model = await toLayersModel(global);
  const optimizer = makeOptimizer(config.training);
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const held: tf.Tensor[] = [];
  try {
    const terms = extraTerms(global, model, variables, config, held);
    if (config.dpSgd) {
      const loss = dpSgdRound(model, optimizer, variables, data, config.dpSgd, terms);
      return { model: await weightsLike(model, global), examples: data.rows, loss, steps: config.dpSgd.stepsPerRound };
    }
    const random = seededRandom(config.seed, 'local-training');
    const run = (batch: Batch) => step(model, optimizer, variables, batch, terms);
    const { loss, steps } = localSteps !== undefined
      ? trainSteps(data, localSteps, batchSize, random, run)
      : trainEpochs(data, localEpochs ?? 0, batchSize, random, run, onProgress);
    return { model: await weightsLike(model, global), examples: data.rows, loss, steps };
  } finally {
    tf.dispose(held);
    optimizer.dispose();
    model.dispose();
  }
}
