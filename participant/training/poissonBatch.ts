// Poisson sampling for DP-SGD: every training row joins a step's batch independently with probability q, so the batch
// size varies. The sampled-Gaussian accountant (common/privacy/) assumes exactly this, not a shuffled fixed-size batch.
import { columns, type TabularDataset } from '../../datasets/tabular.ts';
import type { Batch } from './batches.ts';

/** One step's batch; `uniform` draws from [0, 1) (secureUniform in training). The batch may be empty. */
export function poissonBatch(data: TabularDataset, samplingRate: number, uniform: () => number): Batch {
  const width = columns(data);
  const chosen: number[] = [];
  for (let row = 0; row < data.rows; row += 1) if (uniform() < samplingRate) chosen.push(row);
  const features = new Float32Array(chosen.length * width);
  const labels = new Float32Array(chosen.length);
  chosen.forEach((source, r) => {
    features.set(data.features.subarray(source * width, (source + 1) * width), r * width);
    labels[r] = data.labels[source] ?? 0;
  });
  return { features, labels, rows: chosen.length };
}
