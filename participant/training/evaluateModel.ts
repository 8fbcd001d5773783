// Evaluates a model artifact on a local data set: predicted probabilities from tfjs, metrics in plain JS.
import * as tf from '@tensorflow/tfjs';
import { MedflError } from '../../common/MedflError.ts';
import { binaryMetrics, type BinaryMetrics } from '../../common/metrics.ts';
import type { ModelArtifact } from '../../common/model/ModelArtifact.ts';
import { columns, type TabularDataset } from '../../datasets/tabular.ts';
import { inputWidth } from './inputWidth.ts';
import { toLayersModel } from './layersModelIo.ts';
import { ensureBackend } from './tfBackend.ts';

const PREDICT_BATCH = 1024;

/** The model's probability of the positive class for every row of `data`. */
export async function predictProbabilities(model: ModelArtifact, data: TabularDataset): Promise<Float32Array> {
  if (inputWidth(model) !== columns(data)) {
    throw new MedflError('DATASET_UNSUPPORTED', `the model takes ${inputWidth(model)} features but the data set has ${columns(data)}`);
  }
  if (data.rows === 0) return new Float32Array(0);
  await ensureBackend();
  const layers = await toLayersModel(model);
  try {
    const output = tf.tidy(() => {
      const x = tf.tensor2d(data.features, [data.rows, columns(data)]);
      return layers.predict(x, { batchSize: PREDICT_BATCH }) as tf.Tensor;
    });
    const probabilities = output.dataSync() as Float32Array;
    output.dispose();
    return Float32Array.from(probabilities);
  } finally {
    layers.dispose();
  }
}

export async function evaluateModel(model: ModelArtifact, data: TabularDataset): Promise<BinaryMetrics> {
  return binaryMetrics(await predictProbabilities(model, data), data.labels);
}
